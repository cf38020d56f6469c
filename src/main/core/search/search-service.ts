import { blockById } from '../../../shared/block-lookup'
import type { Source } from '../../../shared/model'
import { UNTITLED } from '../../../shared/notes'
import type { NoteHit, SearchHit, SearchRequest, SearchResponse, SearchStatus, SourceHit } from '../../../shared/search'
import { notePassages } from '../../../shared/note-content'
import type { StoredNote } from '../note-file'
import type { NotesService } from '../notes'
import type { SourcesService } from '../sources'
import { notifyAll } from '../notify'
import { IndexFiles } from './index-files'
import { LayeredIndex } from './layered-index'
import { fingerprint, noteDocId, noteDocument, parseDocId, pullQuoteOrigins, sourceDocuments } from './documents'
import { parseQuery, type ParsedQuery } from './query-parser'
import { QueryEngine, type EngineHit, type WordGroup } from './query-engine'
import { FIELD_BOOST, PULL_QUOTE_BOOST, SEARCH_INDEX_VERSION, SEGMENT_ANALYZER, type SearchDocument } from './search-options'
import { encodeSegment } from './segment'
import { SegmentBuilder } from './segment-builder'
import { foldText, makeSnippet } from './snippets'
import { foldTerm, processTerm, queryWords, tokenize } from './text-processing'

/** Work this long between yields while rebuilding, so API calls are answered meanwhile. */
const SLICE_MS = 12
/** The live layer is folded into a new segment once it holds this share of the segment's documents… */
const COMPACT_SHARE = 0.1
/** …and at least this many changes. */
const COMPACT_MIN = 1000
/** Changes are written to disk this long after the last one. */
const PERSIST_DELAY_MS = 2000
const DEFAULT_LIMIT = 20
/** Extra hits fetched so pull quotes moved below their paragraph do not push others out. */
const PULL_QUOTE_SLACK = 5
/** Typo variants rank below the word as typed. */
const FUZZY_WEIGHT = 0.45
/** Completions searched for the word being typed. */
const MAX_PREFIX_EXPANSIONS = 40
/** Shorter prefixes are not expanded (a single letter matches everything). */
const MIN_PREFIX = 2
/** Completions rank a little below the word as typed. */
const PREFIX_WEIGHT = 0.6

/**
 * Search across sources and notes. The index (a segment in typed arrays plus a MiniSearch layer
 * of changes, see `LayeredIndex`) is a cache: loaded from the workspace at start without
 * blocking (or rebuilt when missing, stale, corrupt or built with other options), kept up to
 * date on every note save and source change, and written back.
 */
export class SearchService {
  private index = LayeredIndex.empty()
  private readonly files: IndexFiles
  /** Changes made while a rebuild runs, applied again to the rebuilt index. */
  private replay: (() => void)[] | null = null
  private compaction: Promise<void> | null = null
  private current: SearchStatus = { state: 'loading', progress: 0, documents: 0 }
  private readonly statusListeners = new Set<(status: SearchStatus) => void>()
  private ready: Promise<void> = Promise.resolve()
  private readonly passages = new Map<string, { title: string; passages: string[] }>()
  private readonly pullQuotes = new Map<string, string>()
  private persistTimer: NodeJS.Timeout | undefined
  private readonly unsubscribe: (() => void)[] = []
  private beginNow: () => void = () => undefined
  private begun = false

  constructor(
    private readonly sources: SourcesService,
    private readonly notes: NotesService,
    cacheDir: string
  ) {
    this.files = new IndexFiles(cacheDir)
  }

  /** Starts reading the persisted index from disk now, in the background, for a `start` without delay. */
  prefetch(): void {
    this.files.prefetch()
  }

  /**
   * Returns at once; the index loads (or rebuilds) in the background after `delayMs`, so the
   * first screen is served before this heavy work — or at once when a search needs it.
   */
  start(delayMs = 0): void {
    let begin!: () => void
    const started = new Promise<void>((resolve) => (begin = resolve))
    this.beginNow = () => {
      this.begun = true
      begin()
    }
    if (delayMs > 0) setTimeout(this.beginNow, delayMs).unref()
    else this.beginNow()
    this.ready = started
      .then(() => {
        this.rememberAll()
        return this.loadOrRebuild()
      })
      .catch((error: unknown) => {
        console.error('pilcrow: search index failed to build:', error)
      })
    this.unsubscribe.push(
      this.notes.onDidChange((id, note) => void this.ready.then(() => this.apply(() => this.updateNote(id, note)))),
      this.sources.onDidChange((_id, source, previous) => {
        // another program replaced a source never read here: its old paragraphs are not known, so
        // the index is built again in the background (searches use the old one meanwhile)
        if (previous === undefined) this.ready = this.ready.then(() => this.rebuild(null))
        else void this.ready.then(() => this.apply(() => this.updateSource(source, previous)))
      })
    )
  }

  /** What search needs beside the index: each note's passages, and which pull quote repeats which paragraph. */
  private rememberAll(): void {
    for (const note of this.notes.all()) this.rememberNote(note)
    // only sources with pull quotes are read for this; the rest wait until a search or the reader needs them
    for (const entry of this.sources.catalogEntries()) {
      if (!entry.hasPullQuotes) continue
      const source = this.sources.readable(entry.id)
      if (source) for (const [pq, origin] of pullQuoteOrigins(source)) this.pullQuotes.set(pq, origin)
    }
  }

  /** Resolves once the index is usable (starting the load now if it is still waiting). */
  whenReady(): Promise<void> {
    this.beginNow()
    return this.ready
  }

  getStatus(): SearchStatus {
    return { ...this.current, documents: this.index.documentCount }
  }

  /** Told when the index's state or progress changes (loading, rebuilding 40 %, ready). */
  onDidChangeStatus(listener: (status: SearchStatus) => void): () => void {
    this.statusListeners.add(listener)
    return () => this.statusListeners.delete(listener)
  }

  private set status(status: SearchStatus) {
    this.current = status
    notifyAll(this.statusListeners, this.getStatus())
  }

  async stop(): Promise<void> {
    for (const off of this.unsubscribe.splice(0)) off()
    // stopped before the delayed load began (a quit right after start): there is nothing to save
    if (!this.begun) return
    await this.whenReady()
    await this.compaction
    if (this.persistTimer) {
      clearTimeout(this.persistTimer)
      await this.persist()
    }
  }

  async search(request: SearchRequest): Promise<SearchResponse> {
    await this.whenReady()
    const parsed = parseQuery(request.query)
    const scope = parsed.scope !== 'all' ? parsed.scope : (request.scope ?? 'all')
    const limit = request.limit ?? DEFAULT_LIMIT
    const engine = new QueryEngine(this.index, FIELD_BOOST)
    const { groups, unmatched } = this.wordGroups(parsed, engine)
    const said = unmatched.length > 0 ? { unmatched } : {}
    // `in:notes` or `in:sources` alone lists them (notes most recently edited first)
    if (groups.length === 0 && unmatched.length === 0 && parsed.scope !== 'all') return { hits: this.listing(parsed.scope, limit), status: this.getStatus() }
    if (groups.length === 0) return { hits: [], status: this.getStatus(), ...said }

    const allowedSources = parsed.sourceWords.length > 0 ? this.sourcesMatching(parsed.sourceWords) : null
    const accept = (id: string): boolean => {
      if (id.startsWith('n|')) return scope !== 'sources' && allowedSources === null
      return scope !== 'notes' && (allowedSources === null || allowedSources.has(id.split('|')[1]!))
    }
    const boost = (id: string): number => (this.pullQuotes.has(id) ? PULL_QUOTE_BOOST : 1)
    const excluded = parsed.excluded.map(processTerm).filter((t): t is string => t !== null)
    // phrases and exclusions are checked on the text afterwards: fetch more to keep `limit`
    const fetch = parsed.phrases.length + parsed.excluded.length > 0 ? Math.max(limit * 10, 200) : limit + PULL_QUOTE_SLACK
    const run = (combineWith: 'AND' | 'OR'): EngineHit[] => engine.search({ groups, combineWith, excluded, accept, boost, limit: fetch })
    let results = run('AND')
    if (results.length === 0 && parsed.phrases.length === 0 && groups.length > 1) results = run('OR')

    const phrases = parsed.phrases.map(foldText)
    const excludedWords = parsed.excluded.map(foldText)
    const hits: SearchHit[] = []
    for (const result of this.keepPullQuotesBelowTheirParagraph(results)) {
      const hit = this.toHit(result, parsed)
      if (!hit) continue
      const haystack = foldText(hit.kind === 'note' ? this.notePassageText(hit.noteId) : hit.text)
      if (phrases.some((p) => !haystack.includes(p))) continue
      if (excludedWords.some((word) => new RegExp(`\\b${escapeRegExp(word)}`).test(haystack))) continue
      hits.push(hit)
      if (hits.length >= limit) break
    }
    return { hits, status: this.getStatus(), ...said }
  }

  /**
   * One group of index terms per query word: the word itself and its typo variants (a word of a
   * compound also its joined form: "Al-Assad" finds "AlAssad" or "Al" and "Assad"); for the word
   * being typed, also its most frequent completions (at most MAX_PREFIX_EXPANSIONS, like a search
   * engine's max_expansions, so a two-letter prefix costs no more than a few words). A word
   * nothing in the index matches makes no group: it is named in `unmatched`, and the search goes
   * on with the others.
   */
  private wordGroups(parsed: ParsedQuery, engine: QueryEngine): { groups: WordGroup[]; unmatched: string[] } {
    const words = [...parsed.phrases, ...parsed.words].flatMap(queryWords)
    const typing = parsed.endsInWord ? words.pop() : undefined
    const groups: WordGroup[] = []
    const unmatched = new Set<string>()
    // typo variants only for words the index does not know: a correctly spelled word needs none
    const withTypos = (stem: string): WordGroup => {
      const distance = engine.has(stem) ? 0 : stem.length >= 8 ? 2 : stem.length >= 5 ? 1 : 0
      return [{ term: stem, weight: 1 }, ...(distance > 0 ? engine.fuzzyVariants(stem, distance, FUZZY_WEIGHT) : [])]
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
        if (prefix && prefix.length >= MIN_PREFIX) for (const [term, documents] of engine.termsWithPrefix(prefix)) completions.set(term, documents)
      }
      const best = [...completions]
        .filter(([term]) => term !== stem)
        .sort((a, b) => b[1] - a[1])
        .slice(0, MAX_PREFIX_EXPANSIONS)
        .map(([term]): { term: string; weight: number } => ({ term, weight: PREFIX_WEIGHT }))
      const group = [...(stem ? withTypos(stem) : []), ...joinedTerm(typing.joined), ...best]
      if (group.length > 0) add(group, typing.joined ? compoundAsTyped(parsed, typing.word, typing.joined) : typing.word)
    }
    return { groups, unmatched: [...unmatched] }
  }

  /** A pull quote never ranks above the body paragraph it repeats: it moves just below it. */
  private keepPullQuotesBelowTheirParagraph(results: EngineHit[]): EngineHit[] {
    const out = [...results]
    for (const result of results) {
      const origin = this.pullQuotes.get(result.id)
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

  private toHit(result: EngineHit, parsed: ParsedQuery): SearchHit | null {
    const ref = parseDocId(result.id)
    const matched = new Set(result.terms)
    const prefixes = parsed.endsInWord ? [processTerm(parsed.words.at(-1) ?? '') ?? ''].filter(Boolean) : []
    if (ref.kind === 'source') {
      const source = this.sources.readable(ref.sourceId)
      if (!source) return null
      const block = blockById(source.blocks, ref.blockId)
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

  /** Every note (most recently edited first) or every source (its first paragraph), as hits. */
  private listing(scope: 'notes' | 'sources', limit: number): SearchHit[] {
    if (scope === 'notes') {
      return this.notes
        .list()
        .notes.slice(0, limit)
        .map((note): NoteHit => {
          const text = this.passages.get(note.id)?.passages[0] ?? ''
          return { kind: 'note', title: note.title || UNTITLED, ...makeSnippet(text, new Set()), text, score: 0, noteId: note.id, passage: 0 }
        })
    }
    return this.sources
      .catalogEntries()
      .slice(0, limit)
      .flatMap((entry): SourceHit[] => {
        const source = this.sources.readable(entry.id)
        const block = source?.blocks.find((b) => b.paragraph !== null) ?? source?.blocks[0]
        if (!source || !block) return []
        return [{ kind: 'source', title: source.meta.title, ...makeSnippet(block.text, new Set()), text: block.text, score: 0, sourceId: source.id, blockId: block.id, paragraph: block.paragraph, blockKind: block.kind }]
      })
  }

  private notePassageText(noteId: string): string {
    const note = this.passages.get(noteId)
    return note ? `${note.title}\n${note.passages.join('\n')}` : ''
  }

  private sourcesMatching(words: string[]): Set<string> {
    const folded = words.map(foldText)
    return new Set(this.sources.catalogEntries().filter((s) => folded.every((w) => foldText(s.meta.title).includes(w))).map((s) => s.id))
  }

  private rememberNote(note: StoredNote): void {
    this.passages.set(note.id, { title: note.title, passages: notePassages(note.content) })
  }

  private updateNote(id: string, note: StoredNote | null): void {
    if (note && !note.trashedAt) {
      this.rememberNote(note)
      this.index.add(noteDocument(note, this.passages.get(id)!.passages)) // replaces the old version
    } else {
      this.index.discard(noteDocId(id))
      this.passages.delete(id)
    }
    this.persistSoon()
  }

  /**
   * A new, re-imported or deleted source: the previous version's documents go, the new
   * version's replace any the index holds already (it may, if it was built after the change).
   */
  private updateSource(source: Source | null, previous: Source | null): void {
    for (const { id } of previous ? sourceDocuments(previous) : []) {
      this.index.discard(id)
      this.pullQuotes.delete(id)
    }
    if (source) {
      this.index.addAll(sourceDocuments(source))
      for (const [pq, origin] of pullQuoteOrigins(source)) this.pullQuotes.set(pq, origin)
    }
    this.persistSoon()
  }

  /** A change to notes or sources, applied now, and again after a rebuild that is under way. */
  private apply(change: () => void): void {
    change()
    this.replay?.push(change)
  }

  private currentFingerprint(): string {
    return fingerprint(this.sources.catalogEntries(), this.notes.revisions())
  }

  private async loadOrRebuild(): Promise<void> {
    const loaded = await this.files.load(this.currentFingerprint())
    if (typeof loaded === 'string') return this.rebuild(loaded)
    this.index = loaded
    this.status = { state: 'ready', progress: 1, documents: loaded.documentCount }
  }

  /**
   * Builds a new segment from the notes and sources, in slices between which other work runs,
   * reporting progress; changes made meanwhile are applied to the old index (still searched)
   * and replayed on the new one.
   */
  private async rebuild(reason: string | null): Promise<void> {
    const shown = reason !== null
    if (shown) this.status = { state: 'rebuilding', progress: 0, documents: 0, reason }
    this.replay = []
    try {
      let sliceStart = performance.now()
      const pause = async (): Promise<void> => {
        if (performance.now() - sliceStart < SLICE_MS) return
        await new Promise((resolve) => setImmediate(resolve))
        sliceStart = performance.now()
      }
      // taken first: a change while the sources are read makes it stale, never wrongly current
      const snapshot = this.currentFingerprint()
      const builder = new SegmentBuilder<SearchDocument>(SEGMENT_ANALYZER)
      // sources not read yet are read here, one at a time between other work
      for (const { id } of this.sources.catalogEntries()) {
        const source = this.sources.readable(id)
        if (source) for (const document of sourceDocuments(source)) builder.add(document)
        await pause()
      }
      for (const note of this.notes.all()) if (!note.trashedAt) builder.add(noteDocument(note, this.passages.get(note.id)?.passages))
      const data = await builder.build(SEARCH_INDEX_VERSION, snapshot, async (progress) => {
        if (shown) this.status = { state: 'rebuilding', progress, documents: 0, reason }
        await pause()
      })
      const { file, segment } = encodeSegment(data)
      this.index = new LayeredIndex(segment)
      for (const change of this.replay) change()
      this.status = { state: 'ready', progress: 1, documents: this.index.documentCount }
      // searchable already; a cache folder that cannot be written only costs a rebuild next time
      await this.files.writeSegment(file)
    } finally {
      this.replay = null
    }
    await this.persist()
  }

  /** Writes the index now, and waits for a compaction that this starts (the crash test kills this at random moments). */
  async flush(): Promise<void> {
    await this.whenReady()
    clearTimeout(this.persistTimer)
    this.persistTimer = undefined
    await this.persist()
    await this.compaction
  }

  private persistSoon(): void {
    clearTimeout(this.persistTimer)
    this.persistTimer = setTimeout(() => {
      this.persistTimer = undefined
      void this.persist().catch((error: unknown) => console.error('pilcrow: could not save the search index:', error))
    }, PERSIST_DELAY_MS)
    this.persistTimer.unref()
  }

  /**
   * Writes the changes since the segment was built; once they are many, folds them into a new
   * segment in the background instead.
   */
  private async persist(): Promise<void> {
    await this.files.writeChanges(this.index, this.currentFingerprint())
    const due = this.index.changes > Math.max(COMPACT_MIN, this.index.segment.documentCount * COMPACT_SHARE)
    if (due && !this.compaction && !this.replay) {
      this.compaction = this.rebuild(null)
        .catch((error: unknown) => console.error('pilcrow: could not compact the search index:', error))
        .finally(() => (this.compaction = null))
    }
  }
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
