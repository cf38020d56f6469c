import { useEffect } from 'react'
import type { SearchHit, SearchStatus } from '../../../shared/search'
import { useStores } from '../stores/app-stores'
import { useStore } from '../stores/store'

/** Results for a query as it is typed (see search-store.ts), and the index's state while it loads. */
export function useSearch(query: string): { hits: SearchHit[]; unmatched: string[]; status: SearchStatus | null; error: string | null; answered: string | null } {
  const { search, status } = useStores()
  useEffect(() => search.setQuery(query), [search, query])
  const results = useStore(search)
  const { search: index } = useStore(status)
  return { ...results, status: query.trim() === '' ? null : index }
}
