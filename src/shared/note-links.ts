/** The Lexical node type of a link from one note to another, as stored in note files. */
export const NOTE_LINK_TYPE = 'note-link'

/** What a note id looks like (see the notes folder in docs/workspace-format.md). */
export const NOTE_ID = /^n-[a-z0-9-]+$/

/**
 * A link to another note as stored inside a note's editor state: the note's id, which survives
 * renames, and its title when the link was made, shown only when that note is gone.
 */
export interface SerializedNoteLink {
  type: typeof NOTE_LINK_TYPE
  version: 1
  noteId: string
  title: string
}

/** Another note linking to a note, with the sentence the link stands in. */
export interface NoteBacklink {
  noteId: string
  noteTitle: string
  /** The linking sentence, links shown by their targets' titles. */
  context: string
}

/** The notes linking to one note (its "Linked from"), in the order of the notes list (last edited first). */
export interface NoteBacklinks {
  noteId: string
  linkedFrom: NoteBacklink[]
}

/** The title a note's links show: its current one when known, else the one saved in the link. */
export type NoteTitleLookup = (noteId: string) => string | undefined

/** Whether a serialized node is a note link with the fields its readers use (a light check: the full schema is in note-nodes.ts). */
export function isUsableNoteLink(node: unknown): node is SerializedNoteLink {
  const n = node as Partial<SerializedNoteLink> | null
  return !!n && typeof n === 'object' && n.type === NOTE_LINK_TYPE && typeof n.noteId === 'string' && NOTE_ID.test(n.noteId) && typeof n.title === 'string'
}
