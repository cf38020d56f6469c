import { UNTITLED } from '../../../shared/notes'
import type { NotebookApi } from '../../../shared/api'
import { dropDraft, keptDraft, notesWithDrafts } from './unsaved-drafts'

/**
 * Saves the drafts this browser kept for notes other than `except` (which opens and saves its own),
 * and returns their titles. A note deleted since becomes a new note, so the words are not lost.
 */
export async function saveKeptDrafts(api: Pick<NotebookApi, 'saveNote' | 'createNote'>, except: string | null): Promise<string[]> {
  const saved: string[] = []
  for (const id of notesWithDrafts()) {
    const draft = id === except ? null : keptDraft(id)
    if (!draft) continue
    try {
      await api.saveNote({ id: draft.id, title: draft.title, content: draft.content, baseRevision: draft.baseRevision })
    } catch (error) {
      if ((error as Error).name !== 'not-found') continue // kept for the next start
      const note = await api.createNote(draft.title).catch(() => null)
      if (!note) continue
      await api.saveNote({ id: note.id, title: draft.title, content: draft.content, baseRevision: note.revision }).catch(() => undefined)
    }
    dropDraft(id)
    saved.push(draft.title || UNTITLED)
  }
  return saved
}
