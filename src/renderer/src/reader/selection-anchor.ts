import { createAnchor, type ParagraphAnchor } from '../../../shared/anchors'
import type { Source } from '../../../shared/model'
import type { TextLocator } from './text-locator'

/** The words selected inside one block of the reader, as an anchor and the quoted text. */
export interface SelectedQuote {
  anchor: ParagraphAnchor
  text: string
  /** Where the selection is on screen, to place the "Quote in note" button. */
  rect: DOMRect
}

/**
 * Reads the reader's current selection. It counts only when it lies inside the text of one
 * block; offsets are measured in that block's text (by the view's locator), so the anchor's range is exact.
 */
export function readSelectedQuote(source: Source, selection: Selection | null, locator: TextLocator | null): SelectedQuote | null {
  if (!selection || !locator || selection.isCollapsed || selection.rangeCount === 0) return null
  const span = locator.spanOfSelection(selection)
  const block = span && source.blocks.find((b) => b.id === span.blockId)
  if (!span || !block) return null
  const raw = block.text.slice(span.start, span.end)
  // trim white space the user swept up at either end
  const start = span.start + raw.length - raw.trimStart().length
  const end = span.end - (raw.length - raw.trimEnd().length)
  if (end <= start) return null
  const anchor = createAnchor(source, block.id, { start, end })
  return { anchor, text: anchor.quote.exact, rect: selection.getRangeAt(0).getBoundingClientRect() }
}
