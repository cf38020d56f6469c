import { createApiProxy, type NotebookApi, type NotebookMethod } from '../../../../shared/api'
import { EventEmitter, type NotebookEvents } from '../../../../shared/events'
import type { SourceBacklinks } from '../../../../shared/links'
import type { NoteBacklinks } from '../../../../shared/note-links'
import type { Source } from '../../../../shared/model'
import { readDraft, type Note, type NoteList, type OutgoingNoteDraft, type SaveResult, type SerializedEditorState } from '../../../../shared/notes'
import type { SearchRequest, SearchResponse } from '../../../../shared/search'
import { tagsIn } from '../../../../shared/tags'
import { DEFAULT_SETTINGS, type Settings, type SettingsPatch } from '../../../../shared/settings'

export const textContent = (words: string): SerializedEditorState => ({
  root: { type: 'root', children: [{ type: 'paragraph', children: words ? [{ type: 'text', text: words }] : [] }] }
})

/**
 * The notebook contract in memory, for the renderer's stores: notes (with the conflict rule),
 * settings, sources and backlinks, announcing each change as the core does. Records every call;
 * `hold(method)` keeps that method's answers until released, so tests choose the order answers
 * arrive in, and `emit` sends events as another window or program would.
 */
export class FakeNotebook {
  private readonly emitter = new EventEmitter()
  readonly events: NotebookEvents = this.emitter.subscriptions()
  readonly calls: { method: NotebookMethod; args: unknown[] }[] = []
  readonly notes = new Map<string, Note>()
  readonly sources = new Map<string, Source>()
  backlinks: (sourceId: string) => SourceBacklinks = (sourceId) => ({ sourceId, byBlock: {}, orphans: [] })
  noteBacklinks: (noteId: string) => NoteBacklinks = (noteId) => ({ noteId, linkedFrom: [] })
  search: (request: SearchRequest) => SearchResponse = () => ({ hits: [], status: { state: 'ready', progress: 1, documents: 0 } })
  settings: Settings = structuredClone(DEFAULT_SETTINGS)
  private settingsVersion = 0
  private revisions = 0
  private clock = Date.parse('2026-01-01T00:00:00Z')
  private readonly held = new Map<NotebookMethod, (() => void)[] | null>()

  readonly api: NotebookApi = createApiProxy(async (method, args) => {
    this.calls.push({ method, args })
    const answer = (this as unknown as Record<string, (...a: unknown[]) => unknown>)[`do_${method}`]
    if (!answer) throw new Error(`the fake does not answer ${method}`)
    const result = await answer.apply(this, args)
    const queue = this.held.get(method)
    if (queue) await new Promise<void>((resolve) => queue.push(resolve))
    return result
  })

  /** The methods called so far, in order. */
  called(): NotebookMethod[] {
    return this.calls.map((c) => c.method)
  }

  /** Keeps the answers of `method` (computed at once, delivered when released). */
  hold(method: NotebookMethod): void {
    this.held.set(method, [])
  }

  /** Delivers the held answers of `method`: `order` picks which (0 = the first asked), the default all in order. */
  release(method: NotebookMethod, order?: number[]): void {
    const queue = this.held.get(method) ?? []
    const picked = order ?? queue.map((_, i) => i)
    for (const i of picked) queue[i]?.()
    this.held.set(method, null)
  }

  /** An event as the notebook sends it (a change made elsewhere). Delivered at once to the listeners. */
  emit: EventEmitter['emit'] = (event) => this.emitter.emit(event)

  /** The notebook's own announcement of a change: it crosses a process boundary, so it arrives a moment after the call that made it (still before a held answer). */
  private announceLater(event: Parameters<EventEmitter['emit']>[0]): void {
    queueMicrotask(() => this.emitter.emit(event))
  }

  addNote(title: string, words = ''): Note {
    const now = this.now()
    const note: Note = { id: `n-${this.notes.size + 1}`, title, createdAt: now, updatedAt: now, trashedAt: null, content: textContent(words), revision: this.nextRevision() }
    this.notes.set(note.id, note)
    return note
  }

  /** Another program rewrites a note on disk: the notebook announces it. */
  changeElsewhere(noteId: string, words: string): Note {
    const note = { ...this.notes.get(noteId)!, content: textContent(words), updatedAt: this.now(), revision: this.nextRevision() }
    this.notes.set(noteId, note)
    this.announce(note)
    return note
  }

  private now(): string {
    this.clock += 1000
    return new Date(this.clock).toISOString()
  }

  private nextRevision(): string {
    return `r${++this.revisions}`
  }

  private announce(note: Note | null, id = note?.id ?? ''): void {
    this.announceLater({ type: 'note-changed', noteId: id, revision: note?.revision ?? null, title: note?.title ?? '', updatedAt: note?.updatedAt ?? this.now(), trashed: !!note?.trashedAt, tags: note ? tagsIn(note.content) : [] })
  }

  private summary({ id, title, createdAt, updatedAt, trashedAt, content }: Note) {
    return { id, title, createdAt, updatedAt, trashedAt, tags: tagsIn(content) }
  }

  // the contract's methods (`do_` + the method's name)
  protected do_listNotes(): NoteList {
    const all = [...this.notes.values()]
    return {
      notes: all.filter((n) => !n.trashedAt).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).map((n) => this.summary(n)),
      trash: all.filter((n) => n.trashedAt).map((n) => this.summary(n)),
      damaged: []
    }
  }
  protected do_getNote(id: string): Note {
    const note = this.notes.get(id)
    if (!note) throw Object.assign(new Error(`There is no note "${id}".`), { name: 'not-found' })
    return structuredClone(note)
  }
  protected do_createNote(title = ''): Note {
    const note = this.addNote(title)
    this.announce(note)
    return structuredClone(note)
  }
  protected do_saveNote(outgoing: OutgoingNoteDraft): SaveResult {
    const draft = readDraft(outgoing)
    const onDisk = this.notes.get(draft.id)!
    let conflict: SaveResult['conflict'] = null
    if (onDisk.revision !== draft.baseRevision) {
      const copy = this.addNote(`${onDisk.title} (other version)`)
      this.notes.set(copy.id, { ...copy, content: onDisk.content })
      this.announce(copy)
      conflict = { copyId: copy.id, copyTitle: copy.title, message: `“${onDisk.title}” was changed elsewhere at the same time. Your version was saved; the other version was kept as the note “${copy.title}”.` }
    }
    const saved = { ...onDisk, title: draft.title, content: draft.content, updatedAt: this.now(), revision: this.nextRevision() }
    this.notes.set(saved.id, saved)
    this.announce(saved)
    return { revision: saved.revision, updatedAt: saved.updatedAt, conflict }
  }
  protected do_trashNote(id: string): void {
    const note = { ...this.notes.get(id)!, trashedAt: this.now(), revision: this.nextRevision() }
    this.notes.set(id, note)
    this.announce(note)
  }
  protected do_restoreNote(id: string): Note {
    const note = { ...this.notes.get(id)!, trashedAt: null, revision: this.nextRevision() }
    this.notes.set(id, note)
    this.announce(note)
    return note
  }
  protected do_discardEmptyNote(id: string): boolean {
    const note = this.notes.get(id)
    if (!note || note.title || note.updatedAt !== note.createdAt) return false
    this.notes.delete(id)
    this.announce(null, id)
    return true
  }
  protected do_getSettings(): Settings {
    return structuredClone(this.settings)
  }
  protected do_updateSettings(patch: SettingsPatch): Settings {
    this.settings = { ...this.settings, ...patch }
    this.announceLater({ type: 'settings-changed', settings: structuredClone(this.settings), version: ++this.settingsVersion })
    return structuredClone(this.settings)
  }
  protected do_listSources() {
    return [...this.sources.values()].map((s) => ({ id: s.id, title: s.meta.title, authors: s.meta.authors, blockCount: s.blocks.length }))
  }
  protected do_getSource(id: string): Source {
    const source = this.sources.get(id)
    if (!source) throw Object.assign(new Error(`There is no source "${id}".`), { name: 'not-found' })
    return structuredClone(source)
  }
  protected do_getBacklinks(sourceId: string): SourceBacklinks {
    return this.backlinks(sourceId)
  }
  protected do_getNoteBacklinks(noteId: string): NoteBacklinks {
    return this.noteBacklinks(noteId)
  }
  protected do_search(request: SearchRequest): SearchResponse {
    return this.search(request)
  }
  protected do_getSearchStatus() {
    return { state: 'ready' as const, progress: 1, documents: 0 }
  }
  protected do_getSyncStatus() {
    return { state: 'off' as const, remote: null, readOnly: false, presence: {}, message: null, pending: 0, lastSyncedAt: null, seq: 0, epoch: 'fake' }
  }
}
