import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react'
import type { Source } from '../../../shared/model'
import { revealInWindow } from '../ui/block-window'
import { findMatches, matchRange, paintMatches } from './find-matches'

interface FindBarProps {
  source: Source
  article: RefObject<HTMLElement | null>
  /** Blocks rendered so far (a long source renders progressively): marks follow them. */
  rendered: number
  /** Closed: with the block of the match it was on (which then takes the focus), or null. */
  onClose(atBlock: string | null): void
}

/**
 * Find in this source (Ctrl+F): the words anywhere in the source, counted, marked in the text,
 * Enter and Shift+Enter for the next and previous. It searches the source's blocks, not the
 * page, so the paragraphs a long source's window leaves out are found too.
 */
export function FindBar({ source, article, rendered, onClose }: FindBarProps): ReactNode {
  const [query, setQuery] = useState('')
  const [current, setCurrent] = useState(0)
  const input = useRef<HTMLInputElement>(null)
  /** Whether a match was gone to: closing then leaves the focus on its paragraph, as a browser's find leaves the found words. */
  const visited = useRef(false)
  const matches = useMemo(() => findMatches(source, query), [source, query])
  const at = matches.length === 0 ? -1 : Math.min(current, matches.length - 1)

  // as the words are typed the view goes to the first match, as a browser's find does
  useEffect(() => {
    setCurrent(0)
    visited.current = false
    const first = matches[0]
    const block = first && article.current?.querySelector<HTMLElement>(`[data-block-id="${CSS.escape(first.blockId)}"]`)
    if (block && !revealInWindow(block)) block.scrollIntoView({ block: 'center' })
    // only when the words change, not when more blocks render
  }, [query])

  // mark every match on the page, and the current one apart
  useEffect(() => {
    const root = article.current
    if (!root) return
    const ranges = matches.flatMap((m) => matchRange(root, m) ?? [])
    paintMatches(ranges, at >= 0 ? matchRange(root, matches[at]!) : null)
  }, [article, matches, at, rendered])
  useEffect(() => () => paintMatches([], null), [])

  /** Brings match `index` into view (showing its block if a long source's window hid it). */
  const go = (index: number): void => {
    if (matches.length === 0) return
    visited.current = true
    const next = (index + matches.length) % matches.length
    setCurrent(next)
    const block = article.current?.querySelector<HTMLElement>(`[data-block-id="${CSS.escape(matches[next]!.blockId)}"]`)
    if (block && !revealInWindow(block)) block.scrollIntoView({ block: 'center' })
  }

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Enter') {
      event.preventDefault()
      go(at + (event.shiftKey ? -1 : 1))
    } else if (event.key === 'Escape') {
      event.preventDefault()
      onClose(at >= 0 && visited.current ? matches[at]!.blockId : null)
    }
  }

  const count = query.trim() === '' ? '' : matches.length === 0 ? 'No matches' : `${at + 1} of ${matches.length}`
  return (
    <div className="find-bar" role="search" aria-label="Find in this source">
      <input
        ref={input}
        autoFocus
        type="search"
        className="find-input"
        aria-label="Find in this source"
        placeholder="Find in this source"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <span className="find-count" role="status">
        {count}
      </span>
      <button type="button" className="bar-button" aria-label="Previous match" title="Previous match (Shift+Enter)" disabled={matches.length === 0} onClick={() => go(at - 1)}>
        ↑
      </button>
      <button type="button" className="bar-button" aria-label="Next match" title="Next match (Enter)" disabled={matches.length === 0} onClick={() => go(at + 1)}>
        ↓
      </button>
      <button type="button" className="bar-button" aria-label="Close find" title="Close (Escape)" onClick={() => onClose(null)}>
        ✕
      </button>
    </div>
  )
}
