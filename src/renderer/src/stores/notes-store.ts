import type { NotebookApi } from '../../../shared/api'
import type { NoteChangedEvent, NotebookEvents } from '../../../shared/events'
import { noteBlocks } from '../../../shared/note-content'
import { UNTITLED, type Note, type NoteList, type OutgoingContent } from '../../../shared/notes'
import { NoteSaver, type SaveState } from './note-saver'
import { saveKeptDrafts } from './recover-drafts'
import { dropDraft, keptDraft } from './unsaved-drafts'
import { Store, useStoreSelector } from './store'

/** The notes list of the state (a selector). */
export const notesListOf = (state: NotesState): NoteList | null => state.list
const noList = (): null => null

/**
 * The notes list, read only while `wanted` (a menu or dialog that shows it is open): the list
 * changes at every save while one types, and a component reading it would redraw with each.
 */
export function useNotesListWhile(store: NotesStore, wanted: boolean): NoteList | null {
  return useStoreSelector(store, wanted ? notesListOf : noList)
}

export interface NotesState {
  list: NoteList | null
  open: Note | null
  saveState: SaveState
  /** A message for the user (a conflict kept as a copy, a failed action). */
  notice: { kind: 'info' | 'error'; text: string } | null
  /** A passing message (the open note followed a change made elsewhere), shown by the app for a moment. */
  flash: { text: string; at: number } | null
  /** The note whose title should take the focus (a new note), until `titleFocused` is called. */
  titleFocusFor: string | null
}

/** What the store needs from the page: catching keys typed while a new note is on its way. */
/** How many times `refresh` asks for the list while changes keep coming meanwhile. */
const REFRESH_TRIES = 3

export interface NotesStoreDeps {
  api: NotebookApi
  events: Pick<NotebookEvents, 'onDidChangeNotes'>
  /** Starts collecting what is typed outside text fields; `stop()` returns it (see type-ahead.ts). */
  captureTypeAhead?: () => { stop(): string }
}

/**
 * The notebook's notes as the window shows them: the list, the open note and its save state.
 * One `NoteSaver` per open note; switching notes flushes the old one first, so nothing is lost.
 * Follows `note-changed` events, whoever made the change: the list is updated from the event
 * itself (no request), and the open note follows an outside change when it has nothing unsaved
 * here; with unsaved edits here, it is saved at once, so both versions are kept and the user told.
 */
export class NotesStore extends Store<NotesState> {
  private saver: NoteSaver | null = null
  private creating = false
  private typeAhead: { stop(): string } | null = null
  private started = false
  private readonly api: NotebookApi
  private readonly off: () => void

  constructor(private readonly deps: NotesStoreDeps) {
    super({ list: null, open: null, saveState: { kind: 'saved' }, notice: null, flash: null, titleFocusFor: null })
    this.api = deps.api
    this.off = deps.events.onDidChangeNotes((event) => this.heard(event))
  }

  /** Whether the open note has edits not saved yet. */
  get hasUnsavedChanges(): boolean {
    return !!this.saver?.hasUnsavedChanges
  }

  private fail = (error: unknown): void => this.patch({ notice: { kind: 'error', text: (error as Error).message } })

  /** Fetches the list again (a start, a reconnect after missed events). */
  async refresh(): Promise<void> {
    try {
      for (let asked = 1; ; asked++) {
        const before = this.get().list
        const fetched = await this.api.listNotes()
        // a note made, saved or heard of while the list was on its way may be missing from it:
        // asked again, rather than the list going back to an older state (at most twice more)
        if (this.get().list !== before && asked < REFRESH_TRIES) continue
        this.patch({ list: fetched })
        return
      }
    } catch (error) {
      this.fail(error)
    }
  }

  dismissNotice = (): void => this.patch({ notice: null })

  /**
   * Start: reopens the last note, else the most recent; a brand-new notebook gets a first note.
   * A note opened or made meanwhile (New note pressed as the window opened) stays open.
   */
  async start(initialNoteId: string | null | undefined): Promise<void> {
    if (this.started) return
    this.started = true
    try {
      const initial = await this.api.listNotes()
      this.patch({ list: initial })
      const opening = [initialNoteId, initial.notes[0]?.id].find((id): id is string => !!id && initial.notes.some((n) => n.id === id))
      void saveKeptDrafts(this.api, this.saver?.noteId ?? opening ?? null).then((recovered) => {
        if (recovered.length === 0) return
        this.patch({ notice: { kind: 'info', text: `Saved what you had typed in ${recovered.map((t) => `“${t}”`).join(', ')} that had not been saved (this browser kept it).` } })
      })
      const stillFirst = (): boolean => this.saver === null
      if (opening) {
        const note = await this.api.getNote(opening)
        if (stillFirst()) this.show(note)
      } else if (initial.notes.length === 0 && initial.trash.length === 0 && initial.damaged.length === 0 && stillFirst()) {
        const note = await this.api.createNote()
        if (stillFirst()) {
          this.show(note)
          // listed from the answer: its event may have gone out before this page's event stream was connected
          this.patch({ list: this.listedWith(note) })
        } else void this.api.discardEmptyNote(note.id).catch(() => undefined)
      }
    } catch (error) {
      this.fail(error)
    }
  }

  /** The list with a note this page just made in it. */
  private listedWith(created: Note): NoteList | null {
    const list = this.get().list
    return list && withNote(list, { id: created.id, title: created.title, updatedAt: created.updatedAt, trashed: false, createdAt: created.createdAt })
  }

  private show(stored: Note | null): void {
    // edits made while the next note was on its way (a title typed right after "New note")
    // belong to the note they were typed in: saved, not dropped with its saver
    const previous = this.saver
    const previousNote = this.get().open
    previous?.dispose()
    if (previous?.hasUnsavedChanges) void previous.flush()
    // a "New note" nobody wrote in is not kept (the notebook has the last word: only an untouched, empty, untitled note goes)
    else if (previous && !previous.touched && previous.noteId !== stored?.id && isEmptyNote(previousNote, previous.noteId)) {
      void this.api.discardEmptyNote(previous.noteId).catch(() => undefined)
    }
    // edits an earlier page kept and never saved (the server was down, the page reloaded): shown and saved now
    const draft = stored && !stored.readOnly ? keptDraft(stored.id) : null
    const resumed = draft && (draft.title !== stored!.title || JSON.stringify(draft.content) !== JSON.stringify(stored!.content))
    if (draft && !resumed) dropDraft(draft.id)
    const note = resumed ? { ...stored!, title: draft.title, content: draft.content } : stored
    const next: NoteSaver | null = note
      ? new NoteSaver(this.api, note.id, note, {
          // once another note is open, only a failure of this one is worth telling
          onState: (state) => {
            if (this.saver === next) this.patch({ saveState: state })
            else if (state.kind === 'failed') this.patch({ notice: { kind: 'error', text: `“${note.title || UNTITLED}” was not saved: ${state.reason}` } })
          },
          // the open note is left as it is: its title is already the one typed (`editTitle`), maybe
          // newer than the one saved, and a new object would redraw the window at every save
          onSaved: (result, title) => {
            const list = this.get().list
            this.patch({
              ...(result.conflict ? { notice: { kind: 'info' as const, text: result.conflict.message } } : {}),
              // the list learns of the save here (the note moves to the top); a conflict's copy comes as an event
              list: list && withNote(list, { id: note.id, title, updatedAt: result.updatedAt, trashed: false })
            })
          }
        })
      : null
    this.saver = next
    this.patch({ open: note, saveState: { kind: 'saved' } })
    if (note?.readOnly) next?.freeze(note.readOnly)
    if (resumed && next) {
      next.resume(draft.baseRevision)
      this.patch({ notice: { kind: 'info', text: `Restored what you typed in “${note!.title || UNTITLED}” that had not been saved (this browser kept it); it is saved now.` } })
    }
    void this.api.updateSettings({ lastNoteId: note?.id ?? null }).catch(() => undefined)
  }

  /**
   * The open note cannot be shown in full (or showing it failed): nothing is saved over it from
   * now on, the user is told why, and it is not reopened at the next start.
   */
  markUnreadable = (noteId: string, reason: string): void => {
    if (this.saver?.noteId !== noteId) return
    this.saver.freeze(reason)
    this.patch({ notice: { kind: 'error', text: reason } })
    void this.api.updateSettings({ lastNoteId: null }).catch(() => undefined)
  }

  /** Saves the open note now (blur, before closing). */
  flush = async (): Promise<void> => {
    await this.saver?.flush()
  }

  openNote = async (id: string): Promise<void> => {
    if (this.saver?.noteId === id) return
    await this.flush()
    try {
      this.show(await this.api.getNote(id))
    } catch (error) {
      this.fail(error)
      void this.refresh()
    }
  }

  newNote = async (): Promise<void> => {
    // a second press while the first note is on its way (Space on the button) makes no second note
    if (this.creating) return
    // what is typed while the note is on its way is its title (the focus is still on the button):
    // kept until the title field has the focus (`titleFocused`)
    this.typeAhead?.stop()
    this.typeAhead = this.deps.captureTypeAhead?.() ?? null
    // the open note is itself a new note nobody wrote in: it is the new note (no pile of empty ones)
    const open = this.get().open
    if (open && this.saver?.noteId === open.id && !this.saver.touched && isEmptyNote(open, open.id)) {
      this.patch({ titleFocusFor: open.id })
      return
    }
    this.creating = true
    try {
      await this.flush()
      const created = await this.api.createNote()
      this.show(created)
      this.patch({ titleFocusFor: created.id, list: this.listedWith(created) })
    } catch (error) {
      this.typeAhead?.stop()
      this.typeAhead = null
      this.fail(error)
    } finally {
      this.creating = false
    }
  }

  trashNote = async (id: string): Promise<void> => {
    if (this.saver?.noteId === id) await this.flush()
    try {
      await this.api.trashNote(id)
      const list = this.get().list
      const next = list && withNote(list, { id, trashed: true, updatedAt: new Date().toISOString() })
      this.patch({ list: next })
      if (this.saver?.noteId === id) {
        const other = next?.notes[0]
        this.show(other ? await this.api.getNote(other.id) : null)
      }
    } catch (error) {
      this.fail(error)
    }
  }

  restoreNote = async (id: string): Promise<void> => {
    try {
      const note = await this.api.restoreNote(id)
      const list = this.get().list
      this.patch({ list: list && withNote(list, { id, title: note.title, updatedAt: note.updatedAt, trashed: false }) })
    } catch (error) {
      this.fail(error)
    }
  }

  /** Tells the user something (shown where the store's notices are). */
  tell = (text: string): void => this.patch({ notice: { kind: 'info', text } })

  /** Tells the user something in passing (shown for a moment: what was copied). */
  flashMessage = (text: string): void => this.patch({ flash: { text, at: Date.now() } })

  /**
   * Makes a note with this title without opening it (a link typed to a note that does not exist
   * yet): it is in the list at once, and returned.
   */
  createNote = async (title: string): Promise<Note> => {
    const created = await this.api.createNote(title)
    const list = this.get().list
    this.patch({ list: list && withNote(list, { id: created.id, title: created.title, updatedAt: created.updatedAt, trashed: false, createdAt: created.createdAt }) })
    return created
  }

  /** The editor changed; `content` serializes it when the save happens. */
  editContent = (content: () => OutgoingContent): void => this.saver?.setContent(content)

  editTitle = (title: string): void => {
    const { saveState, open } = this.get()
    if (saveState.kind === 'readonly') return
    this.saver?.setTitle(title)
    this.patch({ open: open ? { ...open, title } : open })
  }

  /** The title has the focus: returns what was typed while the note was on its way (its title's start). */
  titleFocused = (): string => {
    const typed = this.typeAhead?.stop() ?? ''
    this.typeAhead = null
    this.patch({ titleFocusFor: null })
    return typed
  }

  /** The page is going away: unsaved edits are kept in the browser, and saved if there is time. Says whether any were unsaved. */
  leaving(): boolean {
    if (!this.saver?.hasUnsavedChanges) return false
    this.saver.keepUnsaved()
    return true
  }

  /** Keeps unsaved edits in the browser (the page is hidden: it may not come back). */
  keepUnsaved(): void {
    this.saver?.keepUnsaved()
  }

  /** A change announced by the notebook, from this window or from anywhere else. */
  private heard(event: NoteChangedEvent): void {
    const list = this.get().list
    if (list) this.patch({ list: withNote(list, { id: event.noteId, title: event.title, updatedAt: event.updatedAt, trashed: event.trashed, deleted: event.revision === null, tags: event.tags }) })
    const current = this.saver
    if (!current || current.noteId !== event.noteId || event.revision === current.revisionOnDisk) return
    if (event.revision === null) {
      this.patch({ notice: { kind: 'error', text: `“${event.title || UNTITLED}” was deleted elsewhere (another window, or its file was removed). What is shown here is not saved anywhere: copy what you need.` } })
      return
    }
    // a shared note's editor follows its document live: only its title and details are read again, quietly
    const open = this.get().open
    if (open?.shared && open.id === event.noteId) {
      if (current.hasUnsavedChanges) return
      void this.api.getNote(event.noteId).then((note) => {
        if (this.saver === current && !current.hasUnsavedChanges && note.revision !== current.revisionOnDisk) this.show(note)
      }, () => undefined)
      return
    }
    // edits here and a new version elsewhere: saved now, so the conflict rule keeps both and says so
    if (current.hasUnsavedChanges) {
      void current.flush()
      return
    }
    void this.api.getNote(event.noteId).then((note) => {
      if (this.saver !== current || current.hasUnsavedChanges || note.revision === current.revisionOnDisk) return
      this.show(note)
      this.patch({ flash: { text: `“${note.title || UNTITLED}” was changed elsewhere (another window or tab, or another program): this one now shows that version.`, at: Date.now() } })
    }, () => undefined)
  }

  dispose(): void {
    this.off()
    this.saver?.dispose()
  }
}

/** What a change says of one note, to place it in the list. */
interface ListChange {
  id: string
  title?: string
  updatedAt: string
  trashed: boolean
  deleted?: boolean
  createdAt?: string
  /** Its tags now, when the change says (an event does; a save's answer does not). */
  tags?: string[]
}

/**
 * The list after a change of one note: removed (deleted), moved to the trash, or put in the notes
 * by its time (the list is by last edit). A change older than the one the list shows is ignored.
 */
export function withNote(list: NoteList, change: ListChange): NoteList {
  const known = list.notes.find((n) => n.id === change.id) ?? list.trash.find((n) => n.id === change.id)
  if (known && !change.deleted && !!known.trashedAt === change.trashed) {
    // an older change, or the same one heard twice (a save's answer, then its event): nothing to redraw
    if (known.updatedAt > change.updatedAt) return list
    const sameTags = change.tags === undefined || change.tags.join('\n') === known.tags.join('\n')
    if (known.updatedAt === change.updatedAt && (change.title === undefined || known.title === change.title) && sameTags) return list
  }
  const notes = list.notes.filter((n) => n.id !== change.id)
  const trash = list.trash.filter((n) => n.id !== change.id)
  const damaged = list.damaged.filter((d) => d.id !== change.id)
  if (change.deleted) return known || damaged.length !== list.damaged.length ? { notes, trash, damaged } : list
  const summary = {
    id: change.id,
    title: change.title ?? known?.title ?? '',
    createdAt: known?.createdAt ?? change.createdAt ?? change.updatedAt,
    updatedAt: change.trashed ? (known?.updatedAt ?? change.updatedAt) : change.updatedAt,
    trashedAt: change.trashed ? (known?.trashedAt ?? new Date().toISOString()) : null,
    tags: change.tags ?? known?.tags ?? []
  }
  if (change.trashed) return { notes, trash: [summary, ...trash], damaged }
  const at = notes.findIndex((n) => n.updatedAt < summary.updatedAt || (n.updatedAt === summary.updatedAt && n.id > summary.id))
  notes.splice(at === -1 ? notes.length : at, 0, summary)
  return { notes, trash, damaged }
}

/** Whether `note` (the note `noteId` as it was opened) has no title and no text. */
function isEmptyNote(note: Note | null, noteId: string): boolean {
  return note?.id === noteId && note.title.trim() === '' && noteBlocks(note.content).length === 0
}
