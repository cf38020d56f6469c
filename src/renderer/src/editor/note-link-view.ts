import type { NoteList } from '../../../shared/notes'
import { UNTITLED } from '../../../shared/notes'

/** What a link to a note shows, against the notes as they are now. */
export interface NoteLinkView {
  /** `ok`: a note in the list; `trashed`: in the trash (restoring it heals the link); `missing`: no such note; `unknown`: the list is not loaded yet. */
  state: 'ok' | 'trashed' | 'missing' | 'unknown'
  /** The target's title now, or the title saved in the link when the note is not known. */
  title: string
  /** The accessible name: the title, with the link's state when it cannot be opened. */
  label: string
}

const FLAGS: Record<NoteLinkView['state'], string | null> = { ok: null, unknown: null, trashed: 'in trash', missing: 'missing note' }

export function noteLinkView(noteId: string, savedTitle: string, list: NoteList | null): NoteLinkView {
  const live = list?.notes.find((n) => n.id === noteId)
  const trashed = live ? undefined : list?.trash.find((n) => n.id === noteId)
  const state = !list ? 'unknown' : live ? 'ok' : trashed ? 'trashed' : 'missing'
  const title = (live ?? trashed)?.title.trim() || savedTitle.trim() || UNTITLED
  const flag = FLAGS[state]
  return { state, title, label: flag ? `${title} (${flag})` : title }
}

/**
 * Draws a note link into its host: an `a` (a link, for screen readers and the keyboard) outside
 * the editable text, drawn again only when what it shows changed.
 */
export function drawNoteLink(host: HTMLElement, view: NoteLinkView, noteId: string): void {
  const link = document.createElement('a')
  link.href = `#note-${noteId}`
  link.className = `note-link note-link-${view.state}`
  link.contentEditable = 'false'
  link.dataset['noteId'] = noteId
  link.textContent = view.title
  if (view.label !== view.title) {
    link.setAttribute('aria-label', view.label)
    link.title = view.state === 'trashed' ? 'This note is in the trash: restore it to follow the link' : 'No note with this link’s id is in this notebook'
    const flag = document.createElement('span')
    flag.className = 'note-link-flag'
    flag.setAttribute('aria-hidden', 'true')
    flag.textContent = FLAGS[view.state]
    link.append(' ', flag)
  }
  host.replaceChildren(link)
}
