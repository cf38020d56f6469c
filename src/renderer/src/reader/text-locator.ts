import { textRange } from './find-matches'

/** Words of a block: characters [start, end) of its text. */
export interface BlockSpan {
  blockId: string
  start: number
  end: number
}

/**
 * Where a block's words are on the screen, and which block's words are at a place on it: what
 * highlighting, quoting and revealing need from a view of a source. The text view answers from
 * its blocks' text; the page view from the PDF's text layer (see `pages/page-locator.ts`).
 */
export interface TextLocator {
  /** The DOM ranges showing characters [start, end) of a block (two when they run across pages); none when not on screen. */
  rangesOf(span: BlockSpan): Range[]
  /** The block and character under a point of the screen, if any. */
  spanAt(x: number, y: number): BlockSpan | null
  /** The selection as words of one block; null when it is empty or not inside one block. */
  spanOfSelection(selection: Selection): BlockSpan | null
}

/** The element holding a block's text (its textContent is exactly the block's text). */
export const BLOCK_TEXT_SELECTOR = '[data-block-text]'

/**
 * The text view's locator: blocks rendered as `[data-block-text]` elements inside the article
 * (read when asked: one locator serves until more blocks are rendered).
 */
export function articleLocator(ref: { readonly current: HTMLElement | null }): TextLocator {
  let texts: Map<string, HTMLElement> | null = null
  return {
    rangesOf({ blockId, start, end }) {
      const article = ref.current
      if (!article) return []
      // one pass over the page for the blocks' texts, not a query per highlight
      if (!texts) {
        texts = new Map()
        for (const el of article.querySelectorAll<HTMLElement>(BLOCK_TEXT_SELECTOR)) texts.set(el.dataset['blockText']!, el)
      }
      const text = texts.get(blockId)
      const range = text && textRange(text, start, end)
      return range ? [range] : []
    },
    spanAt(x, y) {
      const caret = document.caretPositionFromPoint?.(x, y)
      const text = caret && elementOf(caret.offsetNode)?.closest<HTMLElement>(BLOCK_TEXT_SELECTOR)
      if (!caret || !text || !ref.current?.contains(text)) return null
      const offset = lengthBefore(text, caret.offsetNode, caret.offset)
      return { blockId: text.dataset['blockText']!, start: offset, end: offset }
    },
    spanOfSelection(selection) {
      if (selection.isCollapsed || selection.rangeCount === 0) return null
      const range = selection.getRangeAt(0)
      const startText = elementOf(range.startContainer)?.closest<HTMLElement>(BLOCK_TEXT_SELECTOR)
      const endText = elementOf(range.endContainer)?.closest<HTMLElement>(BLOCK_TEXT_SELECTOR)
      if (!startText || startText !== endText || !ref.current?.contains(startText)) return null
      const start = lengthBefore(startText, range.startContainer, range.startOffset)
      return { blockId: startText.dataset['blockText']!, start, end: start + range.toString().length }
    }
  }
}

/** How many characters of `root`'s text come before a point (node, offset) inside it. */
function lengthBefore(root: Node, node: Node, offset: number): number {
  const before = document.createRange()
  before.setStart(root, 0)
  before.setEnd(node, offset)
  return before.toString().length
}

export function elementOf(node: Node): Element | null {
  return node instanceof Element ? node : node.parentElement
}
