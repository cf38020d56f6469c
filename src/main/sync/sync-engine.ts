import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import { hostname } from 'node:os'
import * as Y from 'yjs'
import { PilcrowError } from '../../shared/errors'
import { UNTITLED } from '../../shared/notes'
import { noteDocName, notebookDocName, type SyncRemote, type SyncState, type SyncStatus } from '../../shared/sync'
import type { StoredNote } from '../core/note-file'
import { newNoteId, type NotesService } from '../core/notes'
import type { SourcesService } from '../core/sources'
import { DocumentFiles, FileBaseFiles } from './document-files'
import { checkReceivedNote } from './received-note'
import { remoteOf, type RemoteRecord, type SyncFolder } from './remote-config'
import { NotebookPresence } from './presence'
import { LOCAL, SharedNote, type FileBase } from './shared-note'
import { SharedSources } from './shared-sources'

/** A document's own state read from disk at start: nothing new, for the files or the server. */
const LOADED = Symbol('pilcrow-loaded')
/** An edit from a window editing the note live: the file is written from the document. */
const WINDOW = Symbol('pilcrow-window')

export interface SyncEngineOptions {
  notes: NotesService
  /** The workspace's sources, shared too (a notebook of notes alone leaves them out). */
  sources?: SourcesService
  folder: SyncFolder
  /** Told whenever the status changes. */
  onStatus?: (status: SyncStatus) => void
  /** Reconnection pace (tests make it quick). */
  reconnect?: { delay: number; maxDelay: number }
  /** The most nodes a note from a peer may hold (MAX_RECEIVED_NODES; tests check the refusal with fewer). */
  maxReceivedNodes?: number
  /** Told of every change of a shared note's document (windows editing it live apply it). */
  onNoteUpdate?: (noteId: string, update: Uint8Array) => void
}

/**
 * Keeps a workspace's notes in step with a notebook on a Hocuspocus server. Each note is a Yjs
 * document (NoteDoc: Lexical's Yjs tree, bound headless by @lexical/yjs, plus title and trash
 * state), and the notebook's own document lists the notes. Every document is kept in the
 * workspace (`sync/documents`), written atomically, and is the note's source of truth; the note
 * files that search, export and the CLI read follow it. Changes to the files (a window's save, an
 * import, the CLI) are merged into the documents (see SharedNote), beside peers' changes.
 * Offline, everything goes on as before and is exchanged when the server is back.
 */
export class SyncEngine {
  readonly remote: SyncRemote
  private readonly notebookDoc = new Y.Doc()
  private readonly shared = new Map<string, SharedNote>()
  private readonly providers = new Map<string, HocuspocusProvider>()
  private readonly documents: DocumentFiles
  private readonly fileBases: FileBaseFiles
  private readonly socket: HocuspocusProviderWebsocket
  private notebookProvider: HocuspocusProvider | null = null
  private presence: NotebookPresence | null = null
  private notebookSynced = false
  private state: SyncState = 'syncing'
  private message: string | null = null
  private refusal: string | null = null
  private readOnly = false
  private lastSyncedAt: string | null = null
  private record: RemoteRecord
  private readonly token: string
  private readonly stopListening: () => void
  private notebookPersist: NodeJS.Timeout | null = null
  private readonly pending = new Set<Promise<unknown>>()
  private closed = false
  private statusTimer: NodeJS.Timeout | null = null
  private readonly sharedSources: SharedSources | null

  private constructor(
    private readonly options: SyncEngineOptions,
    joined: { record: RemoteRecord; token: string }
  ) {
    this.record = joined.record
    this.remote = remoteOf(joined.record)
    this.documents = new DocumentFiles(options.folder.documentsDir)
    this.fileBases = new FileBaseFiles(options.folder.fileBasesDir)
    // one connection for every document of the notebook; opened once the documents kept here are read
    this.socket = new HocuspocusProviderWebsocket({
      url: this.remote.server,
      autoConnect: false,
      delay: options.reconnect?.delay ?? 1000,
      maxDelay: options.reconnect?.maxDelay ?? 30_000,
      minDelay: 100,
      maxAttempts: 0,
      onStatus: () => this.updateStatus(),
      onClose: ({ event }) => {
        // the server closes a connection whose message is over its limit (a note too large to send at once)
        if (event.code === 1009) this.setMessage('a change here is larger than the server takes in one message; it is kept here. Split the longest note into several.')
      },
      onDisconnect: () => {
        this.notebookSynced = false
        for (const entry of this.shared.values()) entry.synced = false
        this.updateStatus()
      }
    })
    this.token = joined.token
    this.stopListening = options.notes.onDidChange((id, note, revision) => this.fileChanged(id, note, revision))
    this.sharedSources = options.sources
      ? new SharedSources(this.notebookDoc.getMap('sources'), options.sources, () => this.migrated && !this.readOnly && !this.closed, (work) => this.track(work), (message) => this.setMessage(message))
      : null
    options.notes.setSyncHooks({
      readOnlyReason: () => this.readOnlyReason(),
      isShared: (id) => this.shared.has(id),
      merge: (draft, current) => this.shared.get(draft.id)?.mergeSave(draft, current) ?? { content: draft.content, draftRevision: null },
      willWrite: (note, revision) => {
        const entry = this.shared.get(note.id)
        if (!entry || this.closed) return
        if (entry.willWrite(note, revision, this.migrated && !this.readOnly)) this.scheduleWrite(entry)
        this.schedulePersist(entry)
      }
    })
  }

  /** Starts syncing the workspace with the remote it joined; null when it joined none. */
  static async start(options: SyncEngineOptions): Promise<SyncEngine | null> {
    const joined = await options.folder.remote()
    if (!joined) return null
    const engine = new SyncEngine(options, joined)
    await engine.loadLocal()
    engine.connect()
    return engine
  }

  private get notesMap(): Y.Map<{ createdAt: string }> {
    return this.notebookDoc.getMap('notes')
  }

  private get migrated(): boolean {
    return this.record.migratedAt !== null
  }

  private readOnlyReason(): string | null {
    return this.readOnly ? 'this notebook is shared with you read-only (your token can read, not write).' : null
  }

  // ---- this device's copy -------------------------------------------------------------------

  /** Reads the documents kept in the workspace, and merges in the note files' changes made meanwhile (the CLI, an import). */
  private async loadLocal(): Promise<void> {
    const state = await this.documents.read(notebookDocName(this.remote.notebook))
    if (state) Y.applyUpdate(this.notebookDoc, state, LOADED)
    this.notebookDoc.on('update', (_update: Uint8Array, origin: unknown) => {
      this.schedulePersistNotebook()
      if (origin !== LOCAL && origin !== LOADED) this.notebookChanged()
    })
    for (const id of this.notesMap.keys()) await this.open(id)
    if (!this.migrated) return
    this.sharedSources?.exchange()
    const revisions = this.options.notes.revisions()
    for (const note of this.options.notes.all()) this.fileChanged(note.id, note, revisions.get(note.id) ?? null)
  }

  /** The shared document of a note, read from the workspace (or new), with its provider. */
  private async open(id: string): Promise<SharedNote> {
    const known = this.shared.get(id)
    if (known) return known
    const name = noteDocName(this.remote.notebook, id)
    const [state, fileBase] = await Promise.all([this.documents.read(name), this.fileBases.read(name)])
    return this.shared.get(id) ?? this.register(id, state, fileBase)
  }

  /** Starts sharing a note's document (its state as kept here, or none for a note just made). */
  private register(id: string, state: Uint8Array | null, fileBase: FileBase | null): SharedNote {
    const name = noteDocName(this.remote.notebook, id)
    const entry = new SharedNote(id, state, fileBase)
    this.shared.set(id, entry)
    entry.note.doc.on('update', (update: Uint8Array, origin: unknown) => {
      this.schedulePersist(entry)
      if (origin !== LOADED) this.options.onNoteUpdate?.(id, update)
      // a window's typing reaches the file offline too (search and export read the files)
      if (origin === WINDOW) this.scheduleWrite(entry, true)
      else if (origin !== LOCAL && origin !== LOADED && !entry.note.isOwnEdit(origin)) this.scheduleWrite(entry)
    })
    this.providers.set(
      id,
      this.provider(name, entry.note.doc, () => {
        entry.synced = true
        this.scheduleWrite(entry)
        this.updateStatus()
      })
    )
    return entry
  }

  /** A shared note's document, whole, for a window that edits it live. */
  noteState(id: string): Uint8Array {
    const entry = this.shared.get(id)
    if (!entry) throw new PilcrowError('not-found', `The note "${id}" is not shared (yet): it is saved as a file.`)
    return Y.encodeStateAsUpdate(entry.note.doc)
  }

  /** A window's edit of a shared note: into its document; the file and the server follow. */
  applyWindowUpdate(id: string, update: Uint8Array): void {
    const entry = this.shared.get(id)
    if (!entry) throw new PilcrowError('not-found', `The note "${id}" is not shared any more: reload it.`)
    const reason = this.readOnlyReason()
    if (reason) throw new PilcrowError('invalid-argument', `Not saved: ${reason}`)
    try {
      Y.applyUpdate(entry.note.doc, update, WINDOW)
    } catch (error) {
      throw new PilcrowError('invalid-argument', `Not saved: the edit could not be read (${(error as Error).message}).`)
    }
  }

  /** A note file changed: a window's save, an import, the CLI, or this engine's own write. */
  private fileChanged(id: string, note: StoredNote | null, revision: string | null): void {
    if (this.closed) return
    const entry = this.shared.get(id)
    if (note === null) {
      // deleted here (an empty "New note" discarded): gone from the notebook too
      if (entry && !this.readOnly && this.migrated) this.notebookDoc.transact(() => this.notesMap.delete(id), LOCAL)
      return
    }
    if (!revision) return
    if (entry) {
      if (entry.fileChanged(note, revision, this.migrated && !this.readOnly)) this.scheduleWrite(entry)
      this.schedulePersist(entry)
      return
    }
    if (!this.migrated || this.readOnly) return
    // a note made here joins the notebook at once (the window that made it edits it live from the start)
    this.register(id, null, null).adopt(note, revision)
    this.notebookDoc.transact(() => this.notesMap.set(id, { createdAt: note.createdAt }), LOCAL)
  }

  // ---- what arrives from peers ----------------------------------------------------------------

  /** The notebook's list changed on the server: notes to fetch, notes to remove. */
  private notebookChanged(): void {
    if (!this.notebookSynced || !this.migrated) return
    for (const id of this.notesMap.keys()) if (!this.shared.has(id)) this.track(this.open(id))
    for (const [id, entry] of this.shared) {
      if (this.notesMap.has(id)) continue
      this.providers.get(id)?.destroy()
      this.providers.delete(id)
      entry.destroy()
      this.shared.delete(id)
      this.track(this.options.notes.removeFromSync(id))
    }
  }

  /** Writes the file soon: once the server's version has arrived (not half of it), or at once for this device's own edits. */
  private scheduleWrite(entry: SharedNote, ownEdit = false): void {
    if ((!entry.synced && !ownEdit) || entry.writeTimer || this.closed) return
    entry.writeTimer = setTimeout(() => {
      entry.writeTimer = null
      this.track(this.toFile(entry))
    }, 60)
  }

  /** Writes a note's document to its file, when it differs, after checking what arrived. */
  private async toFile(entry: SharedNote): Promise<void> {
    const meta = entry.note.readMeta()
    if (!meta) return // the note's fields have not arrived yet
    const onDisk = this.options.notes.peek(entry.id)
    if (onDisk && sameMeta(onDisk, meta) && entry.note.sameContent(onDisk.content)) return
    const note: StoredNote = { id: entry.id, ...meta, content: entry.note.content() }
    try {
      checkReceivedNote(note, this.options.maxReceivedNodes)
    } catch (error) {
      this.setMessage(`“${meta.title || UNTITLED}” from the server was refused and the copy here kept as it was: ${(error as Error).message}.`)
      return
    }
    entry.expectWrite(note.content)
    await this.options.notes.putFromSync(note)
  }

  // ---- the first exchange with the server ---------------------------------------------------

  /**
   * Once the notebook's list has come from the server, on the first exchange of this workspace:
   * its notes meet the server's. A note only here joins the notebook; a note the server also has
   * (the same id, never synced from here) arrives as it is on the server, and this device's
   * version, when it differs, is kept beside it as a copy, never merged into it.
   */
  private async firstExchange(): Promise<void> {
    if (this.migrated || this.readOnly) {
      if (!this.migrated) await this.markMigrated()
      this.notebookChanged()
      return
    }
    const onServer = new Set(this.notesMap.keys())
    const revisions = this.options.notes.revisions()
    for (const note of this.options.notes.all()) {
      const entry = await this.open(note.id)
      if (onServer.has(note.id)) {
        await this.whenSynced(note.id)
        if (!entry.note.isEmpty()) {
          if (!entry.note.sameContent(note.content) || entry.note.readMeta()?.title !== note.title) {
            const copy: StoredNote = { ...note, id: newNoteId(), title: `${note.title || UNTITLED} (this device's copy)` }
            await this.options.notes.putFromSync(copy)
            const kept = await this.open(copy.id)
            kept.adopt(copy, this.options.notes.revisions().get(copy.id) ?? null)
            this.notebookDoc.transact(() => this.notesMap.set(copy.id, { createdAt: copy.createdAt }), LOCAL)
          }
          this.scheduleWrite(entry)
          continue
        }
      }
      entry.adopt(note, revisions.get(note.id) ?? null)
      this.notebookDoc.transact(() => this.notesMap.set(note.id, { createdAt: note.createdAt }), LOCAL)
    }
    await this.markMigrated()
    this.sharedSources?.exchange()
    this.notebookChanged()
  }

  private async markMigrated(): Promise<void> {
    this.record = { ...this.record, migratedAt: new Date().toISOString() }
    await this.options.folder.save(this.record)
  }

  private whenSynced(id: string): Promise<void> {
    if (this.shared.get(id)?.synced) return Promise.resolve()
    return new Promise((resolve) => this.providers.get(id)!.on('synced', () => resolve()))
  }

  // ---- the connection -----------------------------------------------------------------------

  private connect(): void {
    this.notebookProvider = this.provider(
      notebookDocName(this.remote.notebook),
      this.notebookDoc,
      () => {
        const first = !this.notebookSynced
        this.notebookSynced = true
        if (first) this.track(this.firstExchange())
        this.updateStatus()
      },
      true
    )
    // who is in which note travels on the notebook's presence channel (see NotebookPresence)
    this.presence = new NotebookPresence(this.notebookProvider.awareness!, this.record.deviceName ?? hostname(), () => this.updateStatus())
    void this.socket.connect()
  }

  /** A window opened or closed a shared note on this device. */
  setPresence(noteId: string, windowId: string, here: boolean): void {
    this.presence?.set(noteId, windowId, here)
  }

  private provider(name: string, document: Y.Doc, onSynced: () => void, withPresence = false): HocuspocusProvider {
    const provider = new HocuspocusProvider({
      name,
      document,
      token: this.token,
      // presence only on the notebook's document: one channel for every note, not one timer per note
      ...(withPresence ? {} : { awareness: null }),
      websocketProvider: this.socket,
      onSynced,
      onAuthenticated: ({ scope }) => {
        this.readOnly = scope === 'readonly'
        this.refusal = null
        this.updateStatus()
      },
      onAuthenticationFailed: ({ reason }) => {
        this.refusal = reason.endsWith('.') ? reason : `${reason}.`
        this.updateStatus()
      },
      onUnsyncedChanges: () => this.updateStatus()
    })
    provider.attach()
    return provider
  }

  private updateStatus(): void {
    if (this.statusTimer || this.closed) return
    // many documents report at once (a notebook of 1,000 notes syncing): one status per tick
    this.statusTimer = setTimeout(() => {
      this.statusTimer = null
      const before = this.state
      this.state = this.computeState()
      if (this.state === 'synced' && before !== 'synced') this.lastSyncedAt = new Date().toISOString()
      this.options.onStatus?.(this.status())
    }, 0)
  }

  private computeState(): SyncState {
    if (this.refusal) return 'refused'
    if (this.socket.status !== 'connected') return this.socket.status === 'connecting' && this.lastSyncedAt === null ? 'syncing' : 'offline'
    if (!this.notebookSynced || this.notebookProvider?.hasUnsyncedChanges) return 'syncing'
    for (const [id, entry] of this.shared) if (!entry.synced || this.providers.get(id)?.hasUnsyncedChanges) return 'syncing'
    return 'synced'
  }

  status(): SyncStatus {
    let pending = this.notebookProvider?.hasUnsyncedChanges ? 1 : 0
    for (const [id, entry] of this.shared) if (!entry.synced || this.providers.get(id)?.hasUnsyncedChanges) pending++
    return { state: this.state, remote: this.remote, readOnly: this.readOnly, presence: this.presence?.others() ?? {}, message: this.refusal ?? this.message, pending, lastSyncedAt: this.lastSyncedAt, seq: 0, epoch: '' }
  }

  private setMessage(message: string): void {
    this.message = message
    this.options.onStatus?.(this.status())
  }

  /**
   * Resolves when everything is exchanged (every document synced, nothing unconfirmed, every
   * file written), or with the status that stopped it: refused, or the time ran out.
   */
  async settle(timeoutMs: number): Promise<SyncStatus> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      await this.flushWork()
      this.state = this.computeState()
      if (this.state === 'refused') return this.status()
      const filesWritten = [...this.shared.values()].every((e) => !e.writeTimer) && this.pending.size === 0
      const everyNoteHere = [...this.notesMap.keys()].every((id) => this.shared.has(id))
      if (this.state === 'synced' && filesWritten && this.migrated && everyNoteHere) {
        this.lastSyncedAt ??= new Date().toISOString()
        return this.status()
      }
      if (Date.now() > deadline) return this.status()
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }

  private track<T>(work: Promise<T>): void {
    this.pending.add(work)
    work.then(
      () => this.pending.delete(work),
      (error: unknown) => {
        this.pending.delete(work)
        this.setMessage(`sync could not finish a change: ${(error as Error).message}`)
      }
    )
  }

  private async flushWork(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending])
  }

  // ---- keeping the documents ----------------------------------------------------------------

  private schedulePersist(entry: SharedNote): void {
    if (entry.persistTimer || this.closed) return
    entry.persistTimer = setTimeout(() => {
      entry.persistTimer = null
      this.track(this.persist(entry))
    }, 200)
  }

  private async persist(entry: SharedNote): Promise<void> {
    const name = noteDocName(this.remote.notebook, entry.id)
    const base = entry.fileBase
    await Promise.all([this.documents.write(name, Y.encodeStateAsUpdate(entry.note.doc)), base ? this.fileBases.write(name, base) : undefined])
  }

  private schedulePersistNotebook(): void {
    if (this.notebookPersist || this.closed) return
    this.notebookPersist = setTimeout(() => {
      this.notebookPersist = null
      this.track(this.documents.write(notebookDocName(this.remote.notebook), Y.encodeStateAsUpdate(this.notebookDoc)))
    }, 200)
  }

  /** Writes every document kept here now (at close, and before `sync now` exits). */
  async persistAll(): Promise<void> {
    if (this.notebookPersist) clearTimeout(this.notebookPersist)
    this.notebookPersist = null
    const writes = [this.documents.write(notebookDocName(this.remote.notebook), Y.encodeStateAsUpdate(this.notebookDoc))]
    for (const entry of this.shared.values()) {
      if (entry.persistTimer) clearTimeout(entry.persistTimer)
      entry.persistTimer = null
      writes.push(this.persist(entry))
    }
    await Promise.all(writes)
  }

  async close(): Promise<void> {
    await this.flushWork()
    for (const entry of this.shared.values()) {
      if (entry.writeTimer) clearTimeout(entry.writeTimer)
      entry.writeTimer = null
    }
    await this.persistAll()
    this.closed = true
    if (this.statusTimer) clearTimeout(this.statusTimer)
    this.stopListening()
    this.sharedSources?.stop()
    this.presence?.stop()
    this.options.notes.setSyncHooks(null)
    for (const provider of this.providers.values()) provider.destroy()
    this.notebookProvider?.destroy()
    this.socket.destroy()
    for (const entry of this.shared.values()) entry.destroy()
  }
}

function sameMeta(note: StoredNote, meta: { title: string; createdAt: string; updatedAt: string; trashedAt: string | null }): boolean {
  return note.title === meta.title && note.createdAt === meta.createdAt && note.updatedAt === meta.updatedAt && note.trashedAt === meta.trashedAt
}
