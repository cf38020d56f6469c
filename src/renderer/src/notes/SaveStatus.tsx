import { useLayoutEffect, useRef, type ReactNode } from 'react'
import type { RelayState } from '../editor/relay-provider'
import type { SaveState } from '../stores/note-saver'
import type { NotesStore } from '../stores/notes-store'
import { useStoreSelector } from '../stores/store'

type ShownState = SaveState | RelayState
/** The states that come and go while one types: no reason to give, no button. */
type RoutineState = Extract<ShownState, { kind: 'saved' | 'saving' | 'unsaved' }>

const isRoutine = (state: ShownState): state is RoutineState => state.kind === 'saved' || state.kind === 'saving' || state.kind === 'unsaved'

const ROUTINE_TEXT: Record<RoutineState['kind'], string> = { saved: 'Saved', saving: 'Saving…', unsaved: 'Edited' }

/** "Saved", "Saving…", "Edited", "Read-only" with the reason, or "Not saved" with the reason and a way to retry. */
export function SaveStatus({ state, onRetry }: { state: ShownState; onRetry(): void }): ReactNode {
  return (
    <span className={`save-status save-${state.kind}`} role="status">
      {isRoutine(state) && ROUTINE_TEXT[state.kind]}
      {state.kind === 'readonly' && `Read-only: ${state.reason}`}
      {state.kind === 'failed' && (
        <>
          Not saved: {state.reason}{' '}
          <button type="button" className="link-button" onClick={onRetry}>
            Retry
          </button>
        </>
      )}
    </span>
  )
}

/** Stands for every routine state: the component draws again only when the state leaves or enters them. */
const ROUTINE = { kind: 'routine' } as const
const routineOrItself = (state: { saveState: SaveState }): SaveState | typeof ROUTINE => (isRoutine(state.saveState) ? ROUTINE : state.saveState)
const itself = (state: { saveState: SaveState }): SaveState => state.saveState
/** What the line shows: a shared note, once saved here, shows how its document is doing. */
const shownState = (saveState: SaveState, relay: RelayState | null): ShownState => (relay && saveState.kind === 'saved' ? relay : saveState)

/**
 * The open note's save state as it changes (a shared note's, once saved here, is its document's).
 * The routine states are written into the element directly: each save while one types passes
 * through three of them, and every React commit with the caret in the note measures the caret's
 * offset from the note's start (React keeps the selection across a commit), about 5 ms at the end
 * of a 10,000-paragraph note, inside the keystroke that changed the state.
 */
export function LiveSaveStatus({ store, relay, onRetry }: { store: NotesStore; relay: RelayState | null; onRetry(): void }): ReactNode {
  // a shared note's relay that failed is told by React, with its button, whatever the save state
  const live = !relay || isRoutine(relay)
  const shown = useStoreSelector(store, live ? routineOrItself : itself)
  const element = useRef<HTMLSpanElement>(null)
  useLayoutEffect(() => {
    if (shown.kind !== 'routine') return
    const write = (): void => {
      const state = shownState(store.get().saveState, relay)
      if (!element.current || !isRoutine(state)) return
      element.current.className = `save-status save-${state.kind}`
      element.current.textContent = ROUTINE_TEXT[state.kind]
    }
    write()
    return store.subscribe(write)
  }, [store, shown, relay])
  if (shown.kind === 'routine') return <span key="live" ref={element} className="save-status" role="status" />
  return <SaveStatus key="told" state={shownState(shown, relay)} onRetry={onRetry} />
}
