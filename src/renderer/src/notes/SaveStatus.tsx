import type { ReactNode } from 'react'
import type { SaveState } from '../stores/note-saver'

/** "Saved", "Saving…", "Edited", "Read-only" with the reason, or "Not saved" with the reason and a way to retry. */
export function SaveStatus({ state, onRetry }: { state: SaveState; onRetry(): void }): ReactNode {
  return (
    <span className={`save-status save-${state.kind}`} role="status">
      {state.kind === 'saved' && 'Saved'}
      {state.kind === 'saving' && 'Saving…'}
      {state.kind === 'unsaved' && 'Edited'}
      {state.kind === 'readonly' && `Read-only: ${state.reason}`}
      {state.kind === 'failed' && (
        <>
          Not saved: {state.reason}{' '}
          <button type="button" className="link-button" onClick={onRetry}>
            Retry
          </button>
        </>
      )}
    </span>
  )
}
