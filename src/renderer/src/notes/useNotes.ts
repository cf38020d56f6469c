import { useEffect, useMemo } from 'react'
import type { SerializedEditorState } from '../../../shared/notes'
import { useStoreSelector } from '../stores/store'
import type { AppStores } from '../stores/app-stores'
import type { NotesState, NotesStore } from '../stores/notes-store'
import type { SaveState } from '../stores/note-saver'

/**
 * The notes as a component sees them: the store's state and its actions. Not the save state: it
 * changes at every save while one types, and would redraw the whole window with it (the status
 * line reads it by itself, `useSaveState`).
 */
export interface NotesController extends Omit<NotesState, 'saveState'> {
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
  /** The open note cannot be shown in full: nothing is saved over it, and the user is told why. */
  markUnreadable(noteId: string, reason: string): void
  /** The title has the focus: returns what was typed while the note was on its way (its title's start). */
  titleFocused(): string
}

/** Reads the notes store; the actions are the store's own (stable). */
export function useNotes(store: NotesStore): NotesController {
  const state = useStoreSelector(store, wholeState, sameButForSaveState)
  return useMemo(
    () => ({
      ...state,
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

function sameButForSaveState(a: NotesState, b: NotesState): boolean {
  return (Object.keys(a) as (keyof NotesState)[]).every((key) => key === 'saveState' || a[key] === b[key])
}

const saveStateOf = (state: NotesState): SaveState => state.saveState

/** The open note's save state, for the one component that shows it. */
export function useSaveState(store: NotesStore): SaveState {
  return useStoreSelector(store, saveStateOf)
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
