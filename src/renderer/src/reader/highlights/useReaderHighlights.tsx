import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent, type ReactNode, type RefObject } from 'react'
import type { ParagraphAnchor } from '../../../../shared/anchors'
import type { HighlightColor, ResolvedHighlight } from '../../../../shared/highlights'
import type { Source } from '../../../../shared/model'
import { useStores } from '../../stores/app-stores'
import { useStore, useStoreSelector } from '../../stores/store'
import type { Citation } from '../../ui/citations'
import { revealBlock } from '../reveal'
import { HighlightPopover } from './HighlightPopover'
import { copyCitation } from '../../api/copy-citation'
import { HighlightsPanel } from './HighlightsPanel'
import type { TextLocator } from '../text-locator'
import { highlightAt, paintHighlights } from './paint-highlights'

const NO_MEANINGS: Partial<Record<HighlightColor, string>> = {}
const meaningsOf = (settings: { highlightMeanings?: Partial<Record<HighlightColor, string>> } | null) => settings?.highlightMeanings ?? NO_MEANINGS

export interface ReaderHighlights {
  /** The colours of the highlights in each block, for its margin. */
  colorsByBlock: ReadonlyMap<string, HighlightColor[]>
  /** Marks the selected words (the bubble's "Highlight"), then opens the new highlight. */
  highlight(anchor: ParagraphAnchor, rect: DOMRect): void
  /** A click in the view: on marked words, opens their highlight. */
  onArticleClick(event: MouseEvent): void
  /** The Highlights panel (a reader tool). */
  panel: ReactNode
  /** The open highlight's popover, and the "deleted — Undo" bar. */
  overlays: ReactNode
  count: number
}

/** The open source's highlights in the reader: painted over their words, opened by a click, listed in a panel. */
export function useReaderHighlights({
  source,
  locator,
  pane,
  onCite,
  onNotice
}: {
  source: Source | null
  /** Finds words in the view shown (text or pages); a new one when more is rendered, so they are painted again. */
  locator: TextLocator | null
  pane: RefObject<HTMLElement | null>
  onCite(citation: Citation): void
  /** Tells the user something (what was copied). */
  onNotice(text: string): void
}): ReaderHighlights {
  const stores = useStores()
  const { list, deleted } = useStore(stores.highlights)
  const meanings = useStoreSelector(stores.settings, meaningsOf)
  const highlights = useMemo(() => (list && list.sourceId === source?.id ? list.highlights : []), [list, source?.id])
  const [open, setOpen] = useState<{ id: string; at: { top: number; left: number } } | null>(null)

  // Cleared as soon as another source is on its way, before its render reaches the page: the
  // browser checks every painted highlight for each node removed, and a long source's
  // thousands of nodes under two thousand highlights took a second to go.
  const paintedFor = useRef<string | null>(null)
  if (paintedFor.current !== null && paintedFor.current !== source?.id) {
    paintHighlights(null, [])
    paintedFor.current = null
  }
  // painted again when they change and as a long source renders more blocks; cleared when it closes
  useEffect(() => {
    paintHighlights(locator, highlights)
    paintedFor.current = highlights.length > 0 ? (source?.id ?? null) : null
  }, [locator, highlights, source?.id])
  useEffect(() => () => paintHighlights(null, []), [])
  useEffect(() => setOpen(null), [source?.id])

  /** The popover's place: under the words, in the reader's scrolled coordinates. */
  const placeUnder = useCallback(
    (rect: DOMRect) => {
      const paneRect = pane.current?.getBoundingClientRect()
      if (!paneRect) return { top: 0, left: 0 }
      return { top: rect.bottom - paneRect.top + (pane.current?.scrollTop ?? 0) + 6, left: Math.max(8, Math.min(rect.left - paneRect.left, paneRect.width - 340)) }
    },
    [pane]
  )

  const highlight = useCallback(
    (anchor: ParagraphAnchor, rect: DOMRect) => {
      const at = placeUnder(rect)
      void stores.highlights.add(anchor).then((made) => {
        document.getSelection()?.removeAllRanges()
        if (made) setOpen({ id: made.id, at })
      })
    },
    [stores, placeUnder]
  )

  const onArticleClick = useCallback(
    (event: MouseEvent) => {
      if (!document.getSelection()?.isCollapsed) return
      const hit = highlightAt(event.clientX, event.clientY, locator, highlights)
      if (hit) setOpen({ id: hit.id, at: placeUnder(new DOMRect(event.clientX, event.clientY, 0, 0)) })
    },
    [locator, highlights, placeUnder]
  )

  const openFromPanel = useCallback(
    (h: ResolvedHighlight) => {
      if (!h.blockId || !h.range || !locator) {
        setOpen({ id: h.id, at: { top: (pane.current?.scrollTop ?? 0) + 60, left: 16 } })
        return
      }
      revealBlock(h.blockId)
      const span = { blockId: h.blockId, ...h.range }
      // once the block is on the page and scrolled to
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          const words = locator.rangesOf(span)[0]
          setOpen({ id: h.id, at: words ? placeUnder(words.getBoundingClientRect()) : { top: (pane.current?.scrollTop ?? 0) + 60, left: 16 } })
        })
      )
    },
    [locator, pane, placeUnder]
  )

  const colorsByBlock = useMemo(() => {
    const map = new Map<string, HighlightColor[]>()
    for (const h of highlights) if (h.blockId) map.set(h.blockId, [...new Set([...(map.get(h.blockId) ?? []), h.color])])
    return map
  }, [highlights])

  const current = open ? highlights.find((h) => h.id === open.id) : undefined
  const overlays = (
    <>
      {current && open && (
        <HighlightPopover
          key={current.id}
          highlight={current}
          meanings={meanings}
          at={open.at}
          onColor={(color) => void stores.highlights.update(current, { color })}
          onComment={(comment) => void stores.highlights.update(current, { comment })}
          onCite={() => {
            onCite({ anchor: current.anchor, sourceTitle: source?.meta.title ?? '', quoteText: current.anchor.quote.exact })
            setOpen(null)
          }}
          onCopyCitation={() => void copyCitation({ sourceId: current.sourceId, ...(current.blockId ? { blockId: current.blockId } : {}) }, 'citation', onNotice)}
          onDelete={() => {
            setOpen(null)
            void stores.highlights.remove(current)
          }}
          onClose={() => setOpen(null)}
        />
      )}
      {deleted && (
        <div className="highlight-undo" role="status">
          Highlight deleted.{' '}
          <button type="button" className="link-button" onClick={() => void stores.highlights.undoDelete()}>
            Undo
          </button>
          <button type="button" className="link-button" aria-label="Dismiss" onClick={() => stores.highlights.forgetDeleted()}>
            ✕
          </button>
        </div>
      )}
    </>
  )
  const panel = <HighlightsPanel highlights={highlights} meanings={meanings} onOpen={openFromPanel} />
  return { colorsByBlock, highlight, onArticleClick, panel, overlays, count: highlights.length }
}
