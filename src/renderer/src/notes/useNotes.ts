import { useEffect, useMemo } from 'react'
import type { DamagedNote, NoteList, NoteSummary, OutgoingContent } from '../../../shared/notes'
import { useStoreSelector } from '../stores/store'
import type { AppStores } from '../stores/app-stores'
import { notesListOf, type NotesState, type NotesStore } from '../stores/notes-store'
import { relativeTime } from './relative-time'

/**
 * The notes as the window sees them: the store's state and its actions. Not the save state nor
 * the list: both change at every save while one types, and would redraw the whole window with
 * them (the status line and the sidebar read them by themselves: `LiveSaveStatus`, `useShownNotesList`).
 */
export interface NotesController extends Omit<NotesState, 'saveState' | 'list'> {
  dismissNotice(): void
  openNote(id: string): Promise<void>
  newNote(): Promise<void>
  trashNote(id: string): Promise<void>
  restoreNote(id: string): Promise<void>
  /** The editor changed; `content` serializes it when the save happens. */
  editContent(content: () => OutgoingContent): void
  editTitle(title: string): void
  /** Saves the open note now (blur, before closing). */
  flush(): Promise<void>
  /** The open note cannot be shown in full: nothing is saved over it, and the user is told why. */
  markUnreadable(noteId: string, reason: string): void
  /** The title has the focus: returns what was typed while the note was on its way (its title's start). */
  titleFocused(): string
}

/** Reads the notes store; the actions are the store's own (stable). */
export function useNotes(store: NotesStore): NotesController {
  const state = useStoreSelector(store, wholeState, sameButForSavesWhileTyping)
  return useMemo(
    () => ({
      open: state.open,
      notice: state.notice,
      flash: state.flash,
      titleFocusFor: state.titleFocusFor,
      dismissNotice: store.dismissNotice,
      openNote: store.openNote,
      newNote: store.newNote,
      trashNote: store.trashNote,
      restoreNote: store.restoreNote,
      editContent: store.editContent,
      editTitle: store.editTitle,
      flush: store.flush,
      markUnreadable: store.markUnreadable,
      titleFocused: store.titleFocused
    }),
    [state, store]
  )
}

const wholeState = (state: NotesState): NotesState => state

const CHANGED_BY_SAVES: readonly (keyof NotesState)[] = ['saveState', 'list']

function sameButForSavesWhileTyping(a: NotesState, b: NotesState): boolean {
  return (Object.keys(a) as (keyof NotesState)[]).every((key) => CHANGED_BY_SAVES.includes(key) || a[key] === b[key])
}

/**
 * The notes list as the sidebar shows it: a new list only when a row would read differently. A
 * save while one types changes the note's time, which still reads "just now", and the list's
 * identity; drawing the sidebar again for it costs a React commit (about 5 ms with the caret at
 * the end of a long note, see `LiveSaveStatus`) every two seconds.
 */
export function useShownNotesList(store: NotesStore): NoteList | null {
  return useStoreSelector(store, notesListOf, sameAsShown)
}

function sameAsShown(a: NoteList | null, b: NoteList | null): boolean {
  if (a === b) return true
  if (!a || !b) return false
  const now = Date.now()
  const sameRow = (x: NoteSummary, y: NoteSummary): boolean =>
    x.id === y.id &&
    x.title === y.title &&
    x.trashedAt === y.trashedAt &&
    x.tags.join('\n') === y.tags.join('\n') &&
    (x.updatedAt === y.updatedAt || relativeTime(x.updatedAt, now) === relativeTime(y.updatedAt, now))
  const sameDamaged = (x: DamagedNote, y: DamagedNote): boolean => x.id === y.id && x.fileName === y.fileName && x.reason === y.reason
  return sameItems(a.notes, b.notes, sameRow) && sameItems(a.trash, b.trash, sameRow) && sameItems(a.damaged, b.damaged, sameDamaged)
}

function sameItems<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): boolean {
  return a === b || (a.length === b.length && a.every((x, i) => same(x, b[i]!)))
}

const isReadOnly = (state: NotesState): boolean => state.saveState.kind === 'readonly'

/** Whether the open note is never saved from here (read-only): changes far more rarely than the save state. */
export function useNoteReadOnly(store: NotesStore): boolean {
  return useStoreSelector(store, isReadOnly)
}

/**
 * Closing the window with unsaved edits: save first, then close (Electron), or ask (browser). As
 * the page goes, unsaved text is kept in the browser and a setting still waiting is sent.
 */
export function useSaveBeforeUnload({ notes: store, settings }: Pick<AppStores, 'notes' | 'settings'>): void {
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent): void => {
      // whatever happens next (the user leaves, the server is gone), the edits stay in the browser
      if (!store.leaving()) return
      event.preventDefault()
      void store.flush().then(() => {
        if (!store.hasUnsavedChanges && window.pilcrow) window.close()
      })
    }
    const onPageHide = (): void => {
      store.keepUnsaved()
      settings.sendBeforeLeaving()
    }
    window.addEventListener('beforeunload', onBeforeUnload)
    window.addEventListener('pagehide', onPageHide)
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload)
      window.removeEventListener('pagehide', onPageHide)
    }
  }, [store, settings])
}
