import { useEffect, useImperativeHandle, useMemo, useRef, useState, type KeyboardEvent, type ReactNode, type Ref } from 'react'
import { UNTITLED } from '../../../shared/notes'
import { shortcutLabel } from '../../../shared/commands'
import { hitPlace, unmatchedMessage, type SearchHit } from '../../../shared/search'
import { IS_MAC } from '../ui/platform'
import { Highlighted } from './Highlighted'
import { useSearch } from './useSearch'

/** What the app can do with the search box (the "Search" command focuses it). */
export interface SearchBoxHandle {
  focus(): void
}

interface SearchBoxProps {
  onOpenHit(hit: SearchHit): void
  /** Escape with nowhere to go back to: the app puts the focus somewhere useful (the source). */
  onLeave(): void
  handle: Ref<SearchBoxHandle>
}



/**
 * One search box for sources and notes. Ctrl/Cmd+K focuses it; results come while typing,
 * grouped by sources and notes; arrows move, Enter opens, Escape closes.
 */
export function SearchBox({ onOpenHit, onLeave, handle }: SearchBoxProps): ReactNode {
  const [query, setQuery] = useState('')
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(0)
  const input = useRef<HTMLInputElement>(null)
  /** Where the focus was before the search box took it: Escape goes back there, never to the page's body. */
  const returnTo = useRef<HTMLElement | null>(null)
  const { hits, unmatched, status, error, answered } = useSearch(query)
  /** Enter pressed before the answer to the query typed came: the first result opens when it comes. */
  const enterPending = useRef(false)

  // sources first, then notes, highlights and references: the order the list shows and the arrows follow
  const ordered = useMemo(() => (['source', 'note', 'highlight', 'reference'] as const).flatMap((kind) => hits.filter((h) => h.kind === kind)), [hits])
  useEffect(() => setActive(0), [hits])
  useEffect(() => {
    if (!enterPending.current || answered !== query) return
    enterPending.current = false
    choose(ordered[0])
  }, [answered, query, ordered])

  useImperativeHandle(handle, () => ({
    focus: () => {
      input.current?.focus()
      input.current?.select()
      setOpen(true)
    }
  }))

  const choose = (hit: SearchHit | undefined): void => {
    if (!hit) return
    setOpen(false)
    onOpenHit(hit)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      setOpen(true)
      const step = event.key === 'ArrowDown' ? 1 : -1
      setActive((a) => (ordered.length === 0 ? 0 : (a + step + ordered.length) % ordered.length))
    } else if (event.key === 'Enter') {
      event.preventDefault()
      if (answered === query || query.trim() === '') choose(ordered[active])
      else enterPending.current = true
    } else if (event.key === 'Escape') {
      // closes the results and goes back where the focus was (the query stays for next time)
      event.preventDefault()
      setOpen(false)
      const back = returnTo.current
      if (back?.isConnected) back.focus()
      else onLeave()
    }
  }

  const showPanel = open && query.trim() !== ''
  const loading = status && status.state !== 'ready'
  const renderGroup = (kind: SearchHit['kind'], label: string): ReactNode => {
    const group = ordered.map((hit, i) => ({ hit, i })).filter(({ hit }) => hit.kind === kind)
    if (group.length === 0) return null
    return (
      <div role="group" aria-label={label} className="search-group">
        <div className="search-group-label" aria-hidden="true">
          {label}
        </div>
        {group.map(({ hit, i }) => (
          <div
            key={hit.kind === 'source' ? `${hit.sourceId}/${hit.blockId}` : hit.kind === 'note' ? hit.noteId : hit.kind === 'reference' ? hit.referenceId : hit.highlightId}
            id={`search-hit-${i}`}
            role="option"
            aria-selected={i === active}
            className="search-hit"
            onMouseDown={(e) => e.preventDefault()}
            onMouseEnter={() => setActive(i)}
            onClick={() => choose(hit)}
          >
            <span className="search-hit-place">
              {hit.kind === 'highlight' && <span className={`highlight-mark search-hit-swatch swatch-${hit.color}`} aria-hidden="true" />}
              {hitPlace(hit, UNTITLED)}
            </span>
            <span className="search-hit-snippet">
              <Highlighted text={hit.snippet} ranges={hit.highlights} />
            </span>
          </div>
        ))}
      </div>
    )
  }

  return (
    <div className="search">
      <input
        ref={input}
        type="search"
        className="search-input"
        role="combobox"
        aria-label="Search"
        aria-expanded={showPanel}
        aria-controls="search-results"
        aria-autocomplete="list"
        aria-activedescendant={showPanel && ordered[active] ? `search-hit-${active}` : undefined}
        placeholder={`Search sources and notes  (${shortcutLabel('Mod+K', IS_MAC)})`}
        value={query}
        onChange={(e) => {
          enterPending.current = false
          setQuery(e.target.value)
          setOpen(true)
        }}
        onFocus={(e) => {
          setOpen(true)
          returnTo.current = e.relatedTarget instanceof HTMLElement ? e.relatedTarget : null
        }}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {showPanel && (
        // the listbox holds only the results; what is said about them stands beside it
        <div className="search-panel">
          {loading && (
            <p className="search-status" role="status">
              {status.state === 'rebuilding' ? 'Building the search index' : 'Loading the search index'}… {Math.round(status.progress * 100)}%
            </p>
          )}
          {error && (
            <p className="search-status search-error" role="alert">
              {error}
            </p>
          )}
          {unmatched.length > 0 && (
            <p className="search-status" role="status">
              {unmatchedMessage(unmatched)}
              {ordered.length > 0 ? ' Results for the other words:' : ''}
            </p>
          )}
          <div id="search-results" role="listbox" aria-label="Search results">
            {renderGroup('source', 'Sources')}
            {renderGroup('note', 'Notes')}
            {renderGroup('highlight', 'Highlights')}
            {renderGroup('reference', 'References')}
          </div>
          {!loading && !error && ordered.length === 0 && unmatched.length === 0 && <p className="search-status" role="status">No matches. Try fewer words, or part of a word.</p>}
          <p className="search-help">“phrase” · -exclude · in:notes · in:sources · in:highlights · color:blue · source:title</p>
        </div>
      )}
    </div>
  )
}
