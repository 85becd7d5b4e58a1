/** Contains a rendering failure to one region of the page, with a clear message and a retry. */
import { Component, type ErrorInfo, type ReactNode } from 'react';

/** Props: `label` names what failed, for the message. */
export interface ErrorBoundaryProps {
  readonly label: string;
  readonly children: ReactNode;
}

/** Error boundary used around every lab and around the chapter body. */
export class ErrorBoundary extends Component<ErrorBoundaryProps, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    // Keep the details in the console for bug reports; the reader gets a short message.
    console.warn(`[${this.props.label}] failed:`, error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="error-box" role="alert">
        <p>
          <strong>{this.props.label} stopped working.</strong> The rest of the page is fine. ({this.state.error.message})
        </p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
