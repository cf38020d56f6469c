import { revealAndHighlight } from '../ui/reveal-highlight'
import { matchRange } from './find-matches'

/** When a block was last revealed: a reading position being restored gives way to it. */
export let revealedAt = 0

/**
 * Scrolls the block with `blockId` into view and highlights it briefly. Returns false when the
 * open source has no such block. Notes, search and deep links all reveal through here.
 */
export function revealBlock(blockId: string, options: { words?: { start: number; end: number } | undefined; attempts?: number } = {}): boolean {
  revealedAt = performance.now()
  if (pageRevealer) return pageRevealer(blockId, options.words)
  const attempts = options.attempts ?? 60
  const el = document.querySelector<HTMLElement>(`[data-block-id="${CSS.escape(blockId)}"]`)
  if (!el) {
    // a long source renders progressively: the block may come in the next frames
    if (attempts > 0) requestAnimationFrame(() => revealBlock(blockId, { ...options, attempts: attempts - 1 }))
    return false
  }
  revealAndHighlight(el, { smooth: true })
  if (options.words) markWords(el, blockId, options.words)
  return true
}

/** The CSS highlight that marks the words a chip quotes, once revealed. */
export const REVEALED_WORDS = 'pilcrow-revealed-words'
/** How long they stay marked. */
const WORDS_MS = 4000
let wordsTimer: number | undefined

/** Marks words of a revealed block (a chip that quotes them was clicked), for a few seconds. */
function markWords(block: HTMLElement, blockId: string, words: { start: number; end: number }): void {
  if (typeof CSS === 'undefined' || !('highlights' in CSS)) return
  const article = block.closest<HTMLElement>('article') ?? document.body
  const range = matchRange(article, { blockId, start: words.start, end: words.end })
  if (range) markRevealedWords([range])
}

/** Marks words just revealed (in either view) for a few seconds. */
export function markRevealedWords(ranges: Range[]): void {
  if (typeof CSS === 'undefined' || !('highlights' in CSS)) return
  window.clearTimeout(wordsTimer)
  if (ranges.length === 0) return
  CSS.highlights.set(REVEALED_WORDS, new Highlight(...ranges))
  wordsTimer = window.setTimeout(() => CSS.highlights.delete(REVEALED_WORDS), WORDS_MS)
}

/** Reveals a block in the view of a source's pages (which draws blocks as boxes on its pages, not as elements). */
export type PageRevealer = (blockId: string, words?: { start: number; end: number }) => boolean
let pageRevealer: PageRevealer | null = null

/** The page view takes over revealing while it is shown; the returned function gives it back. */
export function setPageRevealer(revealer: PageRevealer): () => void {
  pageRevealer = revealer
  return () => {
    if (pageRevealer === revealer) pageRevealer = null
  }
}

/** `#block=<id>` in the address reveals that block (deep links, and the reader's own anchors). */
export function blockIdFromHash(hash: string): string | null {
  const match = /^#block=([a-z0-9-]+)$/.exec(hash)
  return match ? match[1]! : null
}
