import MiniSearch, { type Query, type SearchResult } from 'minisearch'
import type { Source } from '../../../shared/model'
import { promises as fs } from 'node:fs'
import { dirname } from 'node:path'
import { UNTITLED } from '../../../shared/notes'
import type { NoteHit, SearchHit, SearchRequest, SearchResponse, SearchStatus, SourceHit } from '../../../shared/search'
import { writeFileAtomic } from '../atomic-write'
import { notePassages } from '../../../shared/note-content'
import type { StoredNote } from '../note-file'
import type { NotesService } from '../notes'
import type { SourcesService } from '../sources'
import { fingerprint, noteDocId, noteDocument, parseDocId, pullQuoteOrigins, sourceDocuments } from './documents'
import { parseQuery, type ParsedQuery } from './query-parser'
import { BASE_SEARCH_OPTIONS, MINISEARCH_OPTIONS, PULL_QUOTE_BOOST, SEARCH_INDEX_VERSION, type SearchDocument } from './search-options'
import { foldText, makeSnippet } from './snippets'
import { processTerm, tokenize } from './text-processing'

/** Documents added between yields while rebuilding, so the process stays responsive. */
const REBUILD_BATCH = 2000
/** Changes are written to disk this long after the last one. */
const PERSIST_DELAY_MS = 2000
const DEFAULT_LIMIT = 20

interface PersistedHeader {
  version: string
  fingerprint: string
  documents: number
}

/**
 * Search across sources and notes, around MiniSearch. The index is a cache: loaded from the
 * workspace at start without blocking (or rebuilt when missing, stale, corrupt or built with
 * other options), kept up to date on every note save and source change, and written back.
 */
export class SearchService {
  private index = new MiniSearch<SearchDocument>(MINISEARCH_OPTIONS)
  private status: SearchStatus = { state: 'loading', progress: 0, documents: 0 }
  private ready: Promise<void> = Promise.resolve()
  private readonly passages = new Map<string, { title: string; passages: string[] }>()
  private readonly pullQuotes = new Map<string, string>()
  private persistTimer: NodeJS.Timeout | undefined
  private readonly unsubscribe: (() => void)[] = []

  constructor(
    private readonly sources: SourcesService,
    private readonly notes: NotesService,
    private readonly indexPath: string
  ) {}

  /** Starts loading (or rebuilding) in the background and returns at once. */
  start(): void {
    for (const note of this.notes.all()) this.rememberNote(note)
    for (const source of this.sources.all()) for (const [pq, origin] of pullQuoteOrigins(source)) this.pullQuotes.set(pq, origin)
    this.ready = this.loadOrRebuild().catch((error: unknown) => {
      console.error('pilcrow: search index failed to build:', error)
    })
    this.unsubscribe.push(
      this.notes.onDidChange((id, note) => void this.ready.then(() => this.updateNote(id, note))),
      this.sources.onDidChange((source) => void this.ready.then(() => this.updateSource(source)))
    )
  }

  /** Resolves once the index is usable. */
  whenReady(): Promise<void> {
    return this.ready
  }

  getStatus(): SearchStatus {
    return { ...this.status, documents: this.index.documentCount }
  }

  async stop(): Promise<void> {
    for (const off of this.unsubscribe.splice(0)) off()
    await this.ready
    if (this.persistTimer) {
      clearTimeout(this.persistTimer)
      await this.persist()
    }
  }

  async search(request: SearchRequest): Promise<SearchResponse> {
    await this.ready
    const parsed = parseQuery(request.query)
    const scope = parsed.scope !== 'all' ? parsed.scope : (request.scope ?? 'all')
    const limit = request.limit ?? DEFAULT_LIMIT
    const query = this.buildQuery(parsed)
    if (!query) return { hits: [], status: this.getStatus() }

    const allowedSources = parsed.sourceWords.length > 0 ? this.sourcesMatching(parsed.sourceWords) : null
    const filter = (result: SearchResult): boolean => {
      const ref = parseDocId(result.id as string)
      if (ref.kind === 'note') return scope !== 'sources' && allowedSources === null
      return scope !== 'notes' && (allowedSources === null || allowedSources.has(ref.sourceId))
    }
    const boostDocument = (id: string): number => (this.pullQuotes.has(id) ? PULL_QUOTE_BOOST : 1)
    const run = (combineWith: 'AND' | 'OR'): SearchResult[] =>
      this.index.search(query(combineWith), { ...BASE_SEARCH_OPTIONS, filter, boostDocument })
    let results = run('AND')
    if (results.length === 0 && parsed.phrases.length === 0 && parsed.words.length > 1) results = run('OR')

    const phrases = parsed.phrases.map(foldText)
    const excluded = parsed.excluded.map(foldText)
    const hits: SearchHit[] = []
    for (const result of this.keepPullQuotesBelowTheirParagraph(results)) {
      const hit = this.toHit(result, parsed)
      if (!hit) continue
      const haystack = foldText(hit.kind === 'note' ? this.notePassageText(hit.noteId) : hit.text)
      if (phrases.some((p) => !haystack.includes(p))) continue
      if (excluded.some((word) => new RegExp(`\\b${escapeRegExp(word)}`).test(haystack))) continue
      hits.push(hit)
      if (hits.length >= limit) break
    }
    return { hits, status: this.getStatus() }
  }

  private buildQuery(parsed: ParsedQuery): ((combineWith: 'AND' | 'OR') => Query) | null {
    const phraseWords = parsed.phrases.flatMap(tokenize)
    const words = [...phraseWords, ...parsed.words.flatMap(tokenize)]
    if (words.every((w) => processTerm(w) === null)) return null
    const text = words.join(' ')
    const prefixLast = parsed.endsInWord
    return (combineWith) => {
      const main: Query = {
        queries: [text],
        combineWith,
        prefix: (_term: string, i: number, terms: string[]) => prefixLast && i === terms.length - 1
      } as Query
      if (parsed.excluded.length === 0) return main
      return { combineWith: 'AND_NOT', queries: [main, { queries: [parsed.excluded.join(' ')], combineWith: 'OR', fuzzy: false, prefix: false } as Query] } as Query
    }
  }

  /** A pull quote never ranks above the body paragraph it repeats: it moves just below it. */
  private keepPullQuotesBelowTheirParagraph(results: SearchResult[]): SearchResult[] {
    const out = [...results]
    for (const result of results) {
      const origin = this.pullQuotes.get(result.id as string)
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

  private toHit(result: SearchResult, parsed: ParsedQuery): SearchHit | null {
    const ref = parseDocId(result.id as string)
    const matched = new Set(result.terms)
    const prefixes = parsed.endsInWord ? [processTerm(parsed.words.at(-1) ?? '') ?? ''].filter(Boolean) : []
    if (ref.kind === 'source') {
      let source
      try {
        source = this.sources.get(ref.sourceId)
      } catch {
        return null
      }
      const block = source.blocks.find((b) => b.id === ref.blockId)
      if (!block) return null
      const hit: SourceHit = {
        kind: 'source',
        title: source.meta.title,
        ...makeSnippet(block.text, matched, prefixes),
        text: block.text,
        score: round(result.score),
        sourceId: source.id,
        blockId: block.id,
        paragraph: block.paragraph,
        blockKind: block.kind
      }
      return hit
    }
    const note = this.passages.get(ref.noteId)
    if (!note) return null
    const passage = bestPassage(note.passages, matched)
    const text = note.passages[passage] ?? ''
    const hit: NoteHit = { kind: 'note', title: note.title || UNTITLED, ...makeSnippet(text || note.title, matched, prefixes), text, score: round(result.score), noteId: ref.noteId, passage }
    return hit
  }

  private notePassageText(noteId: string): string {
    const note = this.passages.get(noteId)
    return note ? `${note.title}\n${note.passages.join('\n')}` : ''
  }

  private sourcesMatching(words: string[]): Set<string> {
    const folded = words.map(foldText)
    return new Set(this.sources.all().filter((s) => folded.every((w) => foldText(s.meta.title).includes(w))).map((s) => s.id))
  }

  private rememberNote(note: StoredNote): void {
    this.passages.set(note.id, { title: note.title, passages: notePassages(note.content) })
  }

  private updateNote(id: string, note: StoredNote | null): void {
    const docId = noteDocId(id)
    if (this.index.has(docId)) this.index.discard(docId)
    if (note && !note.trashedAt) {
      this.rememberNote(note)
      this.index.add(noteDocument(note, this.passages.get(id)!.passages))
    } else this.passages.delete(id)
    this.persistSoon()
  }

  private updateSource(source: Source): void {
    for (const id of this.documentIdsOfSource(source.id)) this.index.discard(id)
    this.index.addAll(sourceDocuments(source))
    for (const [pq, origin] of pullQuoteOrigins(source)) this.pullQuotes.set(pq, origin)
    this.persistSoon()
  }

  private documentIdsOfSource(sourceId: string): string[] {
    const prefix = `s|${sourceId}|`
    const ids: string[] = []
    this.index.search(MiniSearch.wildcard, { filter: (r) => (r.id as string).startsWith(prefix) }).forEach((r) => ids.push(r.id as string))
    return ids
  }

  private currentFingerprint(): string {
    return fingerprint(this.sources.all(), this.notes.revisions())
  }

  private async loadOrRebuild(): Promise<void> {
    const expected = this.currentFingerprint()
    const reason = await this.tryLoad(expected)
    if (reason === null) {
      this.status = { state: 'ready', progress: 1, documents: this.index.documentCount }
      return
    }
    await this.rebuild(reason)
  }

  /** Loads the persisted index; returns null on success, or why it cannot be used. */
  private async tryLoad(expected: string): Promise<string | null> {
    let raw: string
    try {
      raw = await fs.readFile(this.indexPath, 'utf8')
    } catch {
      return 'no index on disk yet'
    }
    const newline = raw.indexOf('\n')
    let header: PersistedHeader
    try {
      header = JSON.parse(raw.slice(0, newline)) as PersistedHeader
    } catch {
      return 'the index file is damaged'
    }
    if (header.version !== SEARCH_INDEX_VERSION) return 'the index was built with other options'
    if (header.fingerprint !== expected) return 'notes or sources changed since the index was saved'
    try {
      this.index = await MiniSearch.loadJSONAsync(raw.slice(newline + 1), MINISEARCH_OPTIONS)
    } catch {
      this.index = new MiniSearch<SearchDocument>(MINISEARCH_OPTIONS)
      return 'the index file is damaged'
    }
    return this.index.documentCount === header.documents ? null : 'the index file is incomplete'
  }

  /** Builds the index from the notes and sources, yielding between batches and reporting progress. */
  private async rebuild(reason: string): Promise<void> {
    const index = new MiniSearch<SearchDocument>(MINISEARCH_OPTIONS)
    const documents: SearchDocument[] = []
    for (const source of this.sources.all()) documents.push(...sourceDocuments(source))
    for (const note of this.notes.all()) if (!note.trashedAt) documents.push(noteDocument(note, this.passages.get(note.id)?.passages))
    this.status = { state: 'rebuilding', progress: 0, documents: 0, reason }
    for (let i = 0; i < documents.length; i += REBUILD_BATCH) {
      index.addAll(documents.slice(i, i + REBUILD_BATCH))
      this.status = { state: 'rebuilding', progress: Math.min(1, (i + REBUILD_BATCH) / documents.length), documents: index.documentCount, reason }
      await new Promise((resolve) => setImmediate(resolve))
    }
    this.index = index
    this.status = { state: 'ready', progress: 1, documents: index.documentCount }
    await this.persist()
  }

  private persistSoon(): void {
    clearTimeout(this.persistTimer)
    this.persistTimer = setTimeout(() => {
      this.persistTimer = undefined
      void this.persist().catch((error: unknown) => console.error('pilcrow: could not save the search index:', error))
    }, PERSIST_DELAY_MS)
    this.persistTimer.unref()
  }

  /** Writes the index with a header naming its options and the documents it was built from. */
  private async persist(): Promise<void> {
    const header: PersistedHeader = { version: SEARCH_INDEX_VERSION, fingerprint: this.currentFingerprint(), documents: this.index.documentCount }
    await fs.mkdir(dirname(this.indexPath), { recursive: true })
    await writeFileAtomic(this.indexPath, `${JSON.stringify(header)}\n${JSON.stringify(this.index)}`)
  }
}

/** The passage of a note with the most matched words. */
function bestPassage(passages: string[], matched: ReadonlySet<string>): number {
  let best = 0
  let bestCount = -1
  passages.forEach((text, i) => {
    const count = tokenize(text).filter((w) => matched.has(processTerm(w) ?? '')).length
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
