import { useCallback, useEffect, useRef, useState } from 'react'
import { COMPACT_LAYOUT, useMediaQuery } from './useMediaQuery'
import type { CompactView } from './ViewTabs'

export interface CompactViews {
  /** The window is too narrow for side-by-side panes (see `COMPACT_LAYOUT`). */
  compact: boolean
  view: CompactView
  /** Shows a view (remembering, for the notebook view, which one to go back to). */
  showView(view: CompactView): void
  /** The notebook view, or back from it to the view before (Ctrl+\ in a compact window). */
  toggleNotebook(): void
}

/**
 * Which view a compact window shows: the notebook lists, the source or the note. What the
 * notebook view opens (a note, a source) is then shown in its own view.
 */
export function useCompactView(openNoteId: string | undefined, openSourceId: string | null): CompactViews {
  const compact = useMediaQuery(COMPACT_LAYOUT)
  const [view, setView] = useState<CompactView>('source')
  const before = useRef<CompactView>('source')
  const showView = useCallback((next: CompactView) => {
    setView((current) => {
      if (next === 'notebook' && current !== 'notebook') before.current = current
      return next
    })
  }, [])
  const toggleNotebook = useCallback(
    () =>
      setView((current) => {
        if (current === 'notebook') return before.current
        before.current = current
        return 'notebook'
      }),
    []
  )
  // another note or source opened (not the first one the window opens with, which may come after
  // the user has gone to the notebook view) shows its view
  const opened = useRef({ note: openNoteId, source: openSourceId })
  useEffect(() => {
    const before = opened.current
    opened.current = { note: openNoteId, source: openSourceId }
    if (openNoteId && before.note && openNoteId !== before.note) setView((v) => (v === 'notebook' ? 'note' : v))
    else if (openSourceId && before.source && openSourceId !== before.source) setView((v) => (v === 'notebook' ? 'source' : v))
  }, [openNoteId, openSourceId])
  return { compact, view, showView, toggleNotebook }
}
