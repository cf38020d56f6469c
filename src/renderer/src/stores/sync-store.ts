import type { NotebookApi } from '../../../shared/api'
import type { NotebookEvents } from '../../../shared/events'
import { isNewerSyncStatus, type SyncStatus } from '../../../shared/sync'
import { Store } from './store'

/** Sync with a server as the notebook announces it (nothing polled); null until first known. */
export class SyncStore extends Store<SyncStatus | null> {
  private readonly off: () => void

  constructor(
    private readonly api: Pick<NotebookApi, 'getSyncStatus' | 'joinSync' | 'leaveSync'>,
    events: Pick<NotebookEvents, 'onDidChangeSync'>
  ) {
    super(null)
    this.off = events.onDidChangeSync((event) => this.heard(event.status))
  }

  /** A status, from an event or an answer: kept unless one heard already is newer. */
  private heard(status: SyncStatus): void {
    if (isNewerSyncStatus(status, this.get())) this.setIfChanged(status)
  }

  async load(): Promise<void> {
    const status = await this.api.getSyncStatus().catch(() => null)
    if (status) this.heard(status)
  }

  /** Joins a notebook on a server; rejects with the notebook's message when it cannot. */
  async join(address: string, token: string, name: string): Promise<void> {
    this.heard(await this.api.joinSync({ address, token, ...(name.trim() ? { name: name.trim() } : {}) }))
  }

  async leave(): Promise<void> {
    this.heard(await this.api.leaveSync())
  }

  dispose(): void {
    this.off()
  }
}
