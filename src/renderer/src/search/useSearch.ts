import { useEffect, useRef, useState } from 'react'
import type { SearchHit, SearchStatus } from '../../../shared/search'
import { api } from '../api/client'

/** How long typing pauses before a search is sent. */
const DEBOUNCE_MS = 60

/**
 * Results for a query as it is typed: debounced, and only the answer to the latest query is
 * shown (older answers arriving late are dropped). Reports the index status while it loads.
 */
export function useSearch(query: string): { hits: SearchHit[]; unmatched: string[]; status: SearchStatus | null; error: string | null; answered: string | null } {
  const [hits, setHits] = useState<SearchHit[]>([])
  /** The query the hits answer (they lag the query while it is typed). */
  const [answered, setAnswered] = useState<string | null>(null)
  const [unmatched, setUnmatched] = useState<string[]>([])
  const [status, setStatus] = useState<SearchStatus | null>(null)
  const [error, setError] = useState<string | null>(null)
  const latest = useRef(0)

  useEffect(() => {
    const id = ++latest.current
    if (query.trim() === '') {
      setHits([])
      setUnmatched([])
      setError(null)
      return
    }
    // while the index is still loading, say so (with progress) instead of looking stuck
    let poll: number | undefined
    const watchStatus = (): void => {
      void api.getSearchStatus().then((s) => {
        if (id !== latest.current) return
        setStatus(s)
        if (s.state !== 'ready') poll = window.setTimeout(watchStatus, 250)
      })
    }
    const timer = window.setTimeout(() => {
      watchStatus()
      api.search({ query, limit: 30 }).then(
        (response) => {
          if (id !== latest.current) return
          setHits(response.hits)
          setAnswered(query)
          setUnmatched(response.unmatched ?? [])
          setStatus(response.status)
          setError(null)
        },
        (e: unknown) => id === latest.current && setError((e as Error).message)
      )
    }, DEBOUNCE_MS)
    return () => {
      window.clearTimeout(timer)
      window.clearTimeout(poll)
    }
  }, [query])

  return { hits, unmatched, status, error, answered }
}
