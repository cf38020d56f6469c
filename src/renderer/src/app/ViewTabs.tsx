import { useRef, type KeyboardEvent, type ReactNode } from 'react'

/** The three views of a compact window, one shown at a time. */
export type CompactView = 'notebook' | 'source' | 'note'

const VIEWS: { id: CompactView; label: string; panel: string }[] = [
  { id: 'notebook', label: 'Notes and sources', panel: 'view-notebook' },
  { id: 'source', label: 'Source', panel: 'view-source' },
  { id: 'note', label: 'Note', panel: 'view-note' }
]

/** The id of the element each view shows, for `aria-controls`. */
export const VIEW_PANEL: Record<CompactView, string> = Object.fromEntries(VIEWS.map((v) => [v.id, v.panel])) as Record<CompactView, string>

/**
 * Tabs that switch a compact window between the notebook (notes and sources lists), the source
 * and the note: one Tab stop, arrow keys, Home and End move between them (WAI-ARIA tabs).
 */
export function ViewTabs({ view, onChange }: { view: CompactView; onChange(view: CompactView): void }): ReactNode {
  const tabs = useRef<(HTMLButtonElement | null)[]>([])
  const onKeyDown = (event: KeyboardEvent, index: number): void => {
    const next = event.key === 'ArrowRight' ? index + 1 : event.key === 'ArrowLeft' ? index - 1 : event.key === 'Home' ? 0 : event.key === 'End' ? VIEWS.length - 1 : null
    if (next === null) return
    event.preventDefault()
    const target = (next + VIEWS.length) % VIEWS.length
    onChange(VIEWS[target]!.id)
    tabs.current[target]?.focus()
  }
  return (
    <div className="view-tabs" role="tablist" aria-label="Views">
      {VIEWS.map((v, i) => (
        <button
          key={v.id}
          ref={(el) => {
            tabs.current[i] = el
          }}
          type="button"
          role="tab"
          id={`tab-${v.panel}`}
          aria-selected={view === v.id}
          aria-controls={v.panel}
          tabIndex={view === v.id ? 0 : -1}
          className="view-tab"
          onClick={() => onChange(v.id)}
          onKeyDown={(e) => onKeyDown(e, i)}
        >
          {v.label}
        </button>
      ))}
    </div>
  )
}
