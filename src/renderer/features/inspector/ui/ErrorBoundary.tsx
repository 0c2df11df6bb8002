import { Component, type ReactNode } from 'react';

interface Props {
  fallback(error: Error): ReactNode;
  children: ReactNode;
}

/** Shows `fallback` instead of a part that failed to load or render, leaving the rest of the screen alone. */
export class ErrorBoundary extends Component<Props, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render() {
    return this.state.error ? this.props.fallback(this.state.error) : this.props.children;
  }
}
