import { HIGHLIGHT_COLORS, type ResolvedHighlight } from '../../../../shared/highlights'
import { matchRange } from '../find-matches'

/** The CSS highlight that paints one colour (`::highlight(pilcrow-hl-blue)` in reader.css). */
export const highlightName = (color: string): string => `pilcrow-hl-${color}`

/**
 * Paints the highlights over their words with the CSS Custom Highlight API (the text's DOM is not
 * touched, so selection, find and the reader's keys work as before). Only blocks on the page are
 * painted; the caller paints again when more are rendered.
 */
export function paintHighlights(article: HTMLElement | null, highlights: readonly ResolvedHighlight[]): void {
  if (typeof CSS === 'undefined' || !('highlights' in CSS)) return
  const byColor = new Map<string, Range[]>(HIGHLIGHT_COLORS.map((c) => [c, []]))
  if (article) {
    for (const h of highlights) {
      if (!h.blockId || !h.range) continue
      const range = matchRange(article, { blockId: h.blockId, start: h.range.start, end: h.range.end })
      if (range) byColor.get(h.color)!.push(range)
    }
  }
  for (const [color, ranges] of byColor) {
    if (ranges.length === 0) CSS.highlights.delete(highlightName(color))
    else CSS.highlights.set(highlightName(color), new Highlight(...ranges))
  }
}

/** The highlight under a point of the article (a click on marked words), if any. */
export function highlightAt(x: number, y: number, highlights: readonly ResolvedHighlight[]): ResolvedHighlight | null {
  const caret = document.caretPositionFromPoint?.(x, y)
  if (!caret) return null
  const text = (caret.offsetNode instanceof Element ? caret.offsetNode : caret.offsetNode.parentElement)?.closest<HTMLElement>('[data-block-text]')
  if (!text) return null
  const before = document.createRange()
  before.setStart(text, 0)
  before.setEnd(caret.offsetNode, caret.offset)
  const offset = before.toString().length
  const blockId = text.dataset['blockText']
  return highlights.find((h) => h.blockId === blockId && h.range && h.range.start <= offset && offset < h.range.end) ?? null
}
