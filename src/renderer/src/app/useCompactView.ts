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
  useEffect(() => {
    if (openNoteId) setView((v) => (v === 'notebook' ? 'note' : v))
  }, [openNoteId])
  useEffect(() => {
    if (openSourceId) setView((v) => (v === 'notebook' ? 'source' : v))
  }, [openSourceId])
  return { compact, view, showView, toggleNotebook }
}
