import { stemmer } from 'stemmer'

/** Words: runs of letters and digits (any script), with inner apostrophes and hyphens split off. */
const WORD = /[\p{L}\p{N}]+/gu

/** Splits text into words (MiniSearch's `tokenize`). */
export function tokenize(text: string): string[] {
  return text.match(WORD) ?? []
}

/** Case- and accent-insensitive form of a word: "Éclat" → "eclat". */
export function foldTerm(term: string): string {
  return term.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase()
}

/** Words too common to help a search; dropped from the index and from queries. */
const STOP_WORDS = new Set(
  'a an and are as at be but by for if in into is it its of on or so such that the their then there these they this to was were will with'.split(' ')
)

/**
 * The index form of a word (MiniSearch's `processTerm`): folded and stemmed with Porter's
 * English stemmer, so "alliances", "allied" and "alliance" meet. Stop words are dropped.
 */
export function processTerm(term: string): string | null {
  let processed = memo.get(term)
  if (processed === undefined) {
    const folded = foldTerm(term)
    processed = folded.length === 0 || STOP_WORDS.has(folded) ? null : /^\p{N}+$/u.test(folded) ? folded : stemmer(folded)
    if (memo.size >= MEMO_LIMIT) memo.clear()
    memo.set(term, processed)
  }
  return processed
}

/** Stemming is the cost of indexing; a vocabulary repeats, so results are remembered (bounded). */
const memo = new Map<string, string | null>()
const MEMO_LIMIT = 200_000

/** Word positions in the original text, for highlighting. */
export function wordSpans(text: string): { start: number; end: number; word: string }[] {
  return [...text.matchAll(WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length, word: m[0] }))
}
