import { foldTerm, processTerm, wordSpans } from './text-processing'

/** A passage of a text around its first match, with the matched words located in it. */
export interface Snippet {
  snippet: string
  highlights: [number, number][]
}

const SNIPPET_CHARS = 200

/**
 * Cuts a snippet around the first matched word and marks every matched word in it. `matched`
 * holds index terms (processed), `prefixes` the processed terms searched as prefixes.
 */
export function makeSnippet(text: string, matched: ReadonlySet<string>, prefixes: readonly string[] = []): Snippet {
  const isMatch = termMatcher(matched, prefixes)
  // a compound and its words may both match ("S-300" and "300"): the outermost is marked
  const spans = wordSpans(text)
    .filter((s) => isMatch(s.word))
    .filter((s, i, all) => !all.slice(0, i).some((o) => o.start <= s.start && s.end <= o.end))
  if (text.length <= SNIPPET_CHARS) return { snippet: text, highlights: spans.map((s) => [s.start, s.end]) }
  const first = spans[0]?.start ?? 0
  let start = Math.max(0, first - 60)
  if (start > 0) {
    const space = text.indexOf(' ', start)
    start = space >= 0 && space < first ? space + 1 : start
  }
  let end = Math.min(text.length, start + SNIPPET_CHARS)
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end)
    end = space > start ? space : end
  }
  const lead = start > 0 ? '…' : ''
  const snippet = `${lead}${text.slice(start, end)}${end < text.length ? '…' : ''}`
  const shift = lead.length - start
  const highlights = spans.filter((s) => s.start >= start && s.end <= end).map((s): [number, number] => [s.start + shift, s.end + shift])
  return { snippet, highlights }
}

/**
 * Whether a word of a text is one of the matched terms (or starts with a prefix typed). Porter's
 * stemmer only trims the ending of a word of four letters or more, keeping at least two, so such
 * a word whose first two letters begin no matched term is not stemmed at all: a hit's snippet no
 * longer stems each of its words, most of which match nothing.
 */
export function termMatcher(matched: ReadonlySet<string>, prefixes: readonly string[] = []): (word: string) => boolean {
  const heads = new Set([...matched, ...prefixes].map((t) => t.slice(0, 2)))
  return (word) => {
    if (word.length >= 4 && !heads.has(foldTerm(word.slice(0, 4)).slice(0, 2))) return false
    const term = processTerm(word)
    return term !== null && (matched.has(term) || prefixes.some((p) => term.startsWith(p)))
  }
}

/** Case- and accent-insensitive text for phrase and exclusion checks. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/\s+/g, ' ')
}
