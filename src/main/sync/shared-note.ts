import { createHash, randomBytes } from 'node:crypto'
import * as Y from 'yjs'
import type { NoteDraft, SerializedEditorState } from '../../shared/notes'
import type { StoredNote } from '../core/note-file'
import { NoteDoc, type NoteMeta } from './note-doc'

/** Changes this device made (from its note files, or merged from a window's save): never written back to the files. */
export const LOCAL = Symbol('pilcrow-local')

/** How many states of the note file (newest last) are kept: a window that reloads stands at one of them. */
const FILE_BASES_KEPT = 8
/** How many states windows' saves left their editors at are kept: a window that keeps typing stands at one. */
const WINDOW_BASES_KEPT = 32

/** How many revisions' content fingerprints are kept (a few bytes each; see `contentAt`). */
const FINGERPRINTS_KEPT = 2000

/** The same for the same content whatever the order of its keys (a note read back from its file has the schema's order). */
function fingerprint(content: SerializedEditorState): string {
  const hash = createHash('sha1')
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      hash.update('[')
      for (const item of value) walk(item)
      hash.update(']')
    } else if (value !== null && typeof value === 'object') {
      hash.update('{')
      for (const key of Object.keys(value).sort()) {
        hash.update(JSON.stringify(key))
        walk((value as Record<string, unknown>)[key])
      }
      hash.update('}')
    } else hash.update(JSON.stringify(value) ?? 'undefined')
  }
  walk(content)
  return hash.digest('base64url')
}

/** A note file's revision and the state of the document whose content the file holds. */
export interface FileBase {
  revision: string
  state: Uint8Array
}

/** A write of the note file this engine started (or a window's merged save): its echo is not news. */
interface ExpectedWrite {
  json: string
  by: 'file' | 'window'
  state: Uint8Array
}

export const metaOf = (note: StoredNote): NoteMeta => ({ title: note.title, createdAt: note.createdAt, updatedAt: note.updatedAt, trashedAt: note.trashedAt })

/**
 * One shared note on this device: its document, and what it takes to merge the note file's
 * changes into it three ways. Every change to the file (a window's save, an import, the CLI) was
 * made against some earlier state of the note: that state is kept (by the file's revision, or by
 * the revision a window's save left its editor at), the change is replayed on a copy of it, and
 * only the difference is applied to the document, beside whatever peers wrote meanwhile. Without
 * this, a file written a moment before a peer's words arrived would take those words back out.
 */
export class SharedNote {
  readonly note: NoteDoc
  synced = false
  /** The revision of the note file as this engine last knows it (its state is in fileBases). */
  fileRevision: string | null = null
  writeTimer: NodeJS.Timeout | null = null
  persistTimer: NodeJS.Timeout | null = null
  private readonly fileBases = new Map<string, Uint8Array>()
  private readonly windowBases = new Map<string, Uint8Array>()
  private readonly expected: ExpectedWrite[] = []
  /**
   * The content each recent revision held, as a fingerprint: long after its state is let go, a
   * save made against that revision can still be told to leave the content as it found it (a
   * window editing the note live saves its title with the content it opened with).
   */
  private readonly contentAt = new Map<string, string>()

  constructor(
    readonly id: string,
    state: Uint8Array | null,
    fileBase: FileBase | null
  ) {
    this.note = new NoteDoc(state)
    if (fileBase) this.setFileBase(fileBase.revision, fileBase.state)
  }

  /** The state whose content the note file holds now, for keeping beside the document. */
  get fileBase(): FileBase | null {
    const state = this.fileRevision ? this.fileBases.get(this.fileRevision) : undefined
    return state && this.fileRevision ? { revision: this.fileRevision, state } : null
  }

  private setFileBase(revision: string, state: Uint8Array, content?: SerializedEditorState): void {
    keep(this.fileBases, revision, state, FILE_BASES_KEPT)
    this.fileRevision = revision
    if (content) this.remember(revision, content)
  }

  private remember(revision: string, content: SerializedEditorState): void {
    this.contentAt.delete(revision)
    this.contentAt.set(revision, fingerprint(content))
    while (this.contentAt.size > FINGERPRINTS_KEPT) this.contentAt.delete(this.contentAt.keys().next().value!)
  }

  /**
   * Writes `content`, made against the state `base`, into the document; returns the state that
   * holds exactly `content` (the base with its changes), for the next change made against it.
   * With no base known, the document is edited into `content` directly.
   */
  private mergeFrom(base: Uint8Array | null, content: SerializedEditorState): Uint8Array {
    if (!base) {
      this.note.setContent(content)
      return Y.encodeStateAsUpdate(this.note.doc)
    }
    const copy = new NoteDoc(base)
    const before = Y.encodeStateVector(copy.doc)
    copy.setContent(content)
    Y.applyUpdate(this.note.doc, Y.encodeStateAsUpdate(copy.doc, before), LOCAL)
    const state = Y.encodeStateAsUpdate(copy.doc)
    copy.destroy()
    return state
  }

  /**
   * A window's save: merged against the state its editor started from. Returns the merged
   * content for the file, and, when peers' changes were merged in, the revision that the editor
   * (which shows the draft, not the merged note) now stands at.
   */
  mergeSave(draft: NoteDraft, current: StoredNote): { content: SerializedEditorState; draftRevision: string | null } {
    const base = this.windowBases.get(draft.baseRevision) ?? this.fileBases.get(draft.baseRevision) ?? null
    // its state let go, but its content unchanged since: a save of the title alone, the words left as they are
    const untouched = !base && this.contentAt.get(draft.baseRevision) === fingerprint(draft.content)
    const draftState = untouched ? null : this.mergeFrom(base, draft.content)
    this.note.writeMeta({ ...metaOf(current), title: draft.title.trim(), updatedAt: new Date().toISOString() }, LOCAL)
    const content = this.note.content()
    this.expect({ json: JSON.stringify(content), by: 'window', state: Y.encodeStateAsUpdate(this.note.doc) })
    if (fingerprint(content) === fingerprint(draft.content)) return { content, draftRevision: null }
    const draftRevision = `merged-${randomBytes(9).toString('base64url')}`
    if (draftState) keep(this.windowBases, draftRevision, draftState, WINDOW_BASES_KEPT)
    this.remember(draftRevision, draft.content)
    return { content, draftRevision }
  }

  /** The document's content to write to the file now; its write through the notes service is expected. */
  expectWrite(content: SerializedEditorState): void {
    this.expect({ json: JSON.stringify(content), by: 'file', state: Y.encodeStateAsUpdate(this.note.doc) })
  }

  /** A write whose file never came (the disk was full) is forgotten after a while. */
  private expect(write: ExpectedWrite): void {
    this.expected.push(write)
    if (this.expected.length > 16) this.expected.shift()
  }

  /**
   * The notes service is about to write the note file. Its own write (a write this engine
   * started, or a window's merged save) only records the state that content came from; any other
   * write (an import, trash, restore) is merged in against the state of the file's previous
   * revision. Returns whether the document may now hold more than the file (so it should be
   * written again).
   */
  willWrite(note: StoredNote, revision: string, writable: boolean): boolean {
    const json = JSON.stringify(note.content)
    const own = this.expected.findIndex((e) => e.json === json)
    if (own >= 0) {
      const [write] = this.expected.splice(own, 1)
      if (write!.by === 'window') keep(this.windowBases, revision, write!.state, WINDOW_BASES_KEPT)
      this.setFileBase(revision, write!.state, note.content)
      if (writable) this.note.writeMeta(metaOf(note), LOCAL)
      return false
    }
    return this.changedElsewhere(note, revision, writable)
  }

  /**
   * The note file changed on disk (another program): merged in against the state of its
   * previous revision, unless this revision is one this engine already knows.
   */
  fileChanged(note: StoredNote, revision: string, writable: boolean): boolean {
    if (this.fileBases.has(revision)) {
      if (!this.contentAt.has(revision)) this.remember(revision, note.content)
      return false
    }
    return this.changedElsewhere(note, revision, writable)
  }

  private changedElsewhere(note: StoredNote, revision: string, writable: boolean): boolean {
    if (!writable) return false
    const base = this.fileRevision ? (this.fileBases.get(this.fileRevision) ?? null) : null
    this.note.writeMeta(metaOf(note), LOCAL)
    this.setFileBase(revision, this.mergeFrom(base, note.content), note.content)
    return true
  }

  /** Writes a note of this workspace into an empty document (it joins the notebook). */
  adopt(note: StoredNote, revision: string | null): void {
    this.note.writeMeta(metaOf(note), LOCAL)
    this.note.setContent(note.content)
    if (revision) this.setFileBase(revision, Y.encodeStateAsUpdate(this.note.doc), note.content)
  }

  destroy(): void {
    if (this.writeTimer) clearTimeout(this.writeTimer)
    if (this.persistTimer) clearTimeout(this.persistTimer)
    this.note.destroy()
  }
}

function keep(bases: Map<string, Uint8Array>, revision: string, state: Uint8Array, limit: number): void {
  bases.delete(revision)
  bases.set(revision, state)
  while (bases.size > limit) bases.delete(bases.keys().next().value!)
}
