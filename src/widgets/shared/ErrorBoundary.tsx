/** Contains any failure inside one lab so the rest of the chapter keeps working. */
import { Component, type ReactNode } from 'react';

/** Props: what to show and how to recover. */
export interface LabErrorBoundaryProps {
  /** Lab title, used in the message. */
  title: string;
  /** Called by the "Reset lab" button before the boundary re-renders its children. */
  onReset(): void;
  children: ReactNode;
}

interface BoundaryState {
  error: Error | null;
}

/** Error boundary around one lab, with a clear message and a reset button. */
export class LabErrorBoundary extends Component<LabErrorBoundaryProps, BoundaryState> {
  override state: BoundaryState = { error: null };

  static getDerivedStateFromError(error: Error): BoundaryState {
    return { error };
  }

  override componentDidCatch(error: Error): void {
    console.error(`[lab] ${this.props.title} failed:`, error);
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <div className="lab-error" role="alert">
        <p>
          <strong>{this.props.title} stopped working.</strong> The rest of the page is fine. Details:{' '}
          <code>{this.state.error.message.slice(0, 300)}</code>
        </p>
        <button
          type="button"
          className="lab-btn"
          onClick={() => {
            this.props.onReset();
            this.setState({ error: null });
          }}
        >
          Reset lab
        </button>
      </div>
    );
  }
}
