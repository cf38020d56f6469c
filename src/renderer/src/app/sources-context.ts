import { createContext, useContext } from 'react'
import type { SourceBacklinks } from '../../../shared/links'
import type { Source } from '../../../shared/model'

/** What citation chips and panels need to know about sources, and how to show a block. */
export interface SourcesContextValue {
  /** The loaded sources by id. */
  sources: ReadonlyMap<string, Source>
  /** Brings a source's block into view in the reader and highlights it. */
  reveal(sourceId: string, blockId: string): void
  backlinks: SourceBacklinks | null
  /** Asks for a source to be loaded (a chip citing a source that is not open). */
  request(sourceId: string): void
}

export const SourcesContext = createContext<SourcesContextValue>({ sources: new Map(), reveal: () => undefined, backlinks: null, request: () => undefined })

export const useSources = (): SourcesContextValue => useContext(SourcesContext)
