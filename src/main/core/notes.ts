import { randomBytes } from 'node:crypto'
import { closeSync, fstatSync, openSync, promises as fs, readSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { PilcrowError } from '../../shared/errors'
import { UNTITLED, type DamagedNote, type Note, type NoteDraft, type NoteList, type NoteSummary, type SaveResult, type SerializedEditorState } from '../../shared/notes'
import { removeStrayTempFiles, writeFileAtomic } from './atomic-write'
import { MAX_NOTE_BYTES, parseNoteFile, revisionOf, serializeNote, type StoredNote } from './note-file'
import { notSaved } from './io-errors'
import { notifyAll } from './notify'
import { OwnWrites } from './events/own-writes'
import { contentDepth, MAX_NOTE_DEPTH, tooDeepMessage } from '../../shared/note-nodes'
import { noteBlocks } from '../../shared/note-content'
import { tagsIn } from '../../shared/tags'
import { NoteStamps, type StampedRevision } from './note-stamps'
import { sameStamp, stampOf, type FileStamp } from './source-catalog'
import type { Workspace } from './workspace'

/** A note's editor state before anything is typed. */
export const EMPTY_NOTE_CONTENT: SerializedEditorState = {
  root: { type: 'root', children: [{ type: 'paragraph', children: [], direction: null, format: '', indent: 0, version: 1 }], direction: null, format: '', indent: 0, version: 1 }
}

/**
 * What we know of a note file: its parsed note, the revision of its bytes and whether the file is
 * read-only on disk, or why it is damaged.
 */
type Entry = { kind: 'ok'; note: StoredNote; revision: string; readOnly: boolean } | { kind: 'damaged'; damaged: DamagedNote }

const NOTE_FILE = /^(n-[a-z0-9-]+)\.json$/
const NOTE_ID = /^n-[a-z0-9-]+$/

/** The note id a file name in the notes folder stands for, or null for any other file. */
export const noteIdOfFile = (name: string): string | null => NOTE_FILE.exec(name)?.[1] ?? null

/**
 * What a sync engine adds to saving (see src/main/sync): a save from the window is merged into the
 * note's shared document instead of checked against the file's revision (co-authors' words that
 * arrived meanwhile are kept, not set aside as a conflict), and a notebook shared read-only
 * refuses every change.
 */
export interface NoteSyncHooks {
  /** Why notes cannot be changed here (a read-only share), or null. */
  readOnlyReason(): string | null
  /** Whether this note's document is shared (a window then edits it live). */
  isShared(noteId: string): boolean
  /**
   * The content to write for this save: the draft merged with what peers changed since its base.
   * When peers did change something, also the revision the window's editor now stands at (the
   * draft's own), so its next save is merged against what it shows, and the merged file is new to it.
   */
  merge(draft: NoteDraft, current: StoredNote): { content: SerializedEditorState; draftRevision: string | null }
  /**
   * Told of every write of a note file before it happens, with the revision the file will have:
   * a window that reads the file the moment it lands already finds its revision known.
   */
  willWrite(note: StoredNote, revision: string): void
}

/** Listeners told after every change to a note (the link index, search and the events use this), with the revision now on disk. */
export type NoteChangeListener = (noteId: string, note: StoredNote | null, revision: string | null) => void

/**
 * The notes folder: one file per note, written atomically. A file that cannot be read is listed
 * as damaged and never overwritten; a file changed on disk by another program while the app has
 * edits is detected by content, and neither version is lost.
 */
export class NotesService {
  /** The note files found at start; read at the first question about notes (see `entries`). */
  private ids: string[] = []
  private listed = new Set<string>()
  private read: Map<string, Entry> | null = null
  /** Notes read one at a time before every note was (a search hit, a changed file's revision): `entries` reuses them. */
  private readonly early = new Map<string, Entry>()
  private readonly stamps: NoteStamps
  private readonly listeners = new Set<NoteChangeListener>()
  /** Its own writes, which the watcher sees too: dismissed without reading the file. */
  private readonly written = new OwnWrites()
  /** The last change queued for each note: changes of one note run one after another. */
  private readonly queues = new Map<string, Promise<unknown>>()

  private syncHooks: NoteSyncHooks | null = null

  constructor(private readonly workspace: Workspace) {
    this.stamps = new NoteStamps(workspace.cacheDir)
  }

  /** Lets a sync engine merge saves and refuse changes (null when it stops). */
  setSyncHooks(hooks: NoteSyncHooks | null): void {
    this.syncHooks = hooks
  }

  private refuseIfShared(): void {
    const reason = this.syncHooks?.readOnlyReason()
    if (reason) throw new PilcrowError('invalid-argument', `Not changed: ${reason}`)
  }

  /**
   * Writes a note as a sync engine received it from peers (new or changed), whatever is on disk:
   * the shared document is the note's source of truth, and the file follows it.
   */
  putFromSync(note: StoredNote): Promise<Note> {
    return this.serialized(note.id, () => this.write(note))
  }

  /** Deletes a note's file because the notebook it is shared in no longer lists it. */
  removeFromSync(id: string): Promise<void> {
    return this.serialized(id, async () => {
      if (!this.entries.has(id)) return
      await fs.rm(this.pathOf(id), { force: true })
      this.entries.delete(id)
      notifyAll(this.listeners, id, null, null)
    })
  }

  async start(): Promise<void> {
    await removeStrayTempFiles(this.workspace.notesDir)
    this.ids = (await fs.readdir(this.workspace.notesDir)).sort().flatMap((name) => NOTE_FILE.exec(name)?.[1] ?? [])
    this.listed = new Set(this.ids)
  }

  /**
   * Every note file, read and checked at the first question about notes rather than at start:
   * a long note takes tens of milliseconds to check, and the window shows the article first.
   */
  private get entries(): Map<string, Entry> {
    if (!this.read) {
      this.read = new Map()
      for (const id of this.ids) this.read.set(id, this.early.get(id) ?? this.readEntry(id))
      this.early.clear()
    }
    return this.read
  }

  onDidChange(listener: NoteChangeListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  list(): NoteList {
    const notes: NoteSummary[] = []
    const trash: NoteSummary[] = []
    const damaged: DamagedNote[] = []
    for (const entry of this.entries.values()) {
      if (entry.kind === 'damaged') damaged.push(entry.damaged)
      else (entry.note.trashedAt ? trash : notes).push(summary(entry.note))
    }
    notes.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id))
    trash.sort((a, b) => (b.trashedAt ?? '').localeCompare(a.trashedAt ?? ''))
    return { notes, trash, damaged }
  }

  /** Every readable note, for indexes that derive from notes. */
  all(): StoredNote[] {
    return [...this.entries.values()].flatMap((e) => (e.kind === 'ok' ? [e.note] : []))
  }

  /** Waits for the revisions cache's pending write (the notebook's close). */
  settled(): Promise<void> {
    return this.stamps.settled()
  }

  /** One readable note as it is now, or undefined. */
  peek(id: string): StoredNote | undefined {
    const entry = this.entries.get(id)
    return entry?.kind === 'ok' ? entry.note : undefined
  }

  /**
   * One note, read alone when the notes have not all been read yet: a search's hit in a notebook
   * of 20,000 notes, from a command that needs nothing else of them.
   */
  peekOne(id: string): StoredNote | undefined {
    if (this.read) return this.peek(id)
    const entry = this.earlyEntry(id)
    return entry?.kind === 'ok' ? entry.note : undefined
  }

  /**
   * The revisions `revisions()` gives, without reading the notes whose files are unchanged since
   * their revision was last worked out (by size and modification time; see `NoteStamps`).
   */
  revisionsByStamp(): Map<string, string> {
    if (this.read) return this.revisions()
    const known = this.stamps.load()
    const revisions = new Map<string, string>()
    const stamps = new Map<string, StampedRevision>()
    let changed = false
    for (const id of this.ids) {
      let stamp: FileStamp
      try {
        stamp = stampOf(statSync(this.pathOf(id)))
      } catch {
        continue // gone since the folder was listed: not a readable note
      }
      const cached = known.get(id)
      if (cached && sameStamp(cached, stamp)) {
        revisions.set(id, cached.revision)
        stamps.set(id, cached)
        continue
      }
      changed = true
      const entry = this.earlyEntry(id, true)
      if (entry?.kind !== 'ok') continue
      revisions.set(id, entry.revision)
      stamps.set(id, { ...stamp, revision: entry.revision })
    }
    if (changed || stamps.size !== known.size) this.stamps.save(stamps)
    return revisions
  }

  /** A note read alone (kept for `entries`), if it is one of the notebook's (`listed`: known to be). */
  private earlyEntry(id: string, listed = false): Entry | undefined {
    if (!listed && !this.listed.has(id)) return undefined
    let entry = this.early.get(id)
    if (!entry) this.early.set(id, (entry = this.readEntry(id)))
    return entry
  }

  /** A readable note's title as lists show it ("Untitled note" for none), or undefined: what links to it read. */
  titleOf(id: string): string | undefined {
    const note = this.peekOne(id)
    return note && displayTitle(note.title)
  }

  /** The revision (content hash) of every readable note: what caches derived from notes check. */
  revisions(): Map<string, string> {
    const revisions = new Map<string, string>()
    for (const [id, e] of this.entries) if (e.kind === 'ok') revisions.set(id, e.revision)
    return revisions
  }

  async create(title = ''): Promise<Note> {
    this.refuseIfShared()
    const now = new Date().toISOString()
    const note: StoredNote = { id: newNoteId(), title: title.trim(), createdAt: now, updatedAt: now, trashedAt: null, content: EMPTY_NOTE_CONTENT }
    return this.write(note)
  }

  /**
   * Adds a note from elsewhere (an import), keeping its title, times and content. Its id is kept
   * when free and valid, else a new one is made.
   */
  async add(note: Omit<StoredNote, 'id' | 'trashedAt'> & { id?: string }): Promise<Note> {
    const id = note.id && /^n-[a-z0-9-]+$/.test(note.id) && !this.entries.has(note.id) ? note.id : newNoteId()
    return this.write({ ...note, id, title: note.title.trim(), trashedAt: null })
  }

  /** Whether a note (readable or damaged) has this id. */
  has(id: string): boolean {
    return this.entries.has(id)
  }

  /**
   * Puts a note from elsewhere (an import) in place of the note with its id. The version it
   * replaces is kept as a note in the trash, titled so, and its title is returned.
   */
  replace(id: string, incoming: Omit<StoredNote, 'id' | 'trashedAt'>): Promise<{ note: Note; previousKept: string }> {
    return this.serialized(id, async () => {
      const current = await this.writable(id)
      const stamp = new Date().toISOString().slice(0, 16).replace('T', ' ')
      const copy: StoredNote = { ...current, id: newNoteId(), title: `${displayTitle(current.title)} (before import, ${stamp})`, trashedAt: new Date().toISOString() }
      await this.write(copy)
      const note = await this.write({ ...incoming, id, title: incoming.title.trim(), trashedAt: current.trashedAt })
      return { note, previousKept: copy.title }
    })
  }

  /** Reads the note from disk (so an outside change is seen), with its revision. */
  async get(id: string): Promise<Note> {
    const entry = this.readEntry(id)
    if (entry.kind === 'damaged' && entry.damaged.reason === MISSING) {
      this.entries.delete(id)
      throw new PilcrowError('not-found', `The note "${id}" is not in this workspace any more (was its file deleted?).`)
    }
    this.entries.set(id, entry)
    if (entry.kind === 'damaged') throw new PilcrowError('unsupported-format', entry.damaged.reason)
    const readOnly = entry.readOnly ? READ_ONLY : this.syncHooks?.readOnlyReason()
    return { ...entry.note, revision: entry.revision, ...(readOnly ? { readOnly } : {}), ...(this.syncHooks?.isShared(id) ? { shared: true as const } : {}) }
  }

  /**
   * Saves the editor's version. If the file on disk is no longer the revision the edits started
   * from, another program (or another window) changed it: the app's version is saved, and the
   * disk version is kept as a new note whose title says so. Saves of one note run one at a time,
   * so the revision check and the write are one step: two saves sent together cannot both pass
   * the check and leave one version nowhere.
   */
  save(draft: NoteDraft): Promise<SaveResult> {
    return this.serialized(draft.id, () => this.saveNow(draft))
  }

  private async saveNow(draft: NoteDraft): Promise<SaveResult> {
    const size = Buffer.byteLength(JSON.stringify(draft.content))
    if (size > MAX_NOTE_BYTES) {
      throw new PilcrowError('invalid-argument', `Not saved: the note is ${(size / 1048576).toFixed(1)} MB, over the ${MAX_NOTE_BYTES / 1048576} MB limit. Split it into several notes.`)
    }
    if (contentDepth(draft.content.root) > MAX_NOTE_DEPTH) {
      throw new PilcrowError('invalid-argument', `Not saved: ${tooDeepMessage()} (${MAX_NOTE_DEPTH} levels). Undo the last paste, or flatten the nesting.`)
    }
    const onDisk = this.readEntry(draft.id)
    if (onDisk.kind === 'damaged' && onDisk.damaged.reason !== MISSING) {
      throw new PilcrowError('unsupported-format', `Not saved: ${onDisk.damaged.reason} The damaged file was left as it is.`)
    }
    if (onDisk.kind === 'ok' && onDisk.readOnly) throw new PilcrowError('invalid-argument', `Not saved: ${READ_ONLY}`)
    const shared = this.syncHooks?.readOnlyReason()
    if (shared) throw new PilcrowError('invalid-argument', `Not saved: ${shared}`)
    const known = this.entries.get(draft.id)
    const previous = onDisk.kind === 'ok' ? onDisk.note : known?.kind === 'ok' ? known.note : null
    if (!previous) throw new PilcrowError('not-found', `There is no note "${draft.id}" in this workspace.`)
    if (this.syncHooks) {
      // shared: peers' changes since the draft's base are merged in, never set aside as a conflict
      const { content, draftRevision } = this.syncHooks.merge(draft, previous)
      const saved = await this.write({ ...previous, title: draft.title.trim(), content, updatedAt: new Date().toISOString() })
      return { revision: draftRevision ?? saved.revision, updatedAt: saved.updatedAt, conflict: null }
    }

    let conflict: SaveResult['conflict'] = null
    if (onDisk.kind === 'ok' && onDisk.revision !== draft.baseRevision) {
      const copy = await this.keepCopy(onDisk.note)
      conflict = {
        copyId: copy.id,
        copyTitle: copy.title,
        message: `“${displayTitle(onDisk.note.title)}” was changed elsewhere at the same time (another window or tab, or another program). Your version was saved; the other version was kept as the note “${copy.title}”.`
      }
    }
    const saved = await this.write({ ...previous, title: draft.title.trim(), content: draft.content, updatedAt: new Date().toISOString() })
    return { revision: saved.revision, updatedAt: saved.updatedAt, conflict }
  }

  /**
   * A note file was added, changed or removed by another program (the watcher saw it): it is read
   * again, and the listeners are told when it differs from what this service knows. Its own writes
   * come back the same and change nothing. A file that became unreadable is listed as damaged.
   */
  syncFromDisk(id: string): Promise<void> {
    return this.serialized(id, async () => {
      if (!NOTE_ID.test(id)) return
      // its own write, seen by the watcher: a long note is not read and parsed again to learn that
      if (await this.written.isOwn(id, this.pathOf(id))) return
      const entry = this.readEntry(id)
      const known = this.entries.get(id)
      if (entry.kind === 'damaged' && entry.damaged.reason === MISSING) {
        if (!known) return
        this.entries.delete(id)
        notifyAll(this.listeners, id, null, null)
        return
      }
      if (entry.kind === 'ok' && known?.kind === 'ok' && known.revision === entry.revision && known.readOnly === entry.readOnly) return
      if (entry.kind === 'damaged' && known?.kind === 'damaged' && known.damaged.reason === entry.damaged.reason) return
      this.entries.set(id, entry)
      if (entry.kind === 'ok') notifyAll(this.listeners, id, entry.note, entry.revision)
      else if (known?.kind === 'ok') notifyAll(this.listeners, id, null, null)
    })
  }

  /** Deletes the note if it is as it was created (see `isUntouched`); says whether it did. */
  discardIfEmpty(id: string): Promise<boolean> {
    return this.serialized(id, async () => {
      const entry = this.readEntry(id)
      if (entry.kind !== 'ok' || entry.readOnly || !isUntouched(entry.note)) return false
      await fs.rm(this.pathOf(id))
      this.entries.delete(id)
      notifyAll(this.listeners, id, null, null)
      return true
    })
  }

  trash(id: string): Promise<void> {
    this.refuseIfShared()
    return this.serialized(id, async () => {
      const note = await this.writable(id)
      await this.write({ ...note, trashedAt: new Date().toISOString() })
    })
  }

  restore(id: string): Promise<Note> {
    this.refuseIfShared()
    return this.serialized(id, async () => this.write({ ...(await this.writable(id)), trashedAt: null }))
  }

  /** The note as it is on disk, when Pilcrow may write its file. */
  private async writable(id: string): Promise<Note> {
    const note = await this.get(id)
    if (note.readOnly) throw new PilcrowError('invalid-argument', `“${displayTitle(note.title)}” was not changed: ${READ_ONLY}`)
    return note
  }

  /** Runs `work` after every change of this note queued before it. */
  private serialized<T>(id: string, work: () => Promise<T>): Promise<T> {
    const before = this.queues.get(id) ?? Promise.resolve()
    const result = before.then(work, work)
    const done = result.then(
      () => undefined,
      () => undefined
    )
    this.queues.set(id, done)
    void done.then(() => {
      if (this.queues.get(id) === done) this.queues.delete(id)
    })
    return result
  }

  private async keepCopy(note: StoredNote): Promise<StoredNote> {
    const stamp = new Date().toISOString().slice(0, 16).replace('T', ' ')
    const copy: StoredNote = { ...note, id: newNoteId(), title: `${displayTitle(note.title)} (other version, ${stamp})`, trashedAt: null }
    await this.write(copy)
    return copy
  }

  private async write(note: StoredNote): Promise<Note> {
    const raw = serializeNote(note)
    const revision = revisionOf(raw)
    this.syncHooks?.willWrite(note, revision)
    try {
      await writeFileAtomic(this.pathOf(note.id), raw)
    } catch (error) {
      throw notSaved(`“${displayTitle(note.title)}”`, error)
    }
    await this.written.wrote(note.id, this.pathOf(note.id))
    this.entries.set(note.id, { kind: 'ok', note, revision, readOnly: false })
    notifyAll(this.listeners, note.id, note, revision)
    // a note made while the notebook is shared is shared from its first write (the listeners above)
    return { ...note, revision, ...(this.syncHooks?.isShared(note.id) ? { shared: true as const } : {}) }
  }

  private readEntry(id: string): Entry {
    const fileName = `${id}.json`
    const damaged = (reason: string): Entry => ({ kind: 'damaged', damaged: { id, fileName, reason } })
    let raw: string
    let readOnly = false
    try {
      // synchronous: note files are small, and a workspace of 5,000 notes opens in a third of
      // the time the promise API takes (four round trips per file through the thread pool)
      const read = readUpTo(this.pathOf(id), MAX_NOTE_BYTES)
      if (typeof read.size === 'number') return damaged(`${fileName} cannot be read: it is ${(read.size / 1048576).toFixed(0)} MB, over the ${MAX_NOTE_BYTES / 1048576} MB limit.`)
      raw = read.text
      readOnly = read.readOnly
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return damaged(MISSING)
      return damaged(`${fileName} cannot be read: ${(error as Error).message}.`)
    }
    try {
      const note = parseNoteFile(raw)
      if (note.id !== id) return damaged(`${fileName} cannot be read: it holds note "${note.id}", not "${id}".`)
      return { kind: 'ok', note, revision: revisionOf(raw), readOnly }
    } catch (error) {
      return damaged(`${fileName} cannot be read: ${(error as Error).message}.`)
    }
  }

  private pathOf(id: string): string {
    if (!/^n-[a-z0-9-]+$/.test(id)) throw new PilcrowError('invalid-argument', `"${id}" is not a note id.`)
    return join(this.workspace.notesDir, `${id}.json`)
  }
}

const MISSING = 'the note file is missing'
const READ_ONLY = 'this note is read-only on disk. Make its file writable to edit it here.'

/**
 * A file's text and whether it is read-only (no write permission for anyone: the user's choice,
 * respected even by root), or its size when that is over `maxBytes` (then it is not read): one
 * open, one stat, one read.
 */
function readUpTo(path: string, maxBytes: number): { text: string; readOnly: boolean; size?: undefined } | { size: number } {
  const fd = openSync(path, 'r')
  try {
    const { size, mode } = fstatSync(fd)
    if (size > maxBytes) return { size }
    const bytes = Buffer.allocUnsafe(size)
    let done = 0
    while (done < size) {
      const n = readSync(fd, bytes, done, size - done, done)
      if (n === 0) break
      done += n
    }
    return { text: bytes.toString('utf8', 0, done), readOnly: (mode & 0o222) === 0 }
  } finally {
    closeSync(fd)
  }
}

/** A note as "New note" made it: no title, no text, never saved since. Deleting it loses nothing. */
export function isUntouched(note: StoredNote): boolean {
  return note.title.trim() === '' && note.updatedAt === note.createdAt && noteBlocks(note.content).length === 0
}

export function newNoteId(): string {
  return `n-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`
}

function summary(note: StoredNote): NoteSummary {
  const { id, title, createdAt, updatedAt, trashedAt } = note
  return { id, title, createdAt, updatedAt, trashedAt, tags: tagsOf(note) }
}

/** The tags of each version of a note, found once (a long note's text is walked once, not at every list). */
const tagCache = new WeakMap<StoredNote, string[]>()

export function tagsOf(note: StoredNote): string[] {
  let tags = tagCache.get(note)
  if (!tags) tagCache.set(note, (tags = tagsIn(note.content)))
  return tags
}

function displayTitle(title: string): string {
  return title.trim() || UNTITLED
}
