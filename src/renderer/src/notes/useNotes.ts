import { useEffect, useMemo } from 'react'
import type { SerializedEditorState } from '../../../shared/notes'
import { useStore } from '../stores/store'
import type { NotesState, NotesStore } from '../stores/notes-store'

/** The notes as a component sees them: the store's state and its actions. */
export interface NotesController extends NotesState {
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
  const state = useStore(store)
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

/** Closing the window with unsaved edits: save first, then close (Electron), or ask (browser). */
export function useSaveBeforeUnload(store: NotesStore): void {
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent): void => {
      // whatever happens next (the user leaves, the server is gone), the edits stay in the browser
      if (!store.leaving()) return
      event.preventDefault()
      void store.flush().then(() => {
        if (!store.hasUnsavedChanges && window.pilcrow) window.close()
      })
    }
    const onPageHide = (): void => store.keepUnsaved()
    window.addEventListener('beforeunload', onBeforeUnload)
    window.addEventListener('pagehide', onPageHide)
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload)
      window.removeEventListener('pagehide', onPageHide)
    }
  }, [store])
}
