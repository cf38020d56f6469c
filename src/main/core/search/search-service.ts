import type { Source } from '../../../shared/model'
import type { SearchRequest, SearchResponse, SearchStatus } from '../../../shared/search'
import { noteBlocks } from '../../../shared/note-content'
import type { StoredNote } from '../note-file'
import type { NotesService } from '../notes'
import type { SourcesService } from '../sources'
import { notifyAll } from '../notify'
import { IndexFiles } from './index-files'
import { LayeredIndex } from './layered-index'
import { fingerprint, noteDocId, noteDocument, pullQuoteOrigins, sourceDocuments } from './documents'
import type { PassageStore } from './passage-store'
import { runQuery, type QueryContext } from './run-query'
import { SEARCH_INDEX_VERSION } from './search-options'
import { buildOnWorker, canBuildOnWorker, type BuildJob } from './build-worker-client'
import { decodeSegment, SegmentDamagedError } from './segment'
import { buildSegmentFiles, type BuiltSegmentFiles } from './segment-build'

/** Work this long between yields while rebuilding, so API calls are answered meanwhile. */
const SLICE_MS = 12
/** The live layer is folded into a new segment once it holds this share of the segment's documents… */
const COMPACT_SHARE = 0.1
/** …and at least this many changes. */
const COMPACT_MIN = 1000
/** Changes are written to disk this long after the last one. */
const PERSIST_DELAY_MS = 2000
/**
 * A note of this many top-level blocks or more is indexed again once its saves pause for
 * `LONG_NOTE_PAUSE_MS` (or at once when a search, a write of the index or the close needs it),
 * not at every save: indexing a note of 10,000 paragraphs takes 150–350 ms of this thread,
 * which in the desktop app is the window's main process, and typing saves every 2 seconds.
 */
const LONG_NOTE_BLOCKS = 1000
const LONG_NOTE_PAUSE_MS = 5000

/**
 * Keeps the search index of sources and notes; the queries themselves run in `run-query.ts`.
 * The index (a segment in typed arrays plus a MiniSearch layer of changes, see `LayeredIndex`)
 * is a cache: loaded from the workspace at start without blocking (or rebuilt when missing,
 * stale, corrupt or built with other options), kept up to date on every note save and source
 * change (replayed onto an index rebuilt meanwhile), written back, and compacted.
 */
export class SearchService {
  private index = LayeredIndex.empty()
  /** The text of the segment's source blocks, on disk (null until the index is loaded or built). */
  private passages: PassageStore | null = null
  private readonly files: IndexFiles
  /** Changes made while a rebuild runs, applied again to the rebuilt index. */
  private replay: (() => void)[] | null = null
  /** A rebuild in the background (a compaction, or a source another program replaced): `stop` waits for it. */
  private compaction: Promise<void> | null = null
  private current: SearchStatus = { state: 'loading', progress: 0, documents: 0 }
  private readonly statusListeners = new Set<(status: SearchStatus) => void>()
  private ready: Promise<void> = Promise.resolve()
  private readonly notePassages = new Map<string, { title: string; passages: string[] }>()
  /** The notes each note links to, and who links to each: their text shows its title, so a rename re-indexes them. */
  private readonly linksOut = new Map<string, string[]>()
  private readonly linkers = new Map<string, Set<string>>()
  private readonly titleOf = (noteId: string): string | undefined => this.notes.titleOf(noteId)
  private readonly pullQuotes = new Map<string, string>()
  private persistTimer: NodeJS.Timeout | undefined
  private readonly unsubscribe: (() => void)[] = []
  private beginNow: () => void = () => undefined
  private begun = false
  /** Long notes saved since they were last indexed, as last saved, and the timer that indexes them. */
  private readonly longNotesDue = new Map<string, StoredNote>()
  private longNotesTimer: NodeJS.Timeout | undefined

  constructor(
    private readonly sources: SourcesService,
    private readonly notes: NotesService,
    cacheDir: string,
    /** The built worker script that rebuilds the index off the main thread; without it, rebuilds run here in slices. */
    private readonly workerPath?: string
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
        this.rememberPullQuotes()
        return this.loadOrRebuild()
      })
      .catch((error: unknown) => {
        console.error('pilcrow: search index failed to build:', error)
      })
    this.unsubscribe.push(
      this.notes.onDidChange((id, note) => void this.ready.then(() => this.noteChanged(id, note))),
      this.sources.onDidChange((_id, source, previous) => {
        // another program replaced a source never read here: its old paragraphs are not known, so
        // the index is built again in the background (searches use the old one meanwhile)
        if (previous === undefined) void this.ready.then(() => this.rebuildInBackground())
        else void this.ready.then(() => this.apply(() => this.updateSource(source, previous)))
      })
    )
  }

  /**
   * Every note's passages and links, read when first needed (a change of a note, a rebuild) and
   * not at start: a search in a notebook of 20,000 notes reads only the notes among its hits.
   */
  private rememberAllNotes(): void {
    if (this.allNotesRemembered) return
    this.allNotesRemembered = true
    for (const note of this.notes.all()) this.rememberNote(note)
  }

  private allNotesRemembered = false

  /** A note's passages as search reads them, the note read alone if need be. */
  private passagesOf(noteId: string): { title: string; passages: string[] } | undefined {
    const known = this.notePassages.get(noteId)
    if (known || this.allNotesRemembered) return known
    const note = this.notes.peekOne(noteId)
    if (!note || note.trashedAt) return undefined
    const passages = { title: note.title, passages: noteBlocks(note.content, this.titleOf).map((b) => b.pieces.map((p) => p.text).join('')) }
    this.notePassages.set(noteId, passages)
    return passages
  }

  /** Which pull quote repeats which paragraph, for ranking. */
  private rememberPullQuotes(): void {
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
    clearTimeout(this.longNotesTimer)
    // stopped before the delayed load began (a quit right after start): there is nothing to save
    if (!this.begun) return
    await this.whenReady()
    await this.compaction
    if (this.persistTimer || this.longNotesDue.size > 0) {
      clearTimeout(this.persistTimer)
      await this.persist()
    }
  }

  /** Where searches find highlights (set by the notebook: they live beside the sources). */
  highlights: (() => Promise<NonNullable<QueryContext['highlights']>>) | null = null
  /** Where searches find the references list (set by the notebook). */
  references: (() => Promise<NonNullable<QueryContext['references']>>) | null = null

  async search(request: SearchRequest): Promise<SearchResponse> {
    try {
      return await this.searchIndex(request)
    } catch (error) {
      if (!(error instanceof SegmentDamagedError)) throw error
      // postings damaged on disk since the index loaded (their sums are checked as they are
      // first read): built again, then the question is answered from the new index
      // (after a rebuild under way: two at once would share the changes to replay)
      this.repair ??= (this.compaction ?? Promise.resolve()).then(() => this.rebuild('the index file is damaged')).finally(() => (this.repair = null))
      await this.repair
      return this.searchIndex(request)
    }
  }

  /** A rebuild of an index found damaged while searching: searches meanwhile wait for it. */
  private repair: Promise<void> | null = null

  private async searchIndex(request: SearchRequest): Promise<SearchResponse> {
    await this.whenReady()
    await this.repair
    this.indexLongNotesDue()
    const highlights = (await this.highlights?.().catch(() => null)) ?? undefined
    // read only for a search of them: a damaged list must not stop other searches
    const references = /\b(in:ref|ref:)/i.test(request.query) || request.scope === 'references' ? ((await this.references?.().catch(() => null)) ?? undefined) : undefined
    const context = { ...this.queryContext(), ...(highlights ? { highlights } : {}), ...(references ? { references } : {}) }
    // the passage store opened once for all the hits
    const passages = this.passages
    const { hits, unmatched } = passages ? passages.reading(() => runQuery(context, request)) : runQuery(context, request)
    return { hits, status: this.getStatus(), ...(unmatched.length > 0 ? { unmatched } : {}) }
  }

  /** What a query reads beside the index, looked up in this service's services and maps. */
  private queryContext(): QueryContext {
    return {
      index: this.index,
      pullQuotes: this.pullQuotes,
      source: (sourceId) => this.sources.readable(sourceId),
      sourceTitle: (sourceId) => this.sources.catalogEntry(sourceId)?.meta.title,
      stored: (hit) => (hit.segmentDoc >= 0 ? (this.passages?.read(hit.segmentDoc) ?? null) : null),
      notePassages: (noteId) => this.passagesOf(noteId),
      sourceTitles: () => this.sources.catalogEntries().map((e) => ({ id: e.id, title: e.meta.title, ...(e.meta.tags ? { tags: e.meta.tags } : {}) })),
      recentNotes: () => this.notes.list().notes
    }
  }

  /** A note's passages as search reads them (links to notes by their targets' titles now), and which notes it links to. */
  private rememberNote(note: StoredNote): void {
    const blocks = noteBlocks(note.content, this.titleOf)
    this.notePassages.set(note.id, { title: note.title, passages: blocks.map((b) => b.pieces.map((p) => p.text).join('')) })
    const targets = [...new Set(blocks.flatMap((b) => b.pieces.flatMap((p) => p.noteLink?.noteId ?? [])))]
    this.forgetLinks(note.id)
    if (targets.length === 0) return
    this.linksOut.set(note.id, targets)
    for (const target of targets) {
      let from = this.linkers.get(target)
      if (!from) this.linkers.set(target, (from = new Set()))
      from.add(note.id)
    }
  }

  private forgetLinks(noteId: string): void {
    for (const target of this.linksOut.get(noteId) ?? []) this.linkers.get(target)?.delete(noteId)
    this.linksOut.delete(noteId)
  }

  private noteChanged(id: string, note: StoredNote | null): void {
    if (note && !note.trashedAt && note.content.root.children.length >= LONG_NOTE_BLOCKS) {
      this.longNotesDue.set(id, note)
      clearTimeout(this.longNotesTimer)
      this.longNotesTimer = setTimeout(() => this.indexLongNotesDue(), LONG_NOTE_PAUSE_MS)
      this.longNotesTimer.unref()
      return
    }
    // a long note trashed, deleted or cut short: this change replaces the one waiting
    this.longNotesDue.delete(id)
    this.apply(() => this.updateNote(id, note))
  }

  private indexLongNotesDue(): void {
    clearTimeout(this.longNotesTimer)
    this.longNotesTimer = undefined
    const due = [...this.longNotesDue]
    this.longNotesDue.clear()
    for (const [id, note] of due) this.apply(() => this.updateNote(id, note))
  }

  private updateNote(id: string, note: StoredNote | null): void {
    // its title before, if it was known (the notes are read now, in their new state)
    const knewTitle = this.allNotesRemembered || this.notePassages.has(id)
    const titleBefore = this.notePassages.get(id)?.title
    // the notes linking to this one are known once every note is
    this.rememberAllNotes()
    if (note && !note.trashedAt) {
      this.rememberNote(note)
      this.index.add(noteDocument(note, this.notePassages.get(id)!.passages)) // replaces the old version
    } else {
      this.index.discard(noteDocId(id))
      this.notePassages.delete(id)
      this.forgetLinks(id)
    }
    // renamed (or gone, or back): the notes linking to it read its title, and are found by it
    if (!knewTitle || note?.title !== titleBefore) {
      // a copy: re-indexing a linker takes it out of the set and puts it back
      for (const linker of [...(this.linkers.get(id) ?? [])]) {
        const linking = this.notes.peek(linker)
        if (!linking || linking.trashedAt) continue
        this.rememberNote(linking)
        this.index.add(noteDocument(linking, this.notePassages.get(linker)!.passages))
      }
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

  /** The notes' revisions from their files' stamps until the notes are read: checking the index reads no note that did not change. */
  private currentFingerprint(): string {
    return fingerprint(this.sources.catalogEntries(), this.notes.revisionsByStamp())
  }

  private async loadOrRebuild(): Promise<void> {
    const loaded = await this.files.load(this.currentFingerprint())
    if (typeof loaded === 'string') return this.rebuild(loaded)
    this.index = loaded
    this.passages = this.files.passagesOf(loaded.segment)
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
    // the notes' passages go into the new segment as known here: the long notes' last saves too
    this.indexLongNotesDue()
    this.replay = []
    try {
      let sliceStart = performance.now()
      const pause = async (): Promise<void> => {
        if (performance.now() - sliceStart < SLICE_MS) return
        await new Promise((resolve) => setImmediate(resolve))
        sliceStart = performance.now()
      }
      this.rememberAllNotes()
      // taken first: a change while the sources are read makes it stale, never wrongly current
      const snapshot = this.currentFingerprint()
      const notes = this.notes.all().flatMap((note) => {
        const passages = this.notePassages.get(note.id)
        return note.trashedAt || !passages ? [] : [{ document: noteDocument(note, passages.passages), note: passages }]
      })
      const sourceIds = this.sources.catalogEntries().map((e) => e.id)
      const progress = (share: number): void => {
        if (shown) this.status = { state: 'rebuilding', progress: share, documents: 0, reason }
      }
      const files =
        (await this.buildOnWorker({ version: SEARCH_INDEX_VERSION, fingerprint: snapshot, sources: this.sourceFiles(sourceIds), notes }, progress)) ??
        (await buildSegmentFiles({
          version: SEARCH_INDEX_VERSION,
          fingerprint: snapshot,
          sourceIds,
          // sources not read yet are read one at a time between other work, and not kept
          readSource: (id) => this.sources.readWithoutKeeping(id),
          notes,
          pause: async (share) => {
            progress(share)
            await pause()
          }
        }))
      // built here or by our own worker a moment ago: its sum need not be checked again
      const { segment } = decodeSegment(files.segment, { verified: true })
      this.index = new LayeredIndex(segment)
      this.passages = this.files.passagesOf(segment)
      for (const change of this.replay) change()
      this.status = { state: 'ready', progress: 1, documents: this.index.documentCount }
      // searchable already (hits read their sources until the passages are written); a cache
      // folder that cannot be written only costs a rebuild next time
      await this.files.writePassages(files.passages)
      await this.files.writeSegment(files.segment)
    } finally {
      this.replay = null
    }
    await this.persist()
  }

  /** The build on the worker thread, when there is one; null without it, or when it failed (then the build runs here). */
  private async buildOnWorker(job: BuildJob, progress: (share: number) => void): Promise<BuiltSegmentFiles | null> {
    if (!canBuildOnWorker(this.workerPath)) return null
    return buildOnWorker(this.workerPath, job, progress).catch((error: unknown) => {
      console.error('pilcrow: the search worker failed; building the index here instead:', error)
      return null
    })
  }

  /** Where the worker reads each source. */
  private sourceFiles(sourceIds: readonly string[]): { id: string; path: string }[] {
    return sourceIds.flatMap((id) => {
      const path = this.sources.filePathOf(id)
      return path ? [{ id, path }] : []
    })
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
    // the fingerprint names every note's revision on disk: the index written must hold them all
    if (this.longNotesDue.size > 0) {
      this.indexLongNotesDue()
      // written now, with them: no second write after this one (nor after a close)
      clearTimeout(this.persistTimer)
      this.persistTimer = undefined
    }
    await this.files.writeChanges(this.index, this.currentFingerprint())
    const due = this.index.changes > Math.max(COMPACT_MIN, this.index.segment.documentCount * COMPACT_SHARE)
    if (due && !this.compaction && !this.replay) this.rebuildInBackground()
  }

  /** A full rebuild after any under way, while searches are answered from the index there is. */
  private rebuildInBackground(): void {
    const run: Promise<void> = (this.compaction ?? Promise.resolve())
      .then(() => this.rebuild(null))
      .catch((error: unknown) => console.error('pilcrow: could not rebuild the search index:', error))
      .finally(() => {
        if (this.compaction === run) this.compaction = null
      })
    this.compaction = run
  }
}
