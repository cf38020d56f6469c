import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import { UNTITLED, type Note, type NoteSummary } from '../../../shared/notes'
import { ShowMore } from '../ui/ShowMore'
import { relativeTime } from './relative-time'

/**
 * How many notes the list shows at first, and how many more each "Show more" adds. A notebook of
 * 3,000 notes listed whole kept the page busy for 300–500 ms at start (building and laying out
 * every row) and about 50 ms after each save, and pushed the sources list thousands of rows down;
 * the most recent notes are the ones opened from here, the others are a search away.
 */
const NOTES_PAGE = 100
const NOTES_MORE = 500

interface NotesListProps {
  /** Most recently edited first. */
  notes: NoteSummary[]
  /** The open note (its title as typed, before it is saved). */
  open: Note | null
  onOpen(id: string): void
}

/** Keys that move the focus between the rows, to the row they lead to (from `at` of `count`). */
const ROW_KEYS: Record<string, (at: number, count: number) => number> = {
  ArrowDown: (at, count) => Math.min(at + 1, count - 1),
  ArrowUp: (at) => Math.max(at - 1, 0),
  Home: () => 0,
  End: (_at, count) => count - 1
}

/**
 * The notes by last edit, the open one marked; the most recent first, the rest on request. The
 * list is one stop for Tab (the open note's row, or the last one focused), and the arrow keys,
 * Home and End move between rows: a hundred rows are not a hundred Tab presses on the way to
 * the sources.
 */
export function NotesList({ notes, open, onOpen }: NotesListProps): ReactNode {
  const [limit, setLimit] = useState(NOTES_PAGE)
  const list = useRef<HTMLUListElement>(null)
  /** The first row a "Show more" added: it takes the focus once rendered, so the keyboard carries on there. */
  const focusRow = useRef<number | null>(null)
  useEffect(() => {
    if (focusRow.current === null) return
    list.current?.querySelectorAll<HTMLButtonElement>('.note-item')[focusRow.current]?.focus()
    focusRow.current = null
  })

  const [focusedId, setFocusedId] = useState<string | null>(null)
  const shown = notes.slice(0, limit)
  const hidden = notes.length - shown.length
  const more = Math.min(hidden, NOTES_MORE)
  const rows = shown.map((note, at) => ({ note, at }))
  // the open note is listed even when older than the rows shown (opened from a search or a backlink)
  const openAt = open ? notes.findIndex((note) => note.id === open.id) : -1
  const openBeyondShown = openAt >= shown.length
  if (openBeyondShown) rows.push({ note: notes[openAt]!, at: openAt })
  const listed = (id: string | null | undefined): id is string => !!id && rows.some((row) => row.note.id === id)
  const tabStop = listed(focusedId) ? focusedId : listed(open?.id) ? open.id : rows[0]?.note.id
  const moveFocus = (event: KeyboardEvent<HTMLUListElement>): void => {
    const key = ROW_KEYS[event.key]
    const buttons = [...(list.current?.querySelectorAll<HTMLButtonElement>('.note-item') ?? [])]
    const at = buttons.indexOf(event.target as HTMLButtonElement)
    if (!key || at < 0 || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return
    event.preventDefault()
    buttons[key(at, buttons.length)]?.focus()
  }
  return (
    <>
      <ul className="note-list" aria-label="Notes" ref={list} onKeyDown={moveFocus}>
        {rows.map(({ note, at }) => (
          // the position in the whole list, for screen readers, as not every note is a row
          <li key={note.id} aria-posinset={at + 1} aria-setsize={notes.length}>
            <button
              type="button"
              className="note-item"
              tabIndex={note.id === tabStop ? 0 : -1}
              aria-current={open?.id === note.id ? 'true' : undefined}
              onFocus={() => setFocusedId(note.id)}
              onClick={() => onOpen(note.id)}
            >
              <span className="note-item-title">{(open?.id === note.id ? open.title : note.title) || UNTITLED}</span>
              <span className="note-item-time">{relativeTime(note.updatedAt)}</span>
            </button>
          </li>
        ))}
      </ul>
      {hidden > 0 && (
        <ShowMore
          more={more}
          hidden={hidden - (openBeyondShown ? 1 : 0)}
          noun="notes"
          onMore={() => {
            focusRow.current = shown.length
            setLimit(shown.length + more)
          }}
        />
      )}
    </>
  )
}
