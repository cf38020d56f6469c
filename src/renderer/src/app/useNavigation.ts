import { useCallback, useEffect, useRef, useState, type RefObject } from 'react'
import type { Backlink } from '../../../shared/links'
import type { Source } from '../../../shared/model'
import type { SearchHit } from '../../../shared/search'
import type { RevealInNoteRequest } from '../editor/RevealInNotePlugin'
import type { ReaderHandle } from '../reader/Reader'
import { revealBlock } from '../reader/reveal'
import type { CompactView } from './ViewTabs'

export interface Navigation {
  /** Where the open note should scroll to next (a backlink's citation, a search hit's passage). */
  revealInNote: RevealInNoteRequest | null
  openNoteAt(noteId: string, target: RevealInNoteRequest['target']): void
  openBacklink(backlink: Backlink): void
  /** Shows a block (and marks `words` in it), opening its source first when another one is open. Stable: chips get it through context. */
  revealInSource(sourceId: string, blockId: string, words?: { start: number; end: number }): void
  /** A search hit chosen: its paragraph revealed (and focused, for the keyboard), or its note opened at the passage. */
  openHit(hit: SearchHit): void
}

/** Going to a place: a paragraph of a source, a citation or passage of a note. */
export function useNavigation({
  sourceId,
  source,
  openSource,
  openNote,
  showView,
  reader,
  openReference
}: {
  sourceId: string | null
  source: Source | null
  openSource(id: string): void
  openNote(id: string): Promise<void>
  showView(view: CompactView): void
  reader: RefObject<ReaderHandle | null>
  /** Shows a work of the references list that has no document yet. */
  openReference(title: string): void
}): Navigation {
  const [revealInNote, setRevealInNote] = useState<RevealInNoteRequest | null>(null)
  const openNoteAt = useCallback(
    (noteId: string, target: RevealInNoteRequest['target']) => {
      void openNote(noteId).then(() => setRevealInNote({ noteId, target, nonce: Date.now() }))
    },
    [openNote]
  )
  const openBacklink = useCallback(
    (b: Backlink) => {
      showView('note')
      openNoteAt(b.noteId, { kind: 'citation', occurrence: b.occurrence })
    },
    [openNoteAt, showView]
  )
  // stable callbacks read the open source from a ref
  const openSourceId = useRef(sourceId)
  openSourceId.current = sourceId
  const revealInSource = useCallback(
    (id: string, blockId: string, words?: { start: number; end: number }) => {
      showView('source')
      if (id === openSourceId.current) requestAnimationFrame(() => revealBlock(blockId, { words }))
      else {
        openSource(id)
        pendingReveal.current = { blockId, words }
      }
    },
    [openSource, showView]
  )
  const pendingReveal = useRef<{ blockId: string; words?: { start: number; end: number } } | null>(null)
  /** A block that takes the focus once revealed (a search hit chosen from the keyboard). */
  const focusAfterReveal = useRef<string | null>(null)
  useEffect(() => {
    if (source && pendingReveal.current) {
      const { blockId, words } = pendingReveal.current
      pendingReveal.current = null
      requestAnimationFrame(() => revealBlock(blockId, { words }))
    }
    const focus = focusAfterReveal.current
    if (source && focus) {
      focusAfterReveal.current = null
      requestAnimationFrame(() => requestAnimationFrame(() => reader.current?.focusBlock(focus, { scroll: false })))
    }
  }, [source])

  const openHit = useCallback(
    (hit: SearchHit) => {
      if (hit.kind === 'reference' && !hit.sourceId) return openReference(hit.title)
      showView(hit.kind === 'note' ? 'note' : 'source')
      if (hit.kind === 'reference') {
        if (hit.sourceId) openSource(hit.sourceId)
      } else if (hit.kind === 'highlight') {
        // its words, marked in their paragraph (an orphan's source opens at its start)
        if (hit.blockId) revealInSource(hit.sourceId, hit.blockId, hit.range ?? undefined)
        else if (hit.sourceId !== openSourceId.current) openSource(hit.sourceId)
      } else if (hit.kind === 'source') {
        const sameSource = hit.sourceId === openSourceId.current
        revealInSource(hit.sourceId, hit.blockId)
        // the keyboard goes on from the paragraph found: arrows, Enter to cite it
        if (sameSource) requestAnimationFrame(() => requestAnimationFrame(() => reader.current?.focusBlock(hit.blockId, { scroll: false })))
        else focusAfterReveal.current = hit.blockId
      } else openNoteAt(hit.noteId, { kind: 'passage', index: hit.passage })
    },
    [openNoteAt, revealInSource, openSource, showView, openReference]
  )

  return { revealInNote, openNoteAt, openBacklink, revealInSource, openHit }
}
