import { HIGHLIGHT_COLORS, type ResolvedHighlight } from '../../../../shared/highlights'
import { textRange } from '../find-matches'

/** The CSS highlight that paints one colour (`::highlight(pilcrow-hl-blue)` in reader.css). */
export const highlightName = (color: string): string => `pilcrow-hl-${color}`

/**
 * Paints the highlights over their words with the CSS Custom Highlight API (the text's DOM is not
 * touched, so selection, find and the reader's keys work as before). Only blocks on the page are
 * painted; the caller paints again when more are rendered or the highlights change.
 */
export function paintHighlights(article: HTMLElement | null, highlights: readonly ResolvedHighlight[]): void {
  if (typeof CSS === 'undefined' || !('highlights' in CSS)) return
  // static ranges: a live Range is updated by the browser on every change of the page (typing in
  // the note, a long source's blocks coming and going), two thousand of them on each; these are
  // painted again instead when the reader changes
  const byColor = new Map<string, StaticRange[]>(HIGHLIGHT_COLORS.map((c) => [c, []]))
  if (article && highlights.length > 0) {
    // one pass over the page for the blocks' texts, not a query per highlight
    const texts = new Map<string, HTMLElement>()
    for (const el of article.querySelectorAll<HTMLElement>('[data-block-text]')) texts.set(el.dataset['blockText']!, el)
    for (const h of highlights) {
      const text = h.blockId && h.range ? texts.get(h.blockId) : undefined
      const range = text && textRange(text, h.range!.start, h.range!.end)
      if (range) byColor.get(h.color)!.push(new StaticRange(range))
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
