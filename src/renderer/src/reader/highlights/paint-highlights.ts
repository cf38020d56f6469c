import { HIGHLIGHT_COLORS, type ResolvedHighlight } from '../../../../shared/highlights'
import type { TextLocator } from '../text-locator'

/** The CSS highlight that paints one colour (`::highlight(pilcrow-hl-blue)` in reader.css). */
export const highlightName = (color: string): string => `pilcrow-hl-${color}`

/**
 * Paints the highlights over their words with the CSS Custom Highlight API (the text's DOM is not
 * touched, so selection, find and the reader's keys work as before). Only words on screen are
 * painted (the view's locator finds them); the caller paints again when more are rendered or the
 * highlights change. A null locator clears them.
 */
export function paintHighlights(locator: TextLocator | null, highlights: readonly ResolvedHighlight[]): void {
  if (typeof CSS === 'undefined' || !('highlights' in CSS)) return
  // static ranges: a live Range is updated by the browser on every change of the page (typing in
  // the note, a long source's blocks coming and going), two thousand of them on each; these are
  // painted again instead when the reader changes
  const byColor = new Map<string, StaticRange[]>(HIGHLIGHT_COLORS.map((c) => [c, []]))
  if (locator) {
    for (const h of highlights) {
      if (!h.blockId || !h.range) continue
      for (const range of locator.rangesOf({ blockId: h.blockId, ...h.range })) byColor.get(h.color)!.push(new StaticRange(range))
    }
  }
  for (const [color, ranges] of byColor) {
    if (ranges.length === 0) CSS.highlights.delete(highlightName(color))
    else CSS.highlights.set(highlightName(color), new Highlight(...ranges))
  }
}

/** The highlight under a point of the view (a click on marked words), if any. */
export function highlightAt(x: number, y: number, locator: TextLocator | null, highlights: readonly ResolvedHighlight[]): ResolvedHighlight | null {
  const at = locator?.spanAt(x, y)
  if (!at) return null
  return highlights.find((h) => h.blockId === at.blockId && h.range && h.range.start <= at.start && at.start < h.range.end) ?? null
}
