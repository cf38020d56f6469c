import { useEffect, useState, type ReactNode } from 'react'
import { useStores } from '../stores/app-stores'
import { useStore } from '../stores/store'

/** The notes that link to the open note, each with its linking sentence; a click opens that note. */
export function LinkedFrom({ noteId, onOpen }: { noteId: string; onOpen(noteId: string): void }): ReactNode {
  const { noteBacklinks } = useStores()
  const backlinks = useStore(noteBacklinks)
  const [open, setOpen] = useState(() => !window.matchMedia('(max-height: 640px)').matches)
  useEffect(() => noteBacklinks.follow(noteId), [noteBacklinks, noteId])
  const linkedFrom = backlinks?.noteId === noteId ? backlinks.linkedFrom : []
  if (linkedFrom.length === 0) return null
  return (
    <section className="linked-from" aria-label="Linked from">
      <button type="button" className="references-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? '▾' : '▸'} Linked from ({linkedFrom.length})
      </button>
      {open && (
        <ul className="references-list">
          {linkedFrom.map((b, i) => (
            <li key={`${b.noteId}-${i}`}>
              <button type="button" className="reference" onClick={() => onOpen(b.noteId)}>
                <span className="reference-source">{b.noteTitle}</span>
                <span className="reference-text">{b.context}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
