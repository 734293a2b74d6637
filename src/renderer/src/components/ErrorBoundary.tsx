import { Component, type ErrorInfo, type ReactNode } from 'react';

/**
 * A pane that fails to render says so in place; the rest of the screen — the kill switch above
 * all — keeps working.
 */
export class ErrorBoundary extends Component<{ name: string; children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`ArbDesk: the ${this.props.name} pane failed: ${error.message}`, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <div role="alert" className="banner banner-error pane-failed">
        The {this.props.name} pane failed to draw: {this.state.error.message}.{' '}
        <button type="button" onClick={() => this.setState({ error: null })}>Try again</button>
      </div>
    );
  }
}
