import { stringifyWithJsonText } from '../../../shared/json-text'
import type { NoteDraft, OutgoingNoteDraft } from '../../../shared/notes'

/**
 * Edits the server has not confirmed, kept by the page (localStorage, this origin only) so they
 * outlive a stopped server, a restart and a reload: written when a save fails and when the page
 * goes away with edits unsaved, dropped once a save succeeds. The next page to open the note
 * saves them (through the usual conflict rule, so a version changed meanwhile is kept too).
 */
const PREFIX = 'pilcrow-unsaved:'

/** A draft the server has not confirmed, and when it was kept. */
export type UnsavedDraft = NoteDraft & { keptAt: string }

/** Keeps the draft; says false when the browser refuses (storage full or off): then it lives in this page only. */
export function keepDraft(draft: OutgoingNoteDraft): boolean {
  try {
    localStorage.setItem(PREFIX + draft.id, stringifyWithJsonText({ ...draft, keptAt: new Date().toISOString() }))
    return true
  } catch {
    return false
  }
}

export function dropDraft(noteId: string): void {
  try {
    localStorage.removeItem(PREFIX + noteId)
  } catch {
    // storage off: nothing was kept
  }
}

/** The draft kept for a note, if any (an unreadable one is dropped: it cannot be saved anyway). */
export function keptDraft(noteId: string): UnsavedDraft | null {
  try {
    const raw = localStorage.getItem(PREFIX + noteId)
    if (!raw) return null
    const draft = JSON.parse(raw) as UnsavedDraft
    if (draft.id === noteId && typeof draft.title === 'string' && typeof draft.baseRevision === 'string' && draft.content?.root) return draft
  } catch {
    // not JSON: fall through
  }
  dropDraft(noteId)
  return null
}

/** The ids of every note with a kept draft. */
export function notesWithDrafts(): string[] {
  try {
    return Object.keys(localStorage)
      .filter((key) => key.startsWith(PREFIX))
      .map((key) => key.slice(PREFIX.length))
  } catch {
    return []
  }
}
