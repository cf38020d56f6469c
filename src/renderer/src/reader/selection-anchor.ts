import { createAnchor, type ParagraphAnchor } from '../../../shared/anchors'
import type { Source } from '../../../shared/model'

/** The words selected inside one block of the reader, as an anchor and the quoted text. */
export interface SelectedQuote {
  anchor: ParagraphAnchor
  text: string
  /** Where the selection is on screen, to place the "Quote in note" button. */
  rect: DOMRect
}

/** The element holding a block's text (its textContent is exactly the block's text). */
export const BLOCK_TEXT_SELECTOR = '[data-block-text]'

/**
 * Reads the reader's current selection. It counts only when it lies inside the text of one
 * block; offsets are measured in that block's text, so the anchor's range is exact.
 */
export function readSelectedQuote(source: Source, selection: Selection | null): SelectedQuote | null {
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null
  const range = selection.getRangeAt(0)
  const startText = elementOf(range.startContainer)?.closest<HTMLElement>(BLOCK_TEXT_SELECTOR)
  const endText = elementOf(range.endContainer)?.closest<HTMLElement>(BLOCK_TEXT_SELECTOR)
  if (!startText || startText !== endText) return null
  const blockId = startText.dataset['blockText']!
  const before = document.createRange()
  before.setStart(startText, 0)
  before.setEnd(range.startContainer, range.startOffset)
  const raw = range.toString()
  let start = before.toString().length
  let end = start + raw.length
  // trim white space the user swept up at either end
  start += raw.length - raw.trimStart().length
  end -= raw.length - raw.trimEnd().length
  if (end <= start) return null
  const anchor = createAnchor(source, blockId, { start, end })
  return { anchor, text: anchor.quote.exact, rect: range.getBoundingClientRect() }
}

function elementOf(node: Node): Element | null {
  return node instanceof Element ? node : node.parentElement
}
