import { useLayoutEffect, useRef, useState, type ReactNode } from 'react'
import type { RelayState } from '../editor/relay-provider'
import { useStores } from '../stores/app-stores'
import { useStore } from '../stores/store'
import type { CitationBus } from '../ui/citations'
import type { RevealInNoteRequest } from '../editor/RevealInNotePlugin'
import { NoteEditor } from '../editor/NoteEditor'
import { LinkedFrom } from './LinkedFrom'
import { LiveSaveStatus } from './SaveStatus'
import { useNoteReadOnly, type NotesController } from './useNotes'

/** The open note: its title field, the editor, and its save state; or what to do when none is open. */
interface NotePaneProps {
  notes: NotesController
  citations: CitationBus
  reveal: RevealInNoteRequest | null
  onExport(): void
  /** Straight quotes typed become curly (the setting). */
  smartQuotes: boolean
}

export function NotePane({ notes, citations, reveal, onExport, smartQuotes }: NotePaneProps): ReactNode {
  const note = notes.open
  const title = useRef<HTMLInputElement>(null)
  const focusEditorStart = useRef<(() => void) | null>(null)
  // a shared note's edits go to its document as they are typed: their state is this pane's to show
  const [relay, setRelay] = useState<RelayState>({ kind: 'saved' })
  const stores = useStores()
  const sync = useStore(stores.sync)
  const readOnly = useNoteReadOnly(stores.notes)
  const others = note ? (sync?.presence[note.id] ?? []) : []
  // a new note: the caret goes to its title, ready for typing (Enter then moves to its first line)
  const { titleFocusFor, titleFocused, editTitle } = notes
  // before the paint: no key falls between the note showing and its title taking the focus
  useLayoutEffect(() => {
    if (!note || titleFocusFor !== note.id || !title.current) return
    title.current.focus()
    const typed = titleFocused()
    if (typed) editTitle(note.title + typed)
  }, [note, titleFocusFor, titleFocused, editTitle])
  if (!note) {
    return (
      <div className="note-pane note-pane-empty">
        <p>No note is open. Pick one from the list, or start one.</p>
        <button type="button" className="primary-button" onClick={() => void notes.newNote()}>
          Start a note
        </button>
      </div>
    )
  }
  return (
    <div className="note-pane">
      <div className="note-header">
        <input
          ref={title}
          className="note-title"
          aria-label="Note title"
          placeholder="Untitled note"
          value={note.title}
          readOnly={readOnly}
          maxLength={500}
          onChange={(e) => notes.editTitle(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter' || e.nativeEvent.isComposing) return
            e.preventDefault()
            focusEditorStart.current?.()
          }}
          onBlur={() => void notes.flush()}
        />
        {note.shared && (
          // who else is in this note (their devices' names): small, and quiet
          <span className="note-presence" role="status" title={others.length ? `Also in this note: ${others.join(', ')}` : undefined}>
            {others.length > 0 && (
              <>
                <span className="presence-dot" aria-hidden="true" />
                Also here: {others.join(', ')}
              </>
            )}
          </span>
        )}
        <button type="button" className="bar-button" onClick={onExport} title="Export notes to Markdown">
          Export…
        </button>
        <button type="button" className="bar-button" onClick={() => void notes.trashNote(note.id)} title="Move this note to the trash">
          Move to trash
        </button>
      </div>
      <NoteEditor
        // a new revision shown (the note followed a change made in another window) is a new editor;
        // a shared note's editor follows its document live, and stays
        key={note.shared ? note.id : `${note.id}:${note.revision}`}
        initialState={note.content}
        onChange={notes.editContent}
        shared={note.shared && !note.readOnly ? { onState: setRelay } : null}
        onBlur={() => void notes.flush()}
        citations={citations}
        reveal={reveal?.noteId === note.id ? reveal : null}
        readOnly={note.readOnly ?? null}
        focusStartRef={focusEditorStart}
        smartQuotes={smartQuotes}
        onUnreadable={(reason) => notes.markUnreadable(note.id, reason)}
        status={<LiveSaveStatus store={stores.notes} relay={note.shared && !note.readOnly ? relay : null} onRetry={() => void notes.flush()} />}
        noteId={note.id}
      />
      <LinkedFrom noteId={note.id} onOpen={(id) => void notes.openNote(id)} />
    </div>
  )
}

