// The bundle floor: the least a React 19 app that draws with Cytoscape can download. The
// build compares the lab route's JavaScript with this app built in the same run.
import { createElement, useEffect, useRef } from 'react';
import { createRoot } from 'react-dom/client';
import cytoscape from 'cytoscape';

function Floor() {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const cy = cytoscape({ container: ref.current, elements: [{ data: { id: 'a', label: 'node-1' } }] });
    return () => cy.destroy();
  }, []);
  return createElement('div', { ref, style: { width: 400, height: 300 } });
}

createRoot(document.getElementById('root')!).render(createElement(Floor));
