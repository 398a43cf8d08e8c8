import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import './styles.css';

const rootElement = document.getElementById('root');

function renderFatal(root: HTMLElement, error: unknown) {
  const message = error instanceof Error ? error.message : String(error);
  const box = document.createElement('div');
  box.setAttribute('role', 'alert');
  box.style.cssText = 'margin:2rem;font-family:system-ui,sans-serif;max-width:40rem';
  const h = document.createElement('h1');
  h.textContent = 'Pod Network Lab could not start';
  const p = document.createElement('p');
  p.textContent = message;
  box.append(h, p);
  root.replaceChildren(box);
}

if (rootElement) {
  try {
    createRoot(rootElement).render(
      <StrictMode>
        <ErrorBoundary>
          <App />
        </ErrorBoundary>
      </StrictMode>,
    );
  } catch (error) {
    renderFatal(rootElement, error);
  }
}
