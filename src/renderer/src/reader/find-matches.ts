import type { Source } from '../../../shared/model'

/** One match of the find bar: a block and where the words are in its text. */
export interface FindMatch {
  blockId: string
  start: number
  end: number
}

/** Case- and accent-insensitive text, one UTF-16 unit per unit of the original (so offsets carry over). */
function folded(text: string): string {
  let out = ''
  for (const ch of text) {
    const base = ch.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase()
    // a character whose folded form has another length keeps its own, so offsets stay true
    out += base.length === ch.length ? base : ch.toLowerCase().length === ch.length ? ch.toLowerCase() : ch
  }
  return out
}

/**
 * Every place `query` appears in the source, in reading order, ignoring case and accents. It
 * reads the blocks' text, not the page: blocks a long source has not rendered, or that its
 * window hides, are found too (the browser's own find cannot see them).
 */
export function findMatches(source: Source, query: string, limit = 5000): FindMatch[] {
  const needle = folded(query.trim())
  if (needle === '') return []
  const matches: FindMatch[] = []
  for (const block of source.blocks) {
    const haystack = folded(block.text)
    for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) {
      matches.push({ blockId: block.id, start: at, end: at + needle.length })
      if (matches.length >= limit) return matches
    }
  }
  return matches
}

/** The DOM range of a match in its rendered block, or null when the block is not on the page yet. */
export function matchRange(article: HTMLElement, match: FindMatch): Range | null {
  const block = article.querySelector(`[data-block-id="${CSS.escape(match.blockId)}"]`)
  const text = block?.querySelector('[data-block-text]') ?? (block?.matches('.block-heading, .block-pullquote, .block-author-note, .block-standfirst, .block-figure') ? block : null)
  return text ? textRange(text, match.start, match.end) : null
}

/** The DOM range of characters [start, end) of an element's text, or null when it is shorter. */
export function textRange(text: Element, start: number, end: number): Range | null {
  const range = document.createRange()
  const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT)
  let offset = 0
  let started = false
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const nodeEnd = offset + node.length
    if (!started && start < nodeEnd) {
      range.setStart(node, start - offset)
      started = true
    }
    if (started && end <= nodeEnd) {
      range.setEnd(node, end - offset)
      return range
    }
    offset = nodeEnd
  }
  return null
}

/** The highlights the find bar paints (CSS Custom Highlight API: no change to the page's DOM). */
export const FIND_HIGHLIGHT = 'pilcrow-find'
export const FIND_CURRENT_HIGHLIGHT = 'pilcrow-find-current'

/** Paints the matches and the current one; clears both when `ranges` is empty. */
export function paintMatches(ranges: Range[], current: Range | null): void {
  if (typeof CSS === 'undefined' || !('highlights' in CSS)) return
  if (ranges.length === 0) CSS.highlights.delete(FIND_HIGHLIGHT)
  else CSS.highlights.set(FIND_HIGHLIGHT, new Highlight(...ranges))
  if (current) CSS.highlights.set(FIND_CURRENT_HIGHLIGHT, new Highlight(current))
  else CSS.highlights.delete(FIND_CURRENT_HIGHLIGHT)
}
