import type { NotebookApi } from '../../../shared/api'
import type { NotebookEvents } from '../../../shared/events'
import type { ImportStatus } from '../../../shared/imports'
import type { SearchStatus } from '../../../shared/search'
import { Store } from './store'

export interface StatusState {
  /** The import running in the notebook (from any window or the CLI), with its progress. */
  imports: ImportStatus
  /** The search index: loading, rebuilding (with progress) or ready; null until first known. */
  search: SearchStatus | null
}

/** Import progress and the search index's state, as the notebook announces them: nothing is polled. */
export class StatusStore extends Store<StatusState> {
  private readonly off: () => void
  private heard = false

  constructor(
    private readonly api: Pick<NotebookApi, 'getSearchStatus'>,
    events: Pick<NotebookEvents, 'onDidChangeStatus'>
  ) {
    super({ imports: { running: false }, search: null })
    this.off = events.onDidChangeStatus((event) => {
      this.heard = true
      // each part keeps its object while it says the same: a reader of one part is not re-rendered for the other
      const { imports, search } = this.get()
      const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)
      const next = { imports: same(imports, event.imports) ? imports : event.imports, search: same(search, event.search) ? search : event.search }
      if (next.imports !== imports || next.search !== search) this.set(next)
    })
  }

  /** The search index's state, asked once (after that the events tell every change). */
  async load(): Promise<void> {
    const search = await this.api.getSearchStatus().catch(() => null)
    if (search && !this.heard) this.patch({ search })
  }

  /** A search's answer carries the index's state as it was then. */
  searched(search: SearchStatus): void {
    if (!this.heard) this.patch({ search })
  }

  dispose(): void {
    this.off()
  }
}
