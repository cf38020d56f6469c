import type { ReactNode } from 'react'

interface ShowMoreProps {
  /** How many more rows the button adds, and how many are not listed now. */
  more: number
  hidden: number
  /** What the rows are, plural: "notes", "sources". */
  noun: string
  onMore(): void
}

/** The button under a long list that lists more of it: "Show 500 more notes (2,400 not listed)". */
export function ShowMore({ more, hidden, noun, onMore }: ShowMoreProps): ReactNode {
  return (
    <button type="button" className="link-button show-more-notes" onClick={onMore}>
      Show {more.toLocaleString('en')} more {noun} <span className="show-more-count">({hidden.toLocaleString('en')} not listed)</span>
    </button>
  )
}
