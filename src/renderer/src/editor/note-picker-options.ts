import type { NoteSummary } from '../../../shared/notes'
import { UNTITLED } from '../../../shared/notes'

/** What `[[` offers: notes by title, and making a note with the typed title when none has it. */
export type PickerChoice = { kind: 'note'; noteId: string; title: string } | { kind: 'create'; title: string }

const MAX_CHOICES = 8

/**
 * The notes whose title holds `query` (any case), those starting with it first, then those with a
 * word starting with it; with no query, the last edited. "Create note …" ends the list when the
 * query is no note's exact title. `exclude` is the note being written (it does not link to itself).
 */
export function pickerChoices(query: string, notes: readonly NoteSummary[], exclude: string | null): PickerChoice[] {
  const wanted = query.trim().toLowerCase()
  const scored: { note: NoteSummary; rank: number }[] = []
  for (const note of notes) {
    if (note.id === exclude) continue
    const title = (note.title.trim() || UNTITLED).toLowerCase()
    const at = wanted === '' ? 0 : title.indexOf(wanted)
    if (at === -1) continue
    scored.push({ note, rank: at === 0 ? 0 : /[\s\p{P}]/u.test(title[at - 1]!) ? 1 : 2 })
  }
  // a stable sort: within a rank, the list's order (last edited first)
  scored.sort((a, b) => a.rank - b.rank)
  const choices: PickerChoice[] = scored.slice(0, MAX_CHOICES).map(({ note }) => ({ kind: 'note', noteId: note.id, title: note.title.trim() || UNTITLED }))
  const exact = notes.some((n) => n.id !== exclude && n.title.trim().toLowerCase() === wanted)
  if (wanted !== '' && !exact) choices.push({ kind: 'create', title: query.trim() })
  return choices
}

/** `[[` and what follows it up to the caret (no brackets, no line break, at most 100 characters). */
const TRIGGER = /\[\[([^[\]\n]{0,100})$/

/** The `[[query` before the caret, as Lexical's typeahead wants it; null when there is none. */
export function pickerTrigger(textBeforeCaret: string): { leadOffset: number; matchingString: string; replaceableString: string } | null {
  const match = TRIGGER.exec(textBeforeCaret)
  if (!match) return null
  return { leadOffset: match.index, matchingString: match[1]!, replaceableString: match[0] }
}
