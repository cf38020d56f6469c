import { useMemo, useState, type ReactNode } from 'react'
import type { SourceSummary } from '../../../shared/model'
import { UNTITLED } from '../../../shared/notes'
import { hasTag } from '../../../shared/tags'
import { NotesList } from './NotesList'
import { TagsList } from './TagsList'
import { useStores } from '../stores/app-stores'
import { useShownNotesList, type NotesController } from './useNotes'

/** The notes list: new note, the notes by last edit with the open one marked, then the sources (drawn by `children`, given the tag chosen), the tags, the trash, damaged files. */
interface NotesSidebarProps {
  notes: NotesController
  /** The sources, whose tags the Tags list counts beside the notes'. */
  sources: readonly SourceSummary[]
  /** The sources list, showing only the sources with `tag` when one is chosen. */
  children?: (tag: string | null) => ReactNode
  /** The id of the sidebar (or of its panel, in a compact window). */
  id?: string
  /** A compact window: the sidebar is the panel of the "Notes and sources" view tab. */
  asPanel?: boolean
  hidden?: boolean
  /** A note chosen in the list, or a new one made: the app shows it (in a compact window, the note's view). */
  onOpenNote(id: string): void
  onNewNote(): void
}

export function NotesSidebar({ notes, sources, children, id, asPanel, hidden, onOpenNote, onNewNote }: NotesSidebarProps): ReactNode {
  const [trashOpen, setTrashOpen] = useState(false)
  const [tag, setTag] = useState<string | null>(null)
  const list = useShownNotesList(useStores().notes)
  const shown = list && tag ? list.notes.filter((n) => hasTag(n.tags, tag)) : list?.notes
  const tagged = useMemo(() => [...(list?.notes ?? []), ...sources], [list, sources])
  // in a compact window the sidebar is the panel of the "Notes and sources" view tab (a region inside it, named by the tab)
  const nav = (
    <nav className="sidebar" aria-label="Notebook" id={asPanel ? undefined : id} hidden={hidden}>
      {asPanel && <h1 className="visually-hidden">Notes and sources</h1>}
      <button type="button" className="new-note" onClick={onNewNote} title="New note">
        <span aria-hidden="true" className="plus">+</span> New note
      </button>
      <h2 className="sidebar-heading" id="notes-heading">
        Notes
      </h2>
      {list && list.notes.length === 0 && <p className="sidebar-empty">No notes yet. Press “New note” to start one.</p>}
      {tag && (
        <p className="tag-filter" role="status">
          Notes and sources tagged #{tag}{' '}
          <button type="button" className="link-button" onClick={() => setTag(null)}>
            Show all
          </button>
        </p>
      )}
      {shown && <NotesList notes={shown} open={notes.open} onOpen={onOpenNote} />}
      <TagsList items={tagged} chosen={tag} onChoose={setTag} />
      {children?.(tag)}
      {list && list.damaged.length > 0 && (
        <section className="sidebar-section" aria-label="Damaged notes">
          <h2 className="sidebar-heading">Damaged</h2>
          <ul className="damaged-list">
            {list.damaged.map((d) => (
              <li key={d.id} title={d.reason}>
                <span className="damaged-name">{d.fileName}</span>
                <span className="damaged-reason">{d.reason}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {list && list.trash.length > 0 && (
        <section className="sidebar-section" aria-label="Trash">
          <button type="button" className="sidebar-heading trash-toggle" aria-expanded={trashOpen} onClick={() => setTrashOpen(!trashOpen)}>
            {trashOpen ? '▾' : '▸'} Trash ({list.trash.length})
          </button>
          {trashOpen && (
            <ul className="note-list trash-list" aria-label="Trash">
              {list.trash.map((note) => (
                <li key={note.id} className="trash-item">
                  <span className="note-item-title">{note.title || UNTITLED}</span>
                  <button type="button" className="link-button" onClick={() => void notes.restoreNote(note.id)} aria-label={`Restore ${note.title || UNTITLED}`}>
                    Restore
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </nav>
  )
  return asPanel ? (
    <div className="sidebar-panel" id={id} role="tabpanel" aria-labelledby={`tab-${id}`} hidden={hidden}>
      {nav}
    </div>
  ) : (
    nav
  )
}
