import { useCallback, useEffect, useRef, useState } from 'react'
import { noteBlocks } from '../../../shared/note-content'
import { UNTITLED, type Note, type NoteList, type SerializedEditorState } from '../../../shared/notes'
import { api } from '../api/client'
import { events } from '../api/events'
import { NoteSaver, type SaveState } from './note-saver'
import { saveKeptDrafts } from './recover-drafts'
import { captureTypeAhead } from './type-ahead'
import { dropDraft, keptDraft } from './unsaved-drafts'

export interface NotesController {
  list: NoteList | null
  open: Note | null
  saveState: SaveState
  /** A message for the user (a conflict kept as a copy, a failed action). */
  notice: { kind: 'info' | 'error'; text: string } | null
  dismissNotice(): void
  openNote(id: string): Promise<void>
  newNote(): Promise<void>
  trashNote(id: string): Promise<void>
  restoreNote(id: string): Promise<void>
  /** The editor changed; `content` serializes it when the save happens. */
  editContent(content: () => SerializedEditorState): void
  editTitle(title: string): void
  /** Saves the open note now (blur, before closing). */
  flush(): Promise<void>
  /**
   * The open note cannot be shown in full (or showing it failed): nothing is saved over it from
   * now on, the user is told why, and it is not reopened at the next start.
   */
  markUnreadable(noteId: string, reason: string): void
  /** A passing message (the open note followed a change made in another tab), shown by the app for a moment. */
  flash: { text: string; at: number } | null
  /** The note whose title should take the focus (a new note), until `titleFocused` is called. */
  titleFocusFor: string | null
  /** The title has the focus: returns what was typed while the note was on its way (its title's start). */
  titleFocused(): string
}

/**
 * The notebook's notes as the UI sees them: the list, the open note and its save state. One
 * `NoteSaver` per open note; switching notes flushes the old one first, so nothing is lost.
 */
export function useNotes(initialNoteId: string | null | undefined, ready: boolean): NotesController {
  const [list, setList] = useState<NoteList | null>(null)
  const [open, setOpen] = useState<Note | null>(null)
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'saved' })
  const [notice, setNotice] = useState<NotesController['notice']>(null)
  const [titleFocusFor, setTitleFocusFor] = useState<string | null>(null)
  const [flash, setFlash] = useState<NotesController['flash']>(null)
  const saver = useRef<NoteSaver | null>(null)
  const openRef = useRef<Note | null>(null)

  const fail = useCallback((error: unknown) => setNotice({ kind: 'error', text: (error as Error).message }), [])
  const refresh = useCallback(() => api.listNotes().then(setList, fail), [fail])

  const show = useCallback(
    (stored: Note | null) => {
      // edits made while the next note was on its way (a title typed right after "New note")
      // belong to the note they were typed in: saved, not dropped with its saver
      const previous = saver.current
      previous?.dispose()
      if (previous?.hasUnsavedChanges) void previous.flush()
      // a "New note" nobody wrote in is not kept (the notebook has the last word: only an untouched, empty, untitled note goes)
      else if (previous && !previous.touched && previous.noteId !== stored?.id && isEmptyNote(openRef.current, previous.noteId)) {
        void api.discardEmptyNote(previous.noteId).then((deleted) => deleted && void refresh(), () => undefined)
      }
      // edits an earlier page kept and never saved (the server was down, the page reloaded): shown and saved now
      const draft = stored && !stored.readOnly ? keptDraft(stored.id) : null
      const resumed = draft && (draft.title !== stored!.title || JSON.stringify(draft.content) !== JSON.stringify(stored!.content))
      if (draft && !resumed) dropDraft(draft.id)
      const note = resumed ? { ...stored!, title: draft.title, content: draft.content } : stored
      const next: NoteSaver | null = note
        ? new NoteSaver(api, note.id, note, {
            // once another note is open, only a failure of this one is worth telling
            onState: (state) => {
              if (saver.current === next) setSaveState(state)
              else if (state.kind === 'failed') setNotice({ kind: 'error', text: `“${note.title || UNTITLED}” was not saved: ${state.reason}` })
            },
            onSaved: (result, title) => {
              if (result.conflict) setNotice({ kind: 'info', text: result.conflict.message })
              setOpen((current) => (current && current.id === note.id ? { ...current, title, updatedAt: result.updatedAt } : current))
              // the list learns of a plain save here (the note moves to the top); a conflict added a note: ask
              if (result.conflict) void refresh()
              else setList((list) => list && withSaved(list, note.id, title, result.updatedAt))
            }
          })
        : null
      saver.current = next
      openRef.current = note
      setSaveState({ kind: 'saved' })
      if (note?.readOnly) next?.freeze(note.readOnly)
      if (resumed && next) {
        next.resume(draft.baseRevision)
        setNotice({ kind: 'info', text: `Restored what you typed in “${note!.title || UNTITLED}” that had not been saved (this browser kept it); it is saved now.` })
      }
      setOpen(note)
      void api.updateSettings({ lastNoteId: note?.id ?? null }).catch(() => undefined)
    },
    [refresh]
  )

  const markUnreadable = useCallback((noteId: string, reason: string) => {
    if (saver.current?.noteId !== noteId) return
    saver.current.freeze(reason)
    setNotice({ kind: 'error', text: reason })
    // a note that cannot be shown must not be the one every start reopens
    void api.updateSettings({ lastNoteId: null }).catch(() => undefined)
  }, [])

  const flush = useCallback(async () => {
    await saver.current?.flush()
  }, [])

  const openNote = useCallback(
    async (id: string) => {
      if (saver.current?.noteId === id) return
      await flush()
      try {
        show(await api.getNote(id))
      } catch (error) {
        fail(error)
        void refresh()
      }
    },
    [flush, show, fail, refresh]
  )

  const creating = useRef(false)
  const typeAhead = useRef<{ stop(): string } | null>(null)
  const newNote = useCallback(async () => {
    // a second press while the first note is on its way (Space on the button) makes no second note
    if (creating.current) return
    // the open note is itself a new note nobody wrote in: it is the new note (no pile of empty ones)
    const open = openRef.current
    if (open && saver.current?.noteId === open.id && !saver.current.touched && isEmptyNote(open, open.id)) {
      typeAhead.current?.stop()
      typeAhead.current = captureTypeAhead()
      setTitleFocusFor(open.id)
      return
    }
    creating.current = true
    // what is typed while the note is on its way is its title (the focus is still on the button):
    // kept until the title field has the focus (`titleFocused`)
    typeAhead.current?.stop()
    typeAhead.current = captureTypeAhead()
    try {
      await flush()
      const created = await api.createNote()
      show(created)
      setTitleFocusFor(created.id)
      await refresh()
    } catch (error) {
      typeAhead.current?.stop()
      typeAhead.current = null
      fail(error)
    } finally {
      creating.current = false
    }
  }, [flush, show, refresh, fail])

  const trashNote = useCallback(
    async (id: string) => {
      if (saver.current?.noteId === id) await flush()
      try {
        await api.trashNote(id)
        const next = await api.listNotes()
        setList(next)
        if (saver.current?.noteId === id) {
          const other = next.notes[0]
          show(other ? await api.getNote(other.id) : null)
        }
      } catch (error) {
        fail(error)
      }
    },
    [flush, show, fail]
  )

  const restoreNote = useCallback(
    async (id: string) => {
      try {
        await api.restoreNote(id)
        await refresh()
      } catch (error) {
        fail(error)
      }
    },
    [refresh, fail]
  )

  // Start: reopen the last note, else the most recent; a brand-new notebook gets a first note.
  useEffect(() => {
    if (!ready) return
    let cancelled = false
    void (async () => {
      try {
        const initial = await api.listNotes()
        if (cancelled) return
        setList(initial)
        const opening = [initialNoteId, initial.notes[0]?.id].find((id): id is string => !!id && initial.notes.some((n) => n.id === id))
        void saveKeptDrafts(saver.current?.noteId ?? opening ?? null).then((recovered) => {
          if (recovered.length === 0) return
          setNotice({ kind: 'info', text: `Saved what you had typed in ${recovered.map((t) => `“${t}”`).join(', ')} that had not been saved (this browser kept it).` })
          void refresh()
        })
        // a note opened or made meanwhile (New note pressed as the window opened) stays open
        const stillFirst = (): boolean => !cancelled && saver.current === null
        if (opening) {
          const note = await api.getNote(opening)
          if (stillFirst()) show(note)
        } else if (initial.notes.length === 0 && initial.trash.length === 0 && initial.damaged.length === 0 && stillFirst()) {
          const note = await api.createNote()
          if (stillFirst()) show(note)
          else void api.discardEmptyNote(note.id).catch(() => undefined)
          setList(await api.listNotes())
        }
      } catch (error) {
        fail(error)
      }
    })()
    return () => {
      cancelled = true
    }
    // initialNoteId is read once, at start
  }, [ready])

  // Changes made elsewhere (another window or tab on this notebook): the list follows, and the
  // open note follows too when it has nothing unsaved here (with edits here, saving keeps both
  // versions and says so). Two tabs on one note then take turns instead of copying each other.
  useEffect(() => {
    let timer: number | undefined
    return events.onDidChangeNote((event) => {
      const current = saver.current
      // this page's own save (answered, or on its way) updated the list itself
      const own = current?.noteId === event.noteId && (current.hasUnsavedChanges || event.revision === current.revisionOnDisk)
      if (!own) {
        window.clearTimeout(timer)
        timer = window.setTimeout(() => void refresh(), 150)
      }
      if (!current || current.noteId !== event.noteId || current.hasUnsavedChanges) return
      if (event.revision === current.revisionOnDisk) return // this page's own save
      if (event.revision === null) {
        setNotice({ kind: 'error', text: `“${event.title || UNTITLED}” was deleted in another window. What is shown here is not saved anywhere: copy what you need.` })
        return
      }
      void api.getNote(event.noteId).then((note) => {
        if (saver.current !== current || current.hasUnsavedChanges || note.revision === current.revisionOnDisk) return
        show(note)
        setFlash({ text: `“${note.title || UNTITLED}” was changed in another window or tab: this one now shows that version.`, at: Date.now() })
      }, () => undefined)
    })
  }, [refresh, show])

  // Closing the window with unsaved edits: save first, then close (Electron), or ask (browser).
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent): void => {
      if (!saver.current?.hasUnsavedChanges) return
      // whatever happens next (the user leaves, the server is gone), the edits stay in the browser
      saver.current.keepUnsaved()
      event.preventDefault()
      void saver.current.flush().then(() => {
        if (!saver.current?.hasUnsavedChanges && window.pilcrow) window.close()
      })
    }
    const onPageHide = (): void => saver.current?.keepUnsaved()
    window.addEventListener('beforeunload', onBeforeUnload)
    window.addEventListener('pagehide', onPageHide)
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload)
      window.removeEventListener('pagehide', onPageHide)
    }
  }, [])

  return {
    list,
    open,
    saveState,
    notice,
    dismissNotice: () => setNotice(null),
    openNote,
    newNote,
    trashNote,
    restoreNote,
    editContent: (content) => saver.current?.setContent(content),
    editTitle: (title) => {
      if (saveState.kind === 'readonly') return
      saver.current?.setTitle(title)
      setOpen((current) => (current ? { ...current, title } : current))
    },
    flush,
    markUnreadable,
    flash,
    titleFocusFor,
    titleFocused: useCallback(() => {
      const typed = typeAhead.current?.stop() ?? ''
      typeAhead.current = null
      setTitleFocusFor(null)
      return typed
    }, [])
  }
}

/** The list after a save of note `id`: its title and time, at the top (the list is by last edit). */
function withSaved(list: NoteList, id: string, title: string, updatedAt: string): NoteList {
  const saved = list.notes.find((n) => n.id === id)
  if (!saved) return list
  return { ...list, notes: [{ ...saved, title, updatedAt }, ...list.notes.filter((n) => n.id !== id)] }
}

/** Whether `note` (the note `noteId` as it was opened) has no title and no text. */
function isEmptyNote(note: Note | null, noteId: string): boolean {
  return note?.id === noteId && note.title.trim() === '' && noteBlocks(note.content).length === 0
}
