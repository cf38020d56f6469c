import { blockById } from '../../../shared/block-lookup'
import type { Source } from '../../../shared/model'
import { UNTITLED, type NoteSummary } from '../../../shared/notes'
import type { HighlightHit, NoteHit, ReferenceHit, SearchHit, SearchRequest, SourceHit } from '../../../shared/search'
import { resolveAnchor } from '../../../shared/anchors'
import { hasTag, tagsInText } from '../../../shared/tags'
import type { ReferenceSummary } from '../../../shared/references'
import { colorLabel, HIGHLIGHT_COLORS, type HighlightColor, type SourceHighlight } from '../../../shared/highlights'
import { parseDocId } from './documents'
import type { StoredBlock, StoredRecord } from './passage-store'
import type { LayeredIndex } from './layered-index'
import { parseQuery, type ParsedQuery } from './query-parser'
import { QueryEngine, type EngineHit, type WordGroup } from './query-engine'
import { FIELD_BOOST, PULL_QUOTE_BOOST, type SearchField } from './search-options'
import { foldText, makeSnippet, termMatcher } from './snippets'
import { foldTerm, processTerm, queryWords, tokenize } from './text-processing'

/** Every weight and boost of a search, in one place: what ranks above what, and how far a word reaches. */
export interface QueryOptions {
  /** How much a match counts in each field (a title over a heading over body text). */
  fieldBoost: Record<SearchField, number>
  /** A pull quote (a paragraph repeated in large type) counts this much of a body paragraph. */
  pullQuoteBoost: number
  /** Typo variants rank this much of the word as typed… */
  fuzzyWeight: number
  /** …one typo is allowed from words this long (stems), two from words this long. */
  oneTypoFrom: number
  twoTyposFrom: number
  /** Completions of the word being typed rank this much of the word as typed… */
  prefixWeight: number
  /** …at most this many of them, the most frequent (a search engine's max_expansions)… */
  maxPrefixExpansions: number
  /** …and shorter prefixes are not expanded (a single letter matches everything). */
  minPrefix: number
  /** Hits returned when the request does not say. */
  defaultLimit: number
  /** Extra hits fetched so pull quotes moved below their paragraph do not push others out. */
  pullQuoteSlack: number
}

export const QUERY_OPTIONS: QueryOptions = {
  fieldBoost: FIELD_BOOST,
  pullQuoteBoost: PULL_QUOTE_BOOST,
  fuzzyWeight: 0.45,
  oneTypoFrom: 5,
  twoTyposFrom: 8,
  prefixWeight: 0.6,
  maxPrefixExpansions: 40,
  minPrefix: 2,
  defaultLimit: 20,
  pullQuoteSlack: 5
}

/** What a query reads beside the index (the search service answers from its services and maps). */
export interface QueryContext {
  index: LayeredIndex
  /** Pull quote document id → the id of the paragraph it repeats. */
  pullQuotes: ReadonlyMap<string, string>
  /** A source in full, for a hit's paragraph (null: gone or unreadable). */
  source(sourceId: string): Source | null
  /** A source's title without reading its blocks (undefined: gone); without it, the source is read. */
  sourceTitle?(sourceId: string): string | undefined
  /** A hit's block or note as stored beside the index, without reading its source or note (null: not stored there). */
  stored?(hit: EngineHit): StoredRecord | null
  /** A note's title and passages, as indexed. */
  notePassages(noteId: string): { title: string; passages: string[] } | undefined
  /** Every source's id, title and tags, in the order they were added (`source:` words, `in:sources`, `tag:`). */
  sourceTitles(): { id: string; title: string; tags?: readonly string[] }[]
  /** The notes, most recently edited first (`in:notes`). */
  recentNotes(): NoteSummary[]
  /** The references list (searched with `in:references` and `ref:`). */
  references?: readonly ReferenceSummary[]
  /** Every source's highlights, and what the user named each colour (searched with `in:highlights`, `color:`). */
  highlights?: { all: readonly SourceHighlight[]; meanings: Partial<Record<HighlightColor, string>> }
}

/**
 * Runs one query over an index: a pure function of the index, what the context looks up, and the
 * options (no notebook needed; see run-query.test.ts).
 */
export function runQuery(context: QueryContext, request: SearchRequest, options: QueryOptions = QUERY_OPTIONS): { hits: SearchHit[]; unmatched: string[] } {
  const parsed = parseQuery(request.query)
  const scope = parsed.scope !== 'all' ? parsed.scope : (request.scope ?? 'all')
  const limit = request.limit ?? options.defaultLimit
  const engine = new QueryEngine(context.index, options.fieldBoost)
  if (scope === 'highlights') return { hits: highlightHits(context, parsed, limit), unmatched: [] }
  if (scope === 'references') return { hits: referenceHits(context, parsed, limit), unmatched: [] }
  const { groups, unmatched: unknown } = wordGroups(parsed, engine, options)
  // highlights whose words or comment hold every word: after the paragraphs and notes (their own group in the box)
  const marked = scope === 'all' ? highlightHits(context, parsed, limit) : []
  // a word found in a highlight's comment is not one that "matches nothing"
  const unmatched = unknown.filter((word) => !marked.some((h) => foldText(h.text).includes(foldText(word))))
  // `tag:` keeps to the notes and sources that have the tags (highlights: see highlightHits)
  const tagged = parsed.tags.length > 0 ? taggedItems(context, parsed.tags) : null
  // `in:notes`, `in:sources` or `tag:` alone lists them (notes most recently edited first)
  if (groups.length === 0 && unknown.length === 0 && (parsed.scope !== 'all' || tagged)) return { hits: [...listing(context, scope, limit, tagged), ...marked], unmatched }
  if (groups.length === 0) return { hits: marked, unmatched }

  const allowedSources = parsed.sourceWords.length > 0 ? sourcesMatching(context, parsed.sourceWords) : null
  const accept = (id: string): boolean => {
    if (id.startsWith('n|')) return scope !== 'sources' && allowedSources === null && (tagged === null || tagged.notes.has(id.slice(2)))
    const sourceId = id.split('|')[1]!
    return scope !== 'notes' && (allowedSources === null || allowedSources.has(sourceId)) && (tagged === null || tagged.sources.has(sourceId))
  }
  const boost = (id: string): number => (context.pullQuotes.has(id) ? options.pullQuoteBoost : 1)
  const excluded = parsed.excluded.map(processTerm).filter((t): t is string => t !== null)
  // phrases and exclusions are checked on the text afterwards: fetch more to keep `limit`
  const fetch = parsed.phrases.length + parsed.excluded.length > 0 ? Math.max(limit * 10, 200) : limit + options.pullQuoteSlack
  const run = (combineWith: 'AND' | 'OR'): EngineHit[] => engine.search({ groups, combineWith, excluded, accept, boost, limit: fetch })
  let results = run('AND')
  if (results.length === 0 && parsed.phrases.length === 0 && groups.length > 1) results = run('OR')

  const phrases = parsed.phrases.map(foldText)
  const excludedWords = parsed.excluded.map(foldText)
  const hits: SearchHit[] = []
  for (const result of keepPullQuotesBelowTheirParagraph(context, results)) {
    const hit = toHit(context, result, parsed)
    if (!hit) continue
    const haystack = foldText(hit.kind === 'note' ? notePassageText(context, hit.noteId) : hit.text)
    if (phrases.some((p) => !haystack.includes(p))) continue
    if (excludedWords.some((word) => new RegExp(`\\b${escapeRegExp(word)}`).test(haystack))) continue
    hits.push(hit)
    if (hits.length >= limit) break
  }
  return { hits: [...hits, ...marked], unmatched }
}

/**
 * Highlights whose words or comment hold every word of the query (the last as a prefix while
 * typed), of the colours asked for (`color:blue`, or a colour's meaning: `color:claim`). A scan:
 * a notebook's highlights are thousands, each a few words.
 */
function highlightHits(context: QueryContext, parsed: ParsedQuery, limit: number): HighlightHit[] {
  const { all, meanings } = context.highlights ?? { all: [], meanings: {} }
  const colors = parsed.colors.flatMap((asked) =>
    HIGHLIGHT_COLORS.filter((c) => c === asked || foldText(meanings[c] ?? '') === foldText(asked))
  )
  if (parsed.colors.length > 0 && colors.length === 0) return []
  const words = [...parsed.phrases, ...parsed.words].map(foldText).filter(Boolean)
  const excluded = parsed.excluded.map(foldText)
  const hits: HighlightHit[] = []
  for (const h of all) {
    if (colors.length > 0 && !colors.includes(h.color)) continue
    if (parsed.tags.length > 0 && !parsed.tags.every((t) => hasTag(tagsInText(h.comment), t))) continue
    const haystack = foldText(`${h.anchor.quote.exact}\n${h.comment}`)
    if (!words.every((w) => haystack.includes(w)) || excluded.some((w) => haystack.includes(w))) continue
    const source = context.source(h.sourceId)
    if (!source) continue
    const resolved = resolveAnchor(source, h.anchor)
    const text = h.comment ? `${h.anchor.quote.exact} — ${h.comment}` : h.anchor.quote.exact
    const matched = new Set(words.flatMap((w) => tokenize(w)).map((w) => processTerm(w) ?? w))
    hits.push({
      kind: 'highlight',
      title: source.meta.title,
      ...makeSnippet(text, matched, parsed.endsInWord ? [processTerm(parsed.words.at(-1) ?? '') ?? ''].filter(Boolean) : []),
      text,
      score: 0,
      sourceId: h.sourceId,
      highlightId: h.id,
      color: h.color,
      colorLabel: colorLabel(h.color, meanings),
      comment: h.comment,
      blockId: resolved.block?.id ?? null,
      range: resolved.block ? (resolved.range ?? null) : null,
      paragraph: resolved.block ? resolved.block.paragraph : h.anchor.paragraph
    })
    if (hits.length >= limit) break
  }
  return hits
}

/**
 * One group of index terms per query word: the word itself and its typo variants (a word of a
 * compound also its joined form: "Al-Assad" finds "AlAssad" or "Al" and "Assad"); for the word
 * being typed, also its most frequent completions (at most `maxPrefixExpansions`, like a search
 * engine's max_expansions, so a two-letter prefix costs no more than a few words). A word
 * nothing in the index matches makes no group: it is named in `unmatched`, and the search goes
 * on with the others.
 */
function wordGroups(parsed: ParsedQuery, engine: QueryEngine, options: QueryOptions): { groups: WordGroup[]; unmatched: string[] } {
  const words = [...parsed.phrases, ...parsed.words].flatMap(queryWords)
  const typing = parsed.endsInWord ? words.pop() : undefined
  const groups: WordGroup[] = []
  const unmatched = new Set<string>()
  // typo variants only for words the index does not know: a correctly spelled word needs none
  const withTypos = (stem: string): WordGroup => {
    const distance = engine.has(stem) ? 0 : stem.length >= options.twoTyposFrom ? 2 : stem.length >= options.oneTypoFrom ? 1 : 0
    return [{ term: stem, weight: 1 }, ...(distance > 0 ? engine.fuzzyVariants(stem, distance, options.fuzzyWeight) : [])]
  }
  const joinedTerm = (joined: string | undefined): WordGroup => {
    const stem = joined ? processTerm(joined) : null
    return stem ? withTypos(stem) : []
  }
  const add = (group: WordGroup, asTyped: string): void => {
    if (group.some((t) => engine.has(t.term))) groups.push(group)
    else unmatched.add(asTyped)
  }
  for (const { word, joined } of words) {
    const stem = processTerm(word)
    if (stem) add([...withTypos(stem), ...joinedTerm(joined)], joined ? compoundAsTyped(parsed, word, joined) : word)
  }
  if (typing) {
    const stem = processTerm(typing.word)
    const completions = new Map<string, number>()
    for (const prefix of new Set([foldTerm(typing.word), stem])) {
      if (prefix && prefix.length >= options.minPrefix) for (const [term, documents] of engine.termsWithPrefix(prefix)) completions.set(term, documents)
    }
    const best = [...completions]
      .filter(([term]) => term !== stem)
      .sort((a, b) => b[1] - a[1])
      .slice(0, options.maxPrefixExpansions)
      .map(([term]): { term: string; weight: number } => ({ term, weight: options.prefixWeight }))
    const group = [...(stem ? withTypos(stem) : []), ...joinedTerm(typing.joined), ...best]
    if (group.length > 0) add(group, typing.joined ? compoundAsTyped(parsed, typing.word, typing.joined) : typing.word)
  }
  return { groups, unmatched: [...unmatched] }
}

/** A pull quote never ranks above the body paragraph it repeats: it moves just below it. */
function keepPullQuotesBelowTheirParagraph(context: QueryContext, results: EngineHit[]): EngineHit[] {
  const out = [...results]
  for (const result of results) {
    const origin = context.pullQuotes.get(result.id)
    if (!origin) continue
    const at = out.indexOf(result)
    const originAt = out.findIndex((r) => r.id === origin)
    if (originAt > at) {
      out.splice(at, 1)
      out.splice(originAt, 0, { ...result, score: Math.min(result.score, out[originAt - 1]!.score) })
    }
  }
  return out
}

function toHit(context: QueryContext, result: EngineHit, parsed: ParsedQuery): SearchHit | null {
  const ref = parseDocId(result.id)
  const matched = new Set(result.terms)
  const prefixes = parsed.endsInWord ? [processTerm(parsed.words.at(-1) ?? '') ?? ''].filter(Boolean) : []
  if (ref.kind === 'source') {
    const title = context.sourceTitle ? context.sourceTitle(ref.sourceId) : context.source(ref.sourceId)?.meta.title
    if (title === undefined) return null
    const stored = context.stored?.(result)
    const block = (stored && 'block' in stored ? stored.block : null) ?? blockOf(context, ref.sourceId, ref.blockId)
    if (!block) return null
    const hit: SourceHit = {
      kind: 'source',
      title,
      ...makeSnippet(block.text, matched, prefixes),
      text: block.text,
      score: round(result.score),
      sourceId: ref.sourceId,
      blockId: ref.blockId,
      paragraph: block.paragraph,
      blockKind: block.kind
    }
    return hit
  }
  const stored = context.stored?.(result)
  const note = (stored && 'note' in stored ? stored.note : null) ?? context.notePassages(ref.noteId)
  if (!note) return null
  const passage = bestPassage(note.passages, matched)
  const text = note.passages[passage] ?? ''
  const hit: NoteHit = { kind: 'note', title: note.title || UNTITLED, ...makeSnippet(text || note.title, matched, prefixes), text, score: round(result.score), noteId: ref.noteId, passage }
  return hit
}

/** A block read from its source (a hit of the live layer, or one the passage store lacks). */
function blockOf(context: QueryContext, sourceId: string, blockId: string): StoredBlock | null {
  const source = context.source(sourceId)
  return (source && blockById(source.blocks, blockId)) ?? null
}

/**
 * The references whose title, authors, year, journal, key or DOI hold every word (the last as a
 * prefix while typed): a scan, like highlights (10,000 works take a few milliseconds).
 */
function referenceHits(context: QueryContext, parsed: ParsedQuery, limit: number): ReferenceHit[] {
  const words = [...parsed.phrases, ...parsed.words].map(foldText).filter(Boolean)
  const excluded = parsed.excluded.map(foldText)
  const hits: ReferenceHit[] = []
  for (const r of context.references ?? []) {
    const { byline, haystack } = referenceText(r)
    if (!words.every((w) => haystack.includes(w)) || excluded.some((w) => haystack.includes(w))) continue
    const matched = new Set(words.flatMap((w) => tokenize(w)).map((w) => processTerm(w) ?? w))
    hits.push({ kind: 'reference', title: r.title, ...makeSnippet(byline || r.title, matched), text: byline, score: 0, referenceId: r.id, sourceId: r.sourceId })
    if (hits.length >= limit) break
  }
  return hits
}

/** A reference's byline and its words folded for matching, worked out once per reference (a search scans them all at every key). */
const referenceTexts = new WeakMap<ReferenceSummary, { byline: string; haystack: string }>()

function referenceText(r: ReferenceSummary): { byline: string; haystack: string } {
  let text = referenceTexts.get(r)
  if (!text) {
    const byline = [r.authors.join(', '), r.year, r.container].filter(Boolean).join(' · ')
    text = { byline, haystack: foldText(`${r.title}\n${byline}\n${r.citationKey ?? ''}\n${r.doi ?? ''}`) }
    referenceTexts.set(r, text)
  }
  return text
}

/** The notes and sources with every tag asked for (or one nested under it). */
function taggedItems(context: QueryContext, tags: readonly string[]): { notes: Set<string>; sources: Set<string> } {
  const has = (own: readonly string[]): boolean => tags.every((t) => hasTag(own, t))
  return {
    notes: new Set(context.recentNotes().flatMap((n) => (has(n.tags) ? [n.id] : []))),
    sources: new Set(context.sourceTitles().flatMap((s) => (has(s.tags ?? []) ? [s.id] : [])))
  }
}

/** Lists notes (most recently edited first) and sources (their first paragraph), those tagged when `tagged` says. */
function listing(context: QueryContext, scope: 'all' | 'notes' | 'sources' | 'highlights' | 'references', limit: number, tagged: ReturnType<typeof taggedItems> | null): SearchHit[] {
  const notes =
    scope === 'all' || scope === 'notes'
      ? context
          .recentNotes()
          .filter((note) => tagged === null || tagged.notes.has(note.id))
          .slice(0, limit)
          .map((note): NoteHit => {
            const text = context.notePassages(note.id)?.passages[0] ?? ''
            return { kind: 'note', title: note.title || UNTITLED, ...makeSnippet(text, new Set()), text, score: 0, noteId: note.id, passage: 0 }
          })
      : []
  if (scope !== 'all' && scope !== 'sources') return notes
  const sources = context
    .sourceTitles()
    .filter((entry) => tagged === null || tagged.sources.has(entry.id))
    .slice(0, limit)
    .flatMap((entry): SourceHit[] => {
      const source = context.source(entry.id)
      const block = source?.blocks.find((b) => b.paragraph !== null) ?? source?.blocks[0]
      if (!source || !block) return []
      return [{ kind: 'source', title: source.meta.title, ...makeSnippet(block.text, new Set()), text: block.text, score: 0, sourceId: source.id, blockId: block.id, paragraph: block.paragraph, blockKind: block.kind }]
    })
  return [...notes, ...sources].slice(0, limit)
}

function notePassageText(context: QueryContext, noteId: string): string {
  const note = context.notePassages(noteId)
  return note ? `${note.title}\n${note.passages.join('\n')}` : ''
}

function sourcesMatching(context: QueryContext, words: string[]): Set<string> {
  const folded = words.map(foldText)
  return new Set(context.sourceTitles().filter((s) => folded.every((w) => foldText(s.title).includes(w))).map((s) => s.id))
}

/** A compound of the query as the user typed it ("S-300"), for saying it matched nothing. */
function compoundAsTyped(parsed: ParsedQuery, part: string, joined: string): string {
  const typed = [...parsed.phrases, ...parsed.words].flatMap((w) => w.match(/[\p{L}\p{N}]+(?:[-\u2010\u2011][\p{L}\p{N}]+)+/gu) ?? [])
  return typed.find((c) => c.replace(/[-\u2010\u2011]/g, '') === joined) ?? part
}

/** The passage of a note with the most matched words. */
function bestPassage(passages: string[], matched: ReadonlySet<string>): number {
  let best = 0
  let bestCount = -1
  const isMatch = termMatcher(matched)
  passages.forEach((text, i) => {
    const count = tokenize(text).filter(isMatch).length
    if (count > bestCount) {
      best = i
      bestCount = count
    }
  })
  return best
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
