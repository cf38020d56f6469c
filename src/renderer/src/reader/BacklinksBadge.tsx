import { useEffect, useRef, useState, type ReactNode } from 'react'
import { createPortal } from 'react-dom'
import type { Backlink } from '../../../shared/links'

interface BacklinksBadgeProps {
  paragraph: number
  backlinks: Backlink[]
  onOpen(backlink: Backlink): void
}

/** "2 notes cite ¶6": opens the list of citing notes, each with the sentence around its citation. */
export function BacklinksBadge({ paragraph, backlinks, onOpen }: BacklinksBadgeProps): ReactNode {
  const [at, setAt] = useState<{ left: number; top: number } | null>(null)
  const badge = useRef<HTMLButtonElement>(null)
  const popover = useRef<HTMLDivElement>(null)
  const notes = new Set(backlinks.map((b) => b.noteId)).size
  const label = `${notes} ${notes === 1 ? 'note cites' : 'notes cite'} ¶${paragraph}`

  /** Where the focus was when the list opened: it goes back there when Escape closes it. */
  const openedFrom = useRef<HTMLElement | null>(null)
  useEffect(() => {
    if (!at) return
    // the list takes the focus, so its notes can be chosen with the keyboard
    popover.current?.querySelector<HTMLElement>('.backlink')?.focus()
    const close = (event: MouseEvent | KeyboardEvent): void => {
      const inside = event instanceof MouseEvent && (popover.current?.contains(event.target as Node) || badge.current?.contains(event.target as Node))
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !inside) {
        setAt(null)
        if (event instanceof KeyboardEvent) openedFrom.current?.focus()
      }
    }
    const dismiss = (): void => setAt(null)
    document.addEventListener('mousedown', close)
    document.addEventListener('keydown', close)
    window.addEventListener('resize', dismiss)
    document.addEventListener('scroll', dismiss, true)
    return () => {
      document.removeEventListener('mousedown', close)
      document.removeEventListener('keydown', close)
      window.removeEventListener('resize', dismiss)
      document.removeEventListener('scroll', dismiss, true)
    }
  }, [at])

  const toggle = (): void => {
    openedFrom.current = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : badge.current
    const rect = badge.current?.getBoundingClientRect()
    setAt(at || !rect ? null : { left: rect.left, top: rect.bottom + 6 })
  }

  return (
    <div className="backlinks">
      <button type="button" ref={badge} className="backlinks-badge" aria-label={label} title={`${label} (N when the paragraph has the focus)`} aria-expanded={at !== null} onClick={toggle} tabIndex={-1}>
        {notes}
      </button>
      {at &&
        // in the page's body, so a long source's paint containment cannot clip it
        createPortal(
          <div ref={popover} className="backlinks-popover" role="dialog" aria-label={`Notes citing ¶${paragraph}`} style={{ left: at.left, top: at.top }}>
            <p className="backlinks-head">{label}</p>
            <ul>
              {backlinks.map((b) => (
                <li key={`${b.noteId}-${b.occurrence}`}>
                  <button
                    type="button"
                    className="backlink"
                    onClick={() => {
                      setAt(null)
                      onOpen(b)
                    }}
                  >
                    <span className="backlink-title">{b.noteTitle}</span>
                    <span className="backlink-context">{b.context}</span>
                  </button>
                </li>
              ))}
            </ul>
          </div>,
          document.body
        )}
    </div>
  )
}
