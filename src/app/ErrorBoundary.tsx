import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  readonly children: ReactNode;
}

interface State {
  readonly error: Error | null;
}

/** Catches a rendering error and explains it instead of leaving a blank page. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.warn('Pod Network Lab caught an error:', error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div
        role="alert"
        className="m-6 max-w-2xl rounded border border-red-300 bg-red-50 p-4 text-red-950 dark:border-red-800 dark:bg-red-950 dark:text-red-50"
      >
        <h2 className="text-lg font-semibold">Something went wrong in this view</h2>
        <p className="mt-2">The lab hit an error it did not expect. Your saved progress is untouched.</p>
        <pre className="mt-2 overflow-auto text-xs whitespace-pre-wrap">{error.message}</pre>
        <button
          type="button"
          className="mt-3 rounded bg-red-800 px-3 py-1.5 text-sm font-semibold text-white"
          onClick={() => this.setState({ error: null })}
        >
          Reset the view
        </button>
      </div>
    );
  }
}
