/**
 * The contract's events: what the notebook announces when something changes, whoever changed it
 * (this window, another window or tab on the same notebook). Declared once; the desktop shell
 * forwards them on one IPC channel, browser mode on one event stream (`GET /api/events`).
 */

/** A note was saved, renamed, trashed, restored, added or deleted. */
export interface NoteChangedEvent {
  type: 'note-changed'
  noteId: string
  /** The revision now on disk; null when the note was deleted. */
  revision: string | null
  title: string
  updatedAt: string
  trashed: boolean
}

export type NotebookEvent = NoteChangedEvent

/** Where the renderer subscribes to the events; returns the unsubscribe. */
export interface NotebookEvents {
  onDidChangeNote(listener: (event: NoteChangedEvent) => void): () => void
}

/** The IPC channel on which the desktop shell forwards the notebook's events to its window. */
export const EVENT_CHANNEL = 'pilcrow:event'

/** Checks an event that crossed a process or network boundary before anything reads it. */
export function parseNotebookEvent(value: unknown): NotebookEvent | null {
  const e = value as Partial<NoteChangedEvent> | null
  if (!e || typeof e !== 'object' || e.type !== 'note-changed') return null
  if (typeof e.noteId !== 'string' || !/^n-[a-z0-9-]+$/.test(e.noteId)) return null
  if (!(typeof e.revision === 'string' || e.revision === null) || typeof e.title !== 'string' || typeof e.updatedAt !== 'string' || typeof e.trashed !== 'boolean') return null
  return { type: 'note-changed', noteId: e.noteId, revision: e.revision, title: e.title, updatedAt: e.updatedAt, trashed: e.trashed }
}
