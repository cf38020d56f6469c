import type { NotebookApi } from '../../../shared/api'
import type { NotebookEvents } from '../../../shared/events'
import type { NoteBacklinks } from '../../../shared/note-links'
import { Store } from './store'

/**
 * The notes linking to the open note ("Linked from"). Asked for when the open note changes, and
 * again only when a `links-changed` event names it. Only the latest request's answer lands.
 */
export class NoteBacklinksStore extends Store<NoteBacklinks | null> {
  private noteId: string | null = null
  private request = 0
  private readonly off: () => void

  constructor(
    private readonly api: Pick<NotebookApi, 'getNoteBacklinks'>,
    events: Pick<NotebookEvents, 'onDidChangeLinks'>,
    private readonly onError: (error: unknown) => void
  ) {
    super(null)
    this.off = events.onDidChangeLinks((event) => {
      if (this.noteId && event.noteIds.includes(this.noteId)) this.fetch()
    })
  }

  follow(noteId: string | null): void {
    if (noteId === this.noteId) return
    this.noteId = noteId
    if (this.get()?.noteId !== noteId) this.set(null)
    this.fetch()
  }

  /** Asks again (after a reconnect, when events may have been missed). */
  fetch(): void {
    const noteId = this.noteId
    const request = ++this.request
    if (!noteId) return
    this.api.getNoteBacklinks(noteId).then(
      (backlinks) => request === this.request && this.set(backlinks),
      (error: unknown) => request === this.request && this.onError(error)
    )
  }

  dispose(): void {
    this.off()
  }
}
