import { join } from 'node:path'
import { promises as fs } from 'node:fs'
import type { NotebookApi } from '../../shared/api'
import { EventEmitter, type NotebookEvent } from '../../shared/events'
import type { Source, SourceFile, SourceMetaPatch, SourceSummary, WorkspaceInfo } from '../../shared/model'
import type { ImportFileRequest, ImportOutcome, ImportStatus } from '../../shared/imports'
import { readDraft, type Note, type NoteList, type OutgoingNoteDraft, type SaveResult } from '../../shared/notes'
import type { Settings, SettingsPatch } from '../../shared/settings'
import type { SourceBacklinks } from '../../shared/links'
import type { NoteBacklinks } from '../../shared/note-links'
import type { CitationRequest, CitationStyleInfo, FormattedCitation } from '../../shared/citations'
import { citationStylesDir, findAppRoot } from './app-paths'
import { Citations } from './citations/citations'
import { ReferencesService } from './references/references'
import type { ReferenceMatch, ReferencesImportResult, ReferenceSummary, ZoteroImportResult } from '../../shared/references'
import { readBetterBibTeX, readZoteroLibrary, ZOTERO_URL } from './references/zotero'
import { extractLinks } from './link-extraction'
import { LinkIndex } from './link-index'
import { checkNotesCensus } from './notes-census'
import { isUntouched, noteIdOfFile, NotesService } from './notes'
import { SearchService } from './search/search-service'
import type { SearchRequest, SearchResponse, SearchStatus } from '../../shared/search'
import type { DocxRequest, DocxResult, ExportRequest, ExportResult } from '../../shared/export'
import { PilcrowError } from '../../shared/errors'
import { UNTITLED } from '../../shared/notes'
import type { NotebookImportResult } from './export/notebook-import'
import type { ExportInput } from './export/notebook-export'
import type { StoredNote } from './note-file'
import type { SettingsStore } from './settings-store'
import { SourceImports } from './source-imports'
import { SourcesService } from './sources'
import { openWorkspace, type Workspace } from './workspace'
import { announceChanges } from './events/announce-changes'
import { HighlightsService } from './highlights'
import type { HighlightPatch, NewHighlight, SourceHighlight, SourceHighlights } from '../../shared/highlights'
import { WorkspaceWatcher } from './events/workspace-watcher'
import { SYNC_OFF, type SyncPort } from './sync-port'
import type { SyncStatus } from '../../shared/sync'

/** What the notebook needs from the shell that hosts it. */
export interface NotebookOptions {
  /** The workspace folder; created if missing or empty. */
  workspaceDir: string
  /** Paths of the sources every new workspace starts with (the bundled article). */
  bundledSources: string[]
  settings: SettingsStore
  /** Wait this long before loading the search index, so the first screen comes first (default 0). */
  searchIndexDelayMs?: number
  /** Watch the workspace for files other programs change (the app and `pilcrow serve`; not a one-shot CLI command). */
  watch?: boolean
  /** The CSL styles and locales (default: the app's `resources/csl`). */
  cslDir?: string
  /** Where Zotero answers (default: its own port on this computer, 127.0.0.1:23119). */
  zoteroUrl?: string
  /** The built search worker (`searchWorkerPath`): full rebuilds of the index run on it, off the main thread. */
  searchWorker?: string
}

/**
 * The notebook: everything a user can do, in plain Node. Both shells (Electron IPC, browser-mode
 * HTTP) and the CLI drive this class; none of them add behaviour of their own.
 */
export class Notebook implements NotebookApi {
  /** Every change, from whoever made it (see shared/events.ts); the transports forward these. */
  private readonly emitter = new EventEmitter()
  private sync: SyncPort | null = null
  private settingsVersion = 0
  private watcher: WorkspaceWatcher | null = null
  private readonly stopAnnouncing: () => void

  private constructor(
    readonly workspace: Workspace,
    readonly sources: SourcesService,
    readonly notes: NotesService,
    readonly links: LinkIndex,
    readonly searchIndex: SearchService,
    readonly imports: SourceImports,
    readonly highlights: HighlightsService,
    private readonly settings: SettingsStore,
    readonly citations: Citations,
    readonly references: ReferencesService,
    private readonly zoteroUrl: string
  ) {
    this.stopAnnouncing = announceChanges({ notes, sources, links, imports, searchIndex, highlights }, this.emitter)
  }

  private census: Promise<string | null> | null = null

  /** Whether the notes vanished since the last start (see notes-census.ts); checked once, when the window first asks. */
  private notesCensus(): Promise<string | null> {
    if (!this.census) {
      const { notes, trash, damaged } = this.notes.list()
      // the warning is a courtesy: a census that cannot be written must not stop the window opening
      this.census = checkNotesCensus(this.workspace, notes.length + trash.length, damaged.length).catch(() => null)
    }
    return this.census
  }

  /** Opens the workspace and starts its services in dependency order. */
  static async open(options: NotebookOptions): Promise<Notebook> {
    const workspace = await openWorkspace(options.workspaceDir)
    const sources = new SourcesService(workspace)
    const notes = new NotesService(workspace)
    const searchIndex = new SearchService(sources, notes, workspace.cacheDir, options.searchWorker)
    // a search waits for the index as soon as the notebook is open (CLI): read it meanwhile
    if (!options.searchIndexDelayMs) searchIndex.prefetch()
    await sources.start()
    if (workspace.created) {
      for (const path of options.bundledSources) await sources.importFile(path, { reimport: false })
    }
    await notes.start()
    const links = new LinkIndex(notes, sources)
    links.start()
    // the index loads (or rebuilds) in the background: the notebook is usable meanwhile
    searchIndex.start(options.searchIndexDelayMs ?? 0)
    const highlights = new HighlightsService(workspace, sources)
    const imports = new SourceImports(sources, links, highlights)
    // the styles' folder is looked for when first needed (a notebook run from a bundle elsewhere may never cite)
    const citations = new Citations(() => options.cslDir ?? citationStylesDir(findAppRoot()), join(workspace.root, 'styles'), sources, () => options.settings.get())
    const references = new ReferencesService(workspace, sources)
    const notebook = new Notebook(workspace, sources, notes, links, searchIndex, imports, highlights, options.settings, citations, references, options.zoteroUrl ?? ZOTERO_URL)
    searchIndex.references = () => references.all()
    searchIndex.highlights = async () => ({ all: await highlights.all(), meanings: options.settings.get().highlightMeanings })
    if (options.watch) await notebook.watchWorkspace()
    return notebook
  }

  /** Every event, of every type: what the Electron shell and the browser server forward. */
  onEvent(listener: (event: NotebookEvent) => void): () => void {
    return this.emitter.onEvent(listener)
  }

  /** Files that other programs add, change or remove in the workspace become the same events as changes made here. */
  private async watchWorkspace(): Promise<void> {
    // the highlights' folder too, made now if no highlight was ever made (it is watched from the start)
    await fs.mkdir(this.highlights.dir, { recursive: true }).catch(() => undefined)
    this.watcher = new WorkspaceWatcher([
      {
        dir: this.workspace.notesDir,
        onFile: async (name) => {
          const id = noteIdOfFile(name)
          if (id) await this.notes.syncFromDisk(id)
        }
      },
      { dir: this.workspace.sourcesDir, onFile: (name) => this.sources.syncFromDisk(name) },
      { dir: this.highlights.dir, onFile: (name) => this.highlights.syncFromDisk(name) }
    ])
    this.watcher.start()
  }

  /** Lets a shell's sync engine answer the sync methods (see SyncPort). */
  attachSync(port: SyncPort): void {
    this.sync = port
  }

  /** The sync engine's status changed: every window hears it. */
  announceSync(status: SyncStatus): void {
    this.emitter.emit({ type: 'sync-changed', status })
  }

  async getSyncStatus(): Promise<SyncStatus> {
    return this.sync?.status() ?? SYNC_OFF
  }

  async joinSync(request: { address: string; token: string; name?: string }): Promise<SyncStatus> {
    if (!this.sync) throw new PilcrowError('invalid-argument', 'Sync is not available here: run the app, or pilcrow serve, to sync this notebook.')
    return this.sync.join(request.address, request.token, request.name)
  }

  async leaveSync(): Promise<SyncStatus> {
    return this.sync ? this.sync.leave() : SYNC_OFF
  }

  async openNoteDoc(noteId: string): Promise<{ state: string }> {
    if (!this.sync) throw new PilcrowError('not-found', 'This notebook is not shared: its notes are saved as files.')
    return { state: Buffer.from(this.sync.noteState(noteId)).toString('base64') }
  }

  async updateNoteDoc(noteId: string, update: string): Promise<void> {
    if (!this.sync) throw new PilcrowError('not-found', 'This notebook is not shared any more: reload the note to save it as a file.')
    this.sync.applyNoteUpdate(noteId, new Uint8Array(Buffer.from(update, 'base64')))
  }

  async setNotePresence(noteId: string, windowId: string, here: boolean): Promise<void> {
    this.sync?.setNotePresence(noteId, windowId, here)
  }

  /** A shared note's document changed: every window editing it hears the update. */
  announceNoteDoc(noteId: string, update: Uint8Array): void {
    this.emitter.emit({ type: 'note-doc-changed', noteId, update: Buffer.from(update).toString('base64') })
  }

  /** Stops background work and writes pending caches. */
  async close(): Promise<void> {
    await this.sync?.close()
    await this.watcher?.stop()
    this.stopAnnouncing()
    await this.searchIndex.stop()
    await this.sources.stop()
    await this.notes.settled()
  }

  async getWorkspaceInfo(): Promise<WorkspaceInfo> {
    const census = await this.notesCensus()
    const warnings = [
      ...(census ? [census] : []),
      ...(this.settings.recovery ? [this.settings.recovery] : []),
      ...this.sources.damaged.map((d) => `A source file was left untouched because ${d.reason}`)
    ]
    return { path: this.workspace.root, formatVersion: this.workspace.formatVersion, sourceCount: this.sources.list().length, warnings }
  }

  async listSources(): Promise<SourceSummary[]> {
    return this.sources.list()
  }

  async getSource(sourceId: string): Promise<Source> {
    return this.sources.get(sourceId)
  }

  async getSourceFile(sourceId: string): Promise<SourceFile> {
    const { fileName, bytes } = await this.sources.readOriginal(sourceId)
    return { fileName, base64: Buffer.from(bytes).toString('base64') }
  }

  async importSource(file: ImportFileRequest): Promise<ImportOutcome> {
    return this.imports.importUpload(file)
  }

  /** Imports files from disk (the CLI; the renderer cannot name paths); `update` names the source they update. */
  async importSourceFiles(paths: string[], update?: string): Promise<ImportOutcome[]> {
    return this.imports.importPaths(paths, update)
  }

  async getImportStatus(): Promise<ImportStatus> {
    return this.imports.getStatus()
  }

  async updateSourceMeta(sourceId: string, patch: SourceMetaPatch): Promise<Source> {
    return this.sources.updateMeta(sourceId, patch)
  }

  async deleteSource(sourceId: string): Promise<{ orphanedLinks: number }> {
    const orphanedLinks = this.imports.linkCount(sourceId)
    await this.sources.remove(sourceId)
    // its highlights go with it into deleted-sources: nothing is lost
    await this.highlights.setAside(sourceId)
    return { orphanedLinks }
  }

  async getSettings(): Promise<Settings> {
    return this.settings.get()
  }

  async updateSettings(patch: SettingsPatch): Promise<Settings> {
    const settings = this.settings.update(patch)
    this.emitter.emit({ type: 'settings-changed', settings, version: ++this.settingsVersion })
    return settings
  }

  async listNotes(): Promise<NoteList> {
    return this.notes.list()
  }

  async createNote(title?: string): Promise<Note> {
    return this.notes.create(title)
  }

  async getNote(noteId: string): Promise<Note> {
    return this.notes.get(noteId)
  }

  async saveNote(draft: OutgoingNoteDraft): Promise<SaveResult> {
    return this.notes.save(readDraft(draft))
  }

  async trashNote(noteId: string): Promise<void> {
    await this.notes.trash(noteId)
  }

  async discardEmptyNote(noteId: string): Promise<boolean> {
    return this.notes.discardIfEmpty(noteId)
  }

  async restoreNote(noteId: string): Promise<Note> {
    return this.notes.restore(noteId)
  }

  async getBacklinks(sourceId: string): Promise<SourceBacklinks> {
    return this.links.backlinks(sourceId)
  }

  async getNoteBacklinks(noteId: string): Promise<NoteBacklinks> {
    return this.links.linkedFrom(noteId)
  }

  async listCitationStyles(): Promise<CitationStyleInfo[]> {
    return this.citations.listStyles()
  }

  async addCitationStyle(file: { fileName: string; base64: string }): Promise<CitationStyleInfo> {
    return this.citations.addStyle(file.fileName, Buffer.from(file.base64, 'base64').toString('utf8'))
  }

  async formatCitation(request: CitationRequest): Promise<FormattedCitation> {
    return this.citations.format(request)
  }

  async listReferences(): Promise<ReferenceSummary[]> {
    return this.references.list()
  }

  async importReferences(file: { fileName: string; base64: string }): Promise<ReferencesImportResult> {
    return this.references.importText(Buffer.from(file.base64, 'base64').toString('utf8'), file.fileName)
  }

  /** Reads references files from disk (the CLI). */
  async importReferenceFiles(paths: string[]): Promise<ReferencesImportResult[]> {
    const results: ReferencesImportResult[] = []
    for (const path of paths) results.push(await this.references.importFile(path))
    return results
  }

  async importFromZotero(request: { betterBibtexUrl?: string }): Promise<ZoteroImportResult> {
    const works = await this.imports.track(request.betterBibtexUrl ? 'Better BibTeX export' : 'Zotero library', (progress) =>
      request.betterBibtexUrl ? readBetterBibTeX(request.betterBibtexUrl, this.zoteroUrl) : readZoteroLibrary(this.zoteroUrl, progress)
    )
    const result = await this.references.importWorks(works, request.betterBibtexUrl ? 'Better BibTeX' : 'Zotero')
    return {
      ...result,
      read: works.length,
      collections: new Set(works.flatMap((w) => w.collections)).size,
      attachments: works.reduce((n, w) => n + w.attachments.length, 0)
    }
  }

  async matchReferences(sourceId: string): Promise<ReferenceMatch[]> {
    return this.references.matches(sourceId)
  }

  async attachReference(referenceId: string, sourceId: string): Promise<Source> {
    return this.references.attach(referenceId, sourceId)
  }

  async listHighlights(sourceId: string): Promise<SourceHighlights> {
    return this.highlights.list(sourceId)
  }

  async addHighlight(highlight: NewHighlight): Promise<SourceHighlight> {
    return this.highlights.add(highlight)
  }

  async updateHighlight(sourceId: string, highlightId: string, patch: HighlightPatch): Promise<SourceHighlight> {
    return this.highlights.update(sourceId, highlightId, patch)
  }

  async deleteHighlight(sourceId: string, highlightId: string): Promise<SourceHighlight> {
    return this.highlights.remove(sourceId, highlightId)
  }

  async restoreHighlight(highlight: SourceHighlight): Promise<SourceHighlight> {
    return this.highlights.restore(highlight)
  }

  async search(request: SearchRequest): Promise<SearchResponse> {
    return this.searchIndex.search(request)
  }

  async getSearchStatus(): Promise<SearchStatus> {
    return this.searchIndex.getStatus()
  }

  async exportMarkdown(request: ExportRequest): Promise<ExportResult> {
    const { notes, cited } = await this.exportedNotes(request.notes)
    // a notebook export carries every source; a note export only those it cites (the rest are not read)
    const sources = request.notes === 'all' ? this.sources.all() : cited
    // export and import load when first used (yaml and marked are not needed to start)
    const { buildExport } = await import('./export/notebook-export')
    // a notebook export carries the highlights, one file per source that has some
    const highlights = request.notes === 'all' ? groupBySource(await this.highlights.all()) : undefined
    const csl = await this.cslForExport(request)
    const files = buildExport({ notes, sources, style: request.style, wholeNotebook: request.notes === 'all', titleOf: (id) => this.notes.titleOf(id), ...csl, ...(highlights ? { highlights, meanings: this.settings.get().highlightMeanings } : {}) })
    const name = request.notes !== 'all' && notes.length === 1 ? notes[0]!.title || UNTITLED : 'Pilcrow notebook'
    return { files, name }
  }

  async exportDocx(request: DocxRequest): Promise<DocxResult> {
    this.checkStyle(request.csl)
    const { notes, cited: sources } = await this.exportedNotes(request.notes)
    const [{ notesToDocx }, { citationKeys }, style] = await Promise.all([import('./export/note-docx'), import('./citations/csl-items'), this.citations.prepared(request.csl)])
    const bytes = await notesToDocx({ notes, sources, keys: citationKeys(sources), style, titleOf: (id) => this.notes.titleOf(id) })
    const name = `${request.notes !== 'all' && notes.length === 1 ? notes[0]!.title || UNTITLED : 'Pilcrow notes'}.docx`
    return { name, base64: Buffer.from(bytes).toString('base64') }
  }

  /** The notes an export takes (a whole-notebook one leaves out the trash, and notes nobody ever wrote in), and the readable sources they cite. */
  private async exportedNotes(which: string[] | 'all'): Promise<{ notes: StoredNote[]; cited: Source[] }> {
    const notes = which === 'all' ? this.notes.all().filter((n) => !n.trashedAt && !isUntouched(n)) : await Promise.all(which.map((id) => this.notes.get(id)))
    const cited = new Set(notes.flatMap((note) => extractLinks(note.content).citations.map((link) => link.anchor.sourceId)))
    return { notes, cited: [...cited].map((id) => this.sources.readable(id)).filter((s): s is Source => s !== null) }
  }

  private checkStyle(csl: string | undefined): void {
    if (csl !== undefined && !this.citations.styles.has(csl)) {
      throw new PilcrowError('invalid-argument', `There is no citation style "${csl}": use one of ${this.citations.listStyles().map((s) => s.id).join(', ')}.`)
    }
  }

  /** The chosen CSL style, for an export formatted in it (`csl`) or pointing Pandoc at it. */
  private async cslForExport(request: ExportRequest): Promise<Pick<ExportInput, 'csl' | 'cslFile'>> {
    this.checkStyle(request.csl)
    if (request.style === 'pandoc') {
      const id = request.csl ?? this.citations.chosenStyle()
      return { cslFile: { name: `${id}.csl`, content: this.citations.styles.style(id) } }
    }
    // footnotes take the chosen style's note form when it is a note style (Chicago notes)
    const noteStyle = this.citations.listStyles().find((s) => s.id === (request.csl ?? this.citations.chosenStyle()))?.note
    if (request.style !== 'csl' && !(request.style === 'footnotes' && noteStyle)) return {}
    const style = await this.citations.prepared(request.csl)
    const { cslHtmlToMarkdown } = await import('../../shared/markdown/csl-html')
    return {
      csl: {
        note: style.note,
        format: (items, cites) => {
          const { citations, bibliography } = style.format(items, cites, 'html')
          return { citations: citations.map(cslHtmlToMarkdown), bibliography: bibliography.map(cslHtmlToMarkdown) }
        }
      }
    }
  }

  /** Imports an exported notebook folder (CLI and tests; the app's import comes with source import). */
  async importNotebook(folder: string): Promise<NotebookImportResult> {
    const { importNotebook } = await import('./export/notebook-import')
    return importNotebook(folder, this.notes, this.sources, this.highlights)
  }
}

function groupBySource(highlights: SourceHighlight[]): Map<string, SourceHighlight[]> {
  const map = new Map<string, SourceHighlight[]>()
  for (const h of highlights) map.set(h.sourceId, [...(map.get(h.sourceId) ?? []), h])
  return map
}
