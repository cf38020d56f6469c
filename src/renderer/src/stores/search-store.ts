import type { NotebookApi } from '../../../shared/api'
import type { SearchHit } from '../../../shared/search'
import type { StatusStore } from './status-store'
import { Store } from './store'

export interface SearchState {
  hits: SearchHit[]
  /** Words of the query that match nothing. */
  unmatched: string[]
  error: string | null
  /** The query the hits answer (they lag the query while it is typed). */
  answered: string | null
}

/** How long typing pauses before a search is sent. */
export const SEARCH_DEBOUNCE_MS = 60

/**
 * Results for a query as it is typed: debounced, and only the answer to the latest query is kept
 * (older answers arriving late are dropped). The index's state (loading, with progress) comes
 * from the status store, which the notebook's events keep current: nothing is polled.
 */
export class SearchStore extends Store<SearchState> {
  private latest = 0
  private timer: ReturnType<typeof setTimeout> | undefined

  constructor(
    private readonly api: Pick<NotebookApi, 'search'>,
    private readonly status: StatusStore
  ) {
    super({ hits: [], unmatched: [], error: null, answered: null })
  }

  setQuery(query: string): void {
    const id = ++this.latest
    clearTimeout(this.timer)
    if (query.trim() === '') {
      this.patch({ hits: [], unmatched: [], error: null })
      return
    }
    this.timer = setTimeout(() => {
      this.api.search({ query, limit: 30 }).then(
        (response) => {
          if (id !== this.latest) return
          this.status.searched(response.status)
          this.set({ hits: response.hits, unmatched: response.unmatched ?? [], error: null, answered: query })
        },
        (error: unknown) => id === this.latest && this.patch({ error: (error as Error).message })
      )
    }, SEARCH_DEBOUNCE_MS)
  }
}
