/**
 * The one error boundary of the book: it contains a rendering failure to one region of the page (the
 * chapter body, the narration bar, each lab and figure in its registry slot) with a short message and
 * a button that tries again. React unmounts a region that failed, so trying again mounts it afresh: a lab
 * starts over from its scenario with a new store.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';

/** Props: `label` names what failed, for the message. */
export interface ErrorBoundaryProps {
  /** What failed, as the start of a sentence, e.g. "This chapter" or "The Raft lab". */
  readonly label: string;
  /** A sentence after the message, e.g. where else the reader finds the content. */
  readonly note?: string;
  /** Text of the retry button (default "Try again"). */
  readonly retryLabel?: string;
  readonly children: ReactNode;
}

interface ErrorBoundaryState {
  readonly error: Error | null;
}

/** Error boundary used around every lab and figure, the chapter body and the narration bar. */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null };

  static getDerivedStateFromError(error: Error): ErrorBoundaryState {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    // Keep the details in the console for bug reports; the reader gets a short message.
    console.error(`[${this.props.label}] failed:`, error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="error-box" role="alert">
        <p>
          <strong>{this.props.label} stopped working.</strong> The rest of the page is fine. ({String(error.message).slice(0, 300)})
          {this.props.note ? ` ${this.props.note}` : ''}
        </p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          {this.props.retryLabel ?? 'Try again'}
        </button>
      </div>
    );
  }
}
