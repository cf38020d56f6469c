import { useState, type FormEvent, type ReactNode } from 'react'
import { syncStatusLabel, type SyncStatus } from '../../../shared/sync'
import type { SyncStore } from '../stores/sync-store'
import { useModalDialog } from '../ui/useModalDialog'

interface SyncDialogProps {
  open: boolean
  status: SyncStatus | null
  sync: SyncStore
  onClose(): void
}

/**
 * Sync: join a notebook on a sync server (its address and the token its keeper made), see how
 * syncing goes, or leave. Leaving keeps every note here; it only stops sharing.
 */
export function SyncDialog({ open, status, sync, onClose }: SyncDialogProps): ReactNode {
  const dialog = useModalDialog(open)
  const [address, setAddress] = useState('')
  const [token, setToken] = useState('')
  const [name, setName] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const joined = status !== null && status.state !== 'off'

  const run = (work: () => Promise<void>): void => {
    setBusy(true)
    setError(null)
    work().then(
      () => setBusy(false),
      (failure: unknown) => {
        setBusy(false)
        setError(failure instanceof Error ? failure.message : String(failure))
      }
    )
  }
  const join = (event: FormEvent): void => {
    event.preventDefault()
    run(async () => {
      await sync.join(address, token, name)
      setToken('')
    })
  }

  return (
    <dialog ref={dialog} className="settings-dialog sync-dialog" aria-label="Sync" onClose={onClose}>
      <h2>Sync</h2>
      {joined ? (
        <>
          <p className={`sync-state sync-${status.state}`} role="status">
            {syncStatusLabel(status)}
          </p>
          <dl className="sync-facts">
            <dt>Notebook</dt>
            <dd>
              {status.remote?.server}/{status.remote?.notebook}
            </dd>
            {status.pending > 0 && (
              <>
                <dt>Waiting to go</dt>
                <dd>{status.pending === 1 ? '1 document' : `${status.pending} documents`}</dd>
              </>
            )}
            {status.lastSyncedAt && (
              <>
                <dt>Last synced</dt>
                <dd>{new Date(status.lastSyncedAt).toLocaleString()}</dd>
              </>
            )}
          </dl>
          {status.state !== 'refused' && status.message && <p className="field-hint">{status.message}</p>}
          <p className="field-hint">Leaving stops sharing this notebook. Every note stays here as it is.</p>
          <div className="dialog-actions">
            <button type="button" className="link-button" disabled={busy} onClick={() => run(() => sync.leave())}>
              Leave
            </button>
            <button type="button" className="primary-button" onClick={onClose}>
              Done
            </button>
          </div>
        </>
      ) : (
        <form onSubmit={join}>
          <p className="field-hint">Share this notebook with your other devices and your co-authors through a Pilcrow sync server.</p>
          <label className="stacked-field">
            Server address
            <input type="text" required spellCheck={false} placeholder="ws://127.0.0.1:4455/my-notebook" value={address} onChange={(e) => setAddress(e.target.value)} />
          </label>
          <label className="stacked-field">
            Token
            <input type="password" required autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} />
          </label>
          <p className="field-hint">The server's keeper makes a token with: pilcrow sync-server token add NAME</p>
          <label className="stacked-field">
            This device's name (optional)
            <input type="text" maxLength={100} placeholder="the computer's name" value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <p className="field-hint">Co-authors see it beside the notes you have open.</p>
          <div className="dialog-actions">
            <button type="button" className="link-button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="primary-button" disabled={busy}>
              Join
            </button>
          </div>
        </form>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </dialog>
  )
}

/** The window's sync status, in its top bar (a quiet button until the notebook syncs): opens the Sync dialog. */
export function SyncStatusButton({ status, onOpen }: { status: SyncStatus | null; onOpen(): void }): ReactNode {
  if (!status || status.state === 'off') {
    return (
      <button type="button" className="bar-button" onClick={onOpen} aria-label="Sync" title="Sync with other devices and co-authors">
        ⇅
      </button>
    )
  }
  const label = syncStatusLabel(status)
  return (
    <button type="button" className={`sync-status sync-${status.state}`} onClick={onOpen} title="Sync">
      <span className="sync-dot" aria-hidden="true" />
      <span role="status">{label}</span>
    </button>
  )
}
