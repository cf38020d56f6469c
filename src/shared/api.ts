import type { Settings, SettingsPatch } from './settings'
import type { Source, SourceFile, SourceMetaPatch, SourceSummary, WorkspaceInfo } from './model'
import type { ImportFileRequest, ImportOutcome, ImportStatus } from './imports'
import type { DocxRequest, DocxResult, ExportRequest, ExportResult } from './export'
import type { SourceBacklinks } from './links'
import type { Note, NoteList, OutgoingNoteDraft, SaveResult } from './notes'
import type { NoteBacklinks } from './note-links'
import type { CitationRequest, CitationStyleInfo, FormattedCitation } from './citations'
import type { ReferenceMatch, ReferencesImportResult, ReferenceSummary, ZoteroImportResult } from './references'
import type { SearchRequest, SearchResponse, SearchStatus } from './search'
import type { HighlightPatch, NewHighlight, SourceHighlight, SourceHighlights } from './highlights'
import type { SyncStatus } from './sync'

/**
 * The one contract between the renderer and the notebook. The core implements it; the Electron
 * preload and the browser-mode HTTP client are generated from `NOTEBOOK_API_METHODS`; every
 * incoming argument is validated against `api-schema.ts`. Every method returns a Promise.
 * What changes, whoever changed it, arrives as the events declared beside it in `events.ts`
 * (`NotebookEvents`: `onDidChangeNotes`, `onDidChangeSources`, `onDidChangeLinks`…).
 */
export interface NotebookApi {
  /** Facts about the open workspace. */
  getWorkspaceInfo(): Promise<WorkspaceInfo>
  /** All sources, in the order they were added. */
  listSources(): Promise<SourceSummary[]>
  /** One source with all its blocks; fails with `not-found` for an unknown id. */
  getSource(sourceId: string): Promise<Source>
  /** The file a source was imported from, as imported (a PDF's pages are drawn from it); `not-found` when none was kept. */
  getSourceFile(sourceId: string): Promise<SourceFile>
  /** Imports one file as a source (a new one, or the earlier import of the same file updated). */
  importSource(file: ImportFileRequest): Promise<ImportOutcome>
  /** Progress of the import running now, e.g. page 120 of 300. */
  getImportStatus(): Promise<ImportStatus>
  /** Changes a source's citation details (title, authors, date, publisher, URL, citation key). */
  updateSourceMeta(sourceId: string, patch: SourceMetaPatch): Promise<Source>
  /** Deletes a source; says how many links to it became orphans (they keep their quotes). */
  deleteSource(sourceId: string): Promise<{ orphanedLinks: number }>
  /** The current settings (defaults where nothing is stored). */
  getSettings(): Promise<Settings>
  /** Changes some settings and returns all of them. */
  updateSettings(patch: SettingsPatch): Promise<Settings>
  /** The notes, the trash and the damaged note files. */
  listNotes(): Promise<NoteList>
  /** Creates an empty note (optionally titled) and returns it. */
  createNote(title?: string): Promise<Note>
  /** One note with its content, read from disk. */
  getNote(noteId: string): Promise<Note>
  /** Saves the editor's version of a note; reports a conflict if the file changed on disk. */
  saveNote(draft: OutgoingNoteDraft): Promise<SaveResult>
  /** Moves a note to the trash (it can be restored). */
  trashNote(noteId: string): Promise<void>
  /**
   * Deletes a note left as it was created (no title, no text, never edited): a "New note" nobody
   * wrote in is not kept as clutter. Any other note is left alone; says whether it was deleted.
   */
  discardEmptyNote(noteId: string): Promise<boolean>
  /** Brings a note back from the trash. */
  restoreNote(noteId: string): Promise<Note>
  /** Which notes cite which blocks of a source, resolved against the source as it is now. */
  getBacklinks(sourceId: string): Promise<SourceBacklinks>
  /** The notes linking to a note, each with its linking sentences ("Linked from"). */
  getNoteBacklinks(noteId: string): Promise<NoteBacklinks>
  /** The citation styles Pilcrow ships (the setting "Citation style" picks one). */
  listCitationStyles(): Promise<CitationStyleInfo[]>
  /** Adds a `.csl` style file the user chose (kept in the workspace), once it formats; returns it as listed. */
  addCitationStyle(file: { fileName: string; base64: string }): Promise<CitationStyleInfo>
  /** A source, or a paragraph of it, cited in the chosen style ("(Tazmini, 2021, para. 6)") with its bibliography entry. */
  formatCitation(request: CitationRequest): Promise<FormattedCitation>
  /** The references list: works read in from BibTeX, RIS or CSL-JSON. */
  listReferences(): Promise<ReferenceSummary[]>
  /** Reads a references file (.bib, .ris, .json) into the list; a file that cannot be read adds nothing and says where it failed. */
  importReferences(file: { fileName: string; base64: string }): Promise<ReferencesImportResult>
  /**
   * Reads the user's Zotero library (Zotero 7's local API), or a Better BibTeX pull export of a
   * collection (its CSL-JSON address), into the references list; says clearly when Zotero is not running.
   */
  importFromZotero(request: { betterBibtexUrl?: string }): Promise<ZoteroImportResult>
  /** The references that may be the work a source is, surest first. */
  matchReferences(sourceId: string): Promise<ReferenceMatch[]>
  /** Makes a reference the work a source is (the source takes its reference data). */
  attachReference(referenceId: string, sourceId: string): Promise<Source>
  /** A source's highlights in reading order, each resolved against the source as it is now. */
  listHighlights(sourceId: string): Promise<SourceHighlights>
  /** Marks words of a source in a colour, with an optional comment. */
  addHighlight(highlight: NewHighlight): Promise<SourceHighlight>
  /** Changes a highlight's colour or comment. */
  updateHighlight(sourceId: string, highlightId: string, patch: HighlightPatch): Promise<SourceHighlight>
  /** Deletes a highlight and returns it, so it can be put back (undo). */
  deleteHighlight(sourceId: string, highlightId: string): Promise<SourceHighlight>
  /** Puts back a highlight deleted a moment ago, as it was (undo). */
  restoreHighlight(highlight: SourceHighlight): Promise<SourceHighlight>
  /** Searches sources and notes (waits for the index when it is still loading). */
  search(request: SearchRequest): Promise<SearchResponse>
  /** Whether the search index is ready, loading or being rebuilt, with progress. */
  getSearchStatus(): Promise<SearchStatus>
  /** Renders notes (or the whole notebook) as a self-contained Markdown export, in memory. */
  exportMarkdown(request: ExportRequest): Promise<ExportResult>
  /** Renders notes (or the whole notebook) as a Word document, citations formatted in a CSL style. */
  exportDocx(request: DocxRequest): Promise<DocxResult>
  /** Whether the notebook syncs with a server, and how that goes ("Synced", "Offline — changes kept here"…). */
  getSyncStatus(): Promise<SyncStatus>
  /** Joins a notebook on a sync server (`ws://HOST:PORT/NOTEBOOK`, with the token its keeper made) and starts syncing. */
  joinSync(request: { address: string; token: string; name?: string }): Promise<SyncStatus>
  /** Stops syncing: the notes stay here as they are, no longer shared. */
  leaveSync(): Promise<SyncStatus>
  /** A shared note's Yjs document as this device holds it (its whole state, base64), for a window to edit live. */
  openNoteDoc(noteId: string): Promise<{ state: string }>
  /** A window's edit of a shared note (a Yjs update, base64): merged into the note's document, written to its file, sent to co-authors. */
  updateNoteDoc(noteId: string, update: string): Promise<void>
  /** This window (a random id of its own) has a shared note open, or no longer: co-authors see this device in it. */
  setNotePresence(noteId: string, windowId: string, here: boolean): Promise<void>
}

export type NotebookMethod = keyof NotebookApi

/** The method names, in one place; the transports are generated from this list. */
export const NOTEBOOK_API_METHODS = [
  'getWorkspaceInfo',
  'listSources',
  'getSource',
  'getSourceFile',
  'importSource',
  'getImportStatus',
  'updateSourceMeta',
  'deleteSource',
  'getSettings',
  'updateSettings',
  'listNotes',
  'createNote',
  'getNote',
  'saveNote',
  'trashNote',
  'discardEmptyNote',
  'restoreNote',
  'getBacklinks',
  'getNoteBacklinks',
  'listCitationStyles',
  'addCitationStyle',
  'formatCitation',
  'listReferences',
  'importReferences',
  'importFromZotero',
  'matchReferences',
  'attachReference',
  'listHighlights',
  'addHighlight',
  'updateHighlight',
  'deleteHighlight',
  'restoreHighlight',
  'search',
  'getSearchStatus',
  'exportMarkdown',
  'exportDocx',
  'getSyncStatus',
  'joinSync',
  'leaveSync',
  'openNoteDoc',
  'updateNoteDoc',
  'setNotePresence'
] as const satisfies readonly NotebookMethod[]

// Compile-time proof that the list names every method of the contract.
type Unlisted = Exclude<NotebookMethod, (typeof NOTEBOOK_API_METHODS)[number]>
const everyMethodListed: Unlisted extends never ? true : never = true
void everyMethodListed

/** Builds a `NotebookApi` whose methods all go through one `call` (IPC or HTTP). */
export function createApiProxy(call: (method: NotebookMethod, args: unknown[]) => Promise<unknown>): NotebookApi {
  const api: Record<string, (...args: unknown[]) => Promise<unknown>> = {}
  for (const method of NOTEBOOK_API_METHODS) api[method] = (...args) => call(method, args)
  return api as unknown as NotebookApi
}

/** The IPC channel the Electron shell uses for every call (its events come on `EVENT_CHANNEL`, see events.ts). */
export const IPC_CHANNEL = 'pilcrow:call'
