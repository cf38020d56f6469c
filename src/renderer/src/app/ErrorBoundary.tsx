import { Component, type ErrorInfo, type ReactNode } from 'react'

interface ErrorBoundaryProps {
  /** What failed, for the message: "This note", "The source". */
  what: string
  /** When this changes (another note, another source), the pane tries again. */
  resetKey: unknown
  /** Told once per failure, e.g. to stop saving the note and not reopen it at start. */
  onError?(error: Error): void
  children: ReactNode
}

/**
 * Keeps one pane's failure in that pane: it says what happened, and the rest of the window
 * keeps working. The pane tries again when what it shows changes.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, { error: Error | null }> {
  override state: { error: Error | null } = { error: null }

  static getDerivedStateFromError(error: Error): { error: Error } {
    return { error }
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`${this.props.what} could not be shown:`, error, info.componentStack)
    this.props.onError?.(error)
  }

  override componentDidUpdate(previous: ErrorBoundaryProps): void {
    if (this.state.error && previous.resetKey !== this.props.resetKey) this.setState({ error: null })
  }

  override render(): ReactNode {
    const { error } = this.state
    if (!error) return this.props.children
    return (
      <div className="pane-error" role="alert">
        <p>
          <strong>{this.props.what} could not be shown</strong> ({error.message || 'an error inside Pilcrow'}).
        </p>
        <p>Nothing was saved over it. The rest of Pilcrow keeps working: open another note or source.</p>
      </div>
    )
  }
}
