import { useCallback, useRef, useState } from 'react'
import type { Source, SourceSummary } from '../../../shared/model'
import type { StartupData } from '../../../shared/startup'
import { api } from '../api/client'

export interface SourceLibrary {
  list: SourceSummary[]
  /** Sources loaded so far; a source that failed to load (or was deleted) is null. */
  loaded: ReadonlyMap<string, Source | null>
  setList(list: SourceSummary[]): void
  /** Loads a source once (the open one, and any a note's chips cite). */
  request(id: string): void
  /** Takes a source already asked for (at startup), so `request` does not ask again. */
  prime(id: string, source: Promise<Source>): void
  /** Fetches the list again, and the given sources' blocks (after an import or an edit). */
  refresh(changedIds: string[]): Promise<SourceSummary[]>
  /** Forgets a deleted source: its chips show their saved quotes. */
  forget(id: string): void
}

/** The workspace's sources as the window knows them: the list, and the ones loaded in full (from `initial` at first: what the page came with). */
export function useSourceLibrary(onError: (e: unknown) => void, initial: () => Pick<StartupData, 'list' | 'source'> | null): SourceLibrary {
  const [list, setList] = useState<SourceSummary[]>(() => initial()?.list ?? [])
  const [loaded, setLoaded] = useState<ReadonlyMap<string, Source | null>>(() => {
    const source = initial()?.source
    return new Map(source ? [[source.id, source]] : [])
  })
  const requested = useRef(new Set(loaded.keys()))

  const settle = useCallback((id: string, source: Promise<Source>) => {
    requested.current.add(id)
    source.then(
      (s) => setLoaded((m) => new Map(m).set(id, s)),
      () => setLoaded((m) => new Map(m).set(id, null))
    )
  }, [])
  const load = useCallback((id: string) => settle(id, api.getSource(id)), [settle])
  const prime = useCallback((id: string, source: Promise<Source>) => !requested.current.has(id) && settle(id, source), [settle])
  const request = useCallback((id: string) => !requested.current.has(id) && load(id), [load])

  const refresh = useCallback(
    async (changedIds: string[]) => {
      const fresh = await api.listSources().catch((e: unknown) => {
        onError(e)
        return null
      })
      if (fresh) setList(fresh)
      for (const id of changedIds) if (requested.current.has(id)) load(id)
      return fresh ?? []
    },
    [load, onError]
  )

  const forget = useCallback((id: string) => {
    requested.current.add(id)
    setLoaded((m) => new Map(m).set(id, null))
    setList((l) => l.filter((s) => s.id !== id))
  }, [])

  return { list, loaded, setList, request, prime, refresh, forget }
}
