import { useEffect, useRef, useState, type ReactNode } from 'react'
import type { Backlink } from '../../../shared/links'

interface BacklinksBadgeProps {
  paragraph: number
  backlinks: Backlink[]
  onOpen(backlink: Backlink): void
}

/** "2 notes cite ¶6": opens the list of citing notes, each with the sentence around its citation. */
export function BacklinksBadge({ paragraph, backlinks, onOpen }: BacklinksBadgeProps): ReactNode {
  const [open, setOpen] = useState(false)
  const root = useRef<HTMLDivElement>(null)
  const notes = new Set(backlinks.map((b) => b.noteId)).size
  const label = `${notes} ${notes === 1 ? 'note cites' : 'notes cite'} ¶${paragraph}`

  useEffect(() => {
    if (!open) return
    const close = (event: MouseEvent | KeyboardEvent): void => {
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !root.current?.contains(event.target as Node)) setOpen(false)
    }
    document.addEventListener('mousedown', close)
    document.addEventListener('keydown', close)
    return () => {
      document.removeEventListener('mousedown', close)
      document.removeEventListener('keydown', close)
    }
  }, [open])

  return (
    <div className="backlinks" ref={root}>
      <button type="button" className="backlinks-badge" aria-label={label} title={label} aria-expanded={open} onClick={() => setOpen(!open)}>
        {notes}
      </button>
      {open && (
        <div className="backlinks-popover" role="dialog" aria-label={`Notes citing ¶${paragraph}`}>
          <p className="backlinks-head">{label}</p>
          <ul>
            {backlinks.map((b) => (
              <li key={`${b.noteId}-${b.occurrence}`}>
                <button
                  type="button"
                  className="backlink"
                  onClick={() => {
                    setOpen(false)
                    onOpen(b)
                  }}
                >
                  <span className="backlink-title">{b.noteTitle}</span>
                  <span className="backlink-context">{b.context}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  )
}
