import type { SearchScope } from '../../../shared/search'

/** A search box query, taken apart. */
export interface ParsedQuery {
  /** Plain words, in order. The last one is searched as a prefix while typing. */
  words: string[]
  /** `"quoted phrases"`: every one must appear as written (case and accents aside). */
  phrases: string[]
  /** `-word`: results containing it are dropped. */
  excluded: string[]
  /** `in:notes` / `in:sources` / `in:highlights` / `in:references` (or `ref:words`). */
  scope: SearchScope
  /** `color:blue` or `color:claim` (a colour's meaning): only highlights of these colours. */
  colors: string[]
  /** `tag:methods`: only notes, sources and highlights with these tags (or tags nested under them). */
  tags: string[]
  /** `source:word` or `source:"several words"`: only sources whose title has these words. */
  sourceWords: string[]
  /** True when the query ends in the middle of a word (so the last word is a prefix). */
  endsInWord: boolean
}

const TOKEN = /(-?)(?:(in|source|colou?r|tag|ref):)?(?:"([^"]*)"?|(\S+))/gi

/**
 * Parses the query syntax: words, `"phrases"`, `-excluded`, `in:notes`, `in:sources`,
 * `in:highlights`, `in:references`, `ref:<words>`, `color:<colour or its meaning>`, `tag:<tag>`, `source:<title words>`. Anything unrecognised is searched as words.
 */
export function parseQuery(query: string): ParsedQuery {
  const parsed: ParsedQuery = { words: [], phrases: [], excluded: [], scope: 'all', sourceWords: [], colors: [], tags: [], endsInWord: /[\p{L}\p{N}]$/u.test(query) }
  for (const match of query.matchAll(TOKEN)) {
    const [, minus, filter, quoted, bare] = match
    const value = (quoted ?? bare ?? '').trim()
    const key = filter?.toLowerCase()
    if (key === 'in' && !minus && /^(notes?|sources?|highlights?|references?|refs?)$/i.test(value)) {
      const scope = value.toLowerCase()
      parsed.scope = scope.startsWith('note') ? 'notes' : scope.startsWith('source') ? 'sources' : scope.startsWith('ref') ? 'references' : 'highlights'
    } else if (key === 'ref' && !minus && value) {
      // ref:words searches the references list for the words
      parsed.scope = 'references'
      if (quoted !== undefined) parsed.phrases.push(value)
      else parsed.words.push(value)
    } else if (key === 'tag' && !minus && value) {
      parsed.tags.push(value.replace(/^#/, '').toLowerCase())
    } else if ((key === 'color' || key === 'colour') && !minus && value) {
      parsed.colors.push(value.toLowerCase())
      if (parsed.scope === 'all') parsed.scope = 'highlights'
    } else if (key === 'source' && !minus && value) {
      parsed.sourceWords.push(...value.split(/\s+/).filter(Boolean))
    } else if (minus && value && !key) {
      parsed.excluded.push(value)
    } else if (quoted !== undefined) {
      if (value) parsed.phrases.push(value)
    } else if (value) {
      parsed.words.push(filter ? `${filter}:${value}` : value)
    }
  }
  // the last word is only a prefix while it is still being typed, and never inside a phrase
  parsed.endsInWord = parsed.endsInWord && !/"$/.test(query.trim()) && parsed.words.length > 0
  return parsed
}
