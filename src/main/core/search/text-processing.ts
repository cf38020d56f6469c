import { stemmer } from 'stemmer'

/** Words: runs of letters and digits (any script), with inner apostrophes and hyphens split off. */
const WORD = /[\p{L}\p{N}]+/gu

/** Words joined by hyphens: "S-300", "COVID-19", "e-mail", "Al-Assad" (not en dashes: "1990–2000" is a range). */
const COMPOUND = /[\p{L}\p{N}]+(?:[-\u2010\u2011][\p{L}\p{N}]+)+/gu
const HYPHENS = /[-\u2010\u2011]/g

/**
 * Splits text into the words the index holds (MiniSearch's `tokenize`): each word, and each
 * hyphenated compound joined as well ("S-300" gives "S", "300" and "S300"), so the compound
 * written either way finds it: "S300", "S-300", "email" for "e-mail".
 */
export function tokenize(text: string): string[] {
  const words = text.match(WORD) ?? []
  // most texts have no hyphen: a plain search for one is far cheaper than the compound pattern
  if (!hasHyphen(text)) return words
  const compounds = text.match(COMPOUND)
  return compounds ? [...words, ...compounds.map((c) => c.replace(HYPHENS, ''))] : words
}

function hasHyphen(text: string): boolean {
  return text.includes('-') || text.includes('\u2010') || text.includes('\u2011')
}

/**
 * A query's words, each with the joined form when it was written as a compound: "Al-Assad" is
 * found as "AlAssad" (a text that wrote it so, or "Al-Assad") or as "Al" and "Assad" together
 * ("al Assad"). The query "S300" is one word and finds "S-300" by its joined form.
 */
export function queryWords(text: string): { word: string; joined?: string }[] {
  const out: { word: string; joined?: string }[] = []
  for (const match of text.matchAll(/[\p{L}\p{N}]+(?:[-\u2010\u2011][\p{L}\p{N}]+)*/gu)) {
    const parts = match[0].match(WORD)!
    const joined = parts.length > 1 ? parts.join('') : undefined
    for (const word of parts) out.push(joined ? { word, joined } : { word })
  }
  return out
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

/** Word positions in the original text, for highlighting; a compound also as a whole, by its joined form. */
export function wordSpans(text: string): { start: number; end: number; word: string }[] {
  const words = [...text.matchAll(WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length, word: m[0] }))
  if (!hasHyphen(text)) return words
  const compounds = [...text.matchAll(COMPOUND)].map((m) => ({ start: m.index, end: m.index + m[0].length, word: m[0].replace(HYPHENS, '') }))
  return compounds.length ? [...words, ...compounds].sort((a, b) => a.start - b.start || b.end - a.end) : words
}
