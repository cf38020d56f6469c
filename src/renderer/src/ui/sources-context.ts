import { createContext, useContext, useSyncExternalStore } from 'react'
import type { Source } from '../../../shared/model'

/**
 * The sources loaded so far (null: failed to load, or deleted), as a store outside React's
 * context value: the chips (ChipsPlugin) redraw only those whose source arrived or changed, and
 * nothing that reads the context re-renders when a source loads.
 */
export class LoadedSources {
  private map: ReadonlyMap<string, Source | null> = new Map()
  private readonly listeners = new Set<() => void>()

  set(map: ReadonlyMap<string, Source | null>): void {
    if (map === this.map) return
    this.map = map
    for (const listener of this.listeners) listener()
  }

  get all(): ReadonlyMap<string, Source | null> {
    return this.map
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}

/** What citation chips and panels need to know about sources, and how to show a block. Stable: it never changes. */
export interface SourcesContextValue {
  loaded: LoadedSources
  /** Brings a source's block into view in the reader and highlights it (and marks `words` in it, when given). */
  reveal(sourceId: string, blockId: string, words?: { start: number; end: number }): void
  /** Asks for a source to be loaded (a chip citing a source that is not open). */
  request(sourceId: string): void
}

export const SourcesContext = createContext<SourcesContextValue>({ loaded: new LoadedSources(), reveal: () => undefined, request: () => undefined })

export const useSources = (): SourcesContextValue => useContext(SourcesContext)

/** Every loaded source (for a panel that shows many). */
export function useLoadedSources(): ReadonlyMap<string, Source | null> {
  const { loaded } = useSources()
  return useSyncExternalStore(loaded.subscribe, () => loaded.all)
}
