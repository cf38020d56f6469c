import { parseJsonText, type JsonText } from './json-text'

/** Notes as the API sees them. The file format is in docs/workspace-format.md. */

/** Lexical's serialized editor state (`editorState.toJSON()`), stored as it is. */
export interface SerializedEditorState {
  root: { type: 'root'; children: unknown[]; [key: string]: unknown }
  [key: string]: unknown
}

/** A note in the list: no content. */
export interface NoteSummary {
  id: string
  title: string
  createdAt: string
  updatedAt: string
  /** When it was moved to the trash, or null. */
  trashedAt: string | null
  /** Its `#tags`, lower-cased (see tags.ts). */
  tags: string[]
}

/** A note file that could not be read; listed with the reason, never overwritten. */
export interface DamagedNote {
  id: string
  fileName: string
  reason: string
}

export interface NoteList {
  /** Notes not in the trash, most recently edited first. */
  notes: NoteSummary[]
  /** Notes in the trash, most recently trashed first. */
  trash: NoteSummary[]
  damaged: DamagedNote[]
}

/** A whole note. `revision` identifies the file content it was read from (a content hash). */
export interface Note extends Omit<NoteSummary, 'tags'> {
  content: SerializedEditorState
  revision: string
  /** Set when the note's file is read-only on disk: the note is shown, never saved over. */
  readOnly?: string
  /**
   * Set when the note is shared through a sync server: the window edits its Yjs document live
   * (`openNoteDoc`, `updateNoteDoc`), beside its co-authors, and saves only its title.
   */
  shared?: true
}

/** What the editor sends to save a note. */
export interface NoteDraft {
  id: string
  title: string
  content: SerializedEditorState
  /** The revision the edits started from; a different one on disk means another program changed it. */
  baseRevision: string
}

/** A note's content as a window sends it: as stored, or as JSON text already. */
export type OutgoingContent = SerializedEditorState | JsonText

/** A draft as a window sends it: a long note's content comes as the JSON text its editor keeps (see json-text.ts). */
export interface OutgoingNoteDraft extends Omit<NoteDraft, 'content'> {
  content: OutgoingContent
}

/** The draft with its content read, when it came as JSON text. */
export function readDraft(draft: OutgoingNoteDraft): NoteDraft {
  return { ...draft, content: parseJsonText<SerializedEditorState>(draft.content) }
}

export interface SaveResult {
  revision: string
  updatedAt: string
  /** Set when the file had changed on disk: the other version was kept as a new note. */
  conflict: { copyId: string; copyTitle: string; message: string } | null
}

/** The title shown for a note whose title field is empty. */
export const UNTITLED = 'Untitled note'
