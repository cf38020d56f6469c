import { createHash } from 'node:crypto'
import { z } from 'zod'
import { editorStateSchema } from '../../shared/editor-state-schema'
import type { Note } from '../../shared/notes'
import { contentDepth, MAX_NOTE_DEPTH, tooDeepMessage } from '../../shared/note-nodes'

/** Version of `notes/<id>.json`; documented in docs/workspace-format.md. */
export const NOTE_FORMAT_VERSION = 1

/** The largest note file we read or write (a very long note is a few MB). */
export const MAX_NOTE_BYTES = 32 * 1024 * 1024


const noteFileSchema = z.object({
  format: z.literal('pilcrow-note'),
  formatVersion: z.number().int(),
  id: z.string().min(1),
  title: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  trashedAt: z.string().nullable(),
  content: editorStateSchema
})

export type StoredNote = Omit<Note, 'revision'>

export function serializeNote(note: StoredNote): string {
  const { id, title, createdAt, updatedAt, trashedAt, content } = note
  return JSON.stringify({ format: 'pilcrow-note', formatVersion: NOTE_FORMAT_VERSION, id, title, createdAt, updatedAt, trashedAt, content }) + '\n'
}

/** The revision of a file's bytes: changes exactly when the content changes (not the clock). */
export function revisionOf(raw: string): string {
  return createHash('sha256').update(raw).digest('base64url').slice(0, 22)
}

/** Parses a note file, or throws an Error whose message says what is wrong, for the user. */
export function parseNoteFile(raw: string): StoredNote {
  if (raw.trim() === '') throw new Error('the file is empty')
  let data: unknown
  try {
    data = JSON.parse(raw)
  } catch {
    throw new Error('it is not valid JSON (the file may be truncated or overwritten by another program)')
  }
  const version = (data as { formatVersion?: unknown } | null)?.formatVersion
  if (typeof version === 'number' && version > NOTE_FORMAT_VERSION) {
    throw new Error(`it was written by a newer Pilcrow (note format ${version}); update Pilcrow to open it`)
  }
  const parsed = noteFileSchema.safeParse(data)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new Error(`it is not a Pilcrow note (${issue?.path.join('.') || 'file'}: ${issue?.message})`)
  }
  const { format: _f, formatVersion: _v, ...note } = parsed.data
  // every reader of a note walks its tree: one nested thousands deep would overflow their stacks
  if (contentDepth(note.content.root) > MAX_NOTE_DEPTH) throw new Error(`${tooDeepMessage()} (${MAX_NOTE_DEPTH} levels); it was left untouched`)
  return note
}
