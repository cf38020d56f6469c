import type { ReactNode } from 'react'
import { describeImport, type ImportOutcome, type ImportStatus } from '../../../shared/imports'

/** "Importing book.pdf (2 of 3) — page 120 of 300", then what each file came to. */
export function ImportStatusPanel({ progress, outcomes, onDismiss }: { progress: ImportStatus | null; outcomes: ImportOutcome[]; onDismiss(): void }): ReactNode {
  if (!progress && outcomes.length === 0) return null
  const failed = outcomes.filter((o) => !o.ok).length
  return (
    <section className="import-panel" aria-label="Import">
      <div role="status" className="import-progress">
        {progress ? (
          <>
            <span className="spinner" aria-hidden="true" />
            Importing {progress.fileName}
            {progress.fileCount && progress.fileCount > 1 ? ` (${progress.fileIndex} of ${progress.fileCount})` : ''}
            {progress.total ? ` — ${progress.unit} ${progress.done} of ${progress.total}` : '…'}
            {progress.total ? <progress max={progress.total} value={progress.done ?? 0} aria-hidden="true" /> : null}
          </>
        ) : (
          `Import finished: ${outcomes.length - failed} of ${outcomes.length} ${outcomes.length === 1 ? 'file' : 'files'} imported.`
        )}
      </div>
      {outcomes.length > 0 && (
        <ul className="import-outcomes">
          {outcomes.map((o, i) => (
            <li key={i} className={o.ok ? 'import-ok' : 'import-failed'}>
              {/* the alert inside the item: a list item cannot itself be an alert */}
              {o.ok ? describeImport(o) : <span role="alert">{o.error}</span>}
            </li>
          ))}
        </ul>
      )}
      {!progress && (
        <button type="button" className="link-button" onClick={onDismiss} aria-label="Dismiss import results">
          ✕
        </button>
      )}
    </section>
  )
}
