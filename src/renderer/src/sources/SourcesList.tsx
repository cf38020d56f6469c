import { useDeferredValue, useEffect, useRef, useState, type ReactNode } from 'react'
import { IMPORT_FORMATS } from '../../../shared/imports'
import type { SourceSummary } from '../../../shared/model'
import { ShowMore } from '../ui/ShowMore'

/**
 * How many sources the list shows at first, and how many more each "Show more" adds: a library of
 * 2,000 sources listed whole took a few hundred milliseconds to build and lay out, in one frame.
 * The filter box finds any of them.
 */
const SOURCES_PAGE = 100
const SOURCES_MORE = 300
/** Fewer sources than this need no filter box. */
const FILTER_FROM = 10

/** Case- and accent-insensitive text for the filter. */
const fold = (text: string): string => text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase()

/** Whether a source's title, authors, file name or tags hold every word of the filter. */
function matchesFilter(source: SourceSummary, words: string[]): boolean {
  if (words.length === 0) return true
  const haystack = fold([source.title, ...source.authors, source.originalFile ?? '', ...(source.tags ?? []).map((t) => `#${t}`)].join(' '))
  return words.every((word) => haystack.includes(word))
}

interface SourcesListProps {
  sources: SourceSummary[]
  openId: string | null
  onOpen(id: string): void
  onImport(files: File[]): void
  /** Imports one file as a new version of this source (the user says it is the same work). */
  onUpdate(id: string, file: File): void
  onEditDetails(id: string): void
  onDelete(id: string): void
  /** Receives the function that opens the file picker (the Import command uses it). */
  pickerRef?: { current: (() => void) | null }
  /** The tag the list is filtered by (it then shows only the sources with it). */
  tag?: string | null
  /** Opens the references list. */
  onReferences?(): void
}

const ACCEPT = Object.keys(IMPORT_FORMATS).join(',')

/** The sources in the sidebar: import, open one in the reader, edit its details, delete it. */
export function SourcesList({ sources, openId, onOpen, onImport, onUpdate, onEditDetails, onDelete, pickerRef, tag = null, onReferences }: SourcesListProps): ReactNode {
  const input = useRef<HTMLInputElement>(null)
  const updateInput = useRef<HTMLInputElement>(null)
  const [filter, setFilter] = useState('')
  const [limit, setLimit] = useState(SOURCES_PAGE)
  // the box answers each key at once; the list follows when the page has time
  const words = fold(useDeferredValue(filter)).split(/\s+/).filter(Boolean)
  const matching = words.length > 0 ? sources.filter((s) => matchesFilter(s, words)) : sources
  const shown = matching.slice(0, limit)
  // the open source is listed even beyond the rows shown
  const open = matching.findIndex((s) => s.id === openId)
  if (open >= shown.length) shown.push(matching[open]!)
  const hidden = matching.length - shown.length
  const updating = useRef<string | null>(null)
  useEffect(() => {
    if (!pickerRef) return
    pickerRef.current = () => input.current?.click()
    return () => {
      pickerRef.current = null
    }
  }, [pickerRef])
  return (
    <div className="sidebar-section sources-section">
      <div className="sidebar-heading-row">
        <h2 className="sidebar-heading" id="sources-heading">
          Sources
        </h2>
        <button
          type="button"
          className="link-button"
          onClick={() => input.current?.click()}
          aria-label="Import sources…"
          title="Import Markdown, text, web pages (.html) or PDFs — or drop files on the window"
        >
          Import…
        </button>

        <input
          ref={input}
          type="file"
          multiple
          accept={ACCEPT}
          hidden
          aria-label="Files to import"
          onChange={(e) => {
            const files = [...(e.target.files ?? [])]
            e.target.value = ''
            onImport(files)
          }}
        />
        <input
          ref={updateInput}
          type="file"
          accept={ACCEPT}
          hidden
          aria-label="File to update the source with"
          onChange={(e) => {
            const file = e.target.files?.[0]
            e.target.value = ''
            if (file && updating.current) onUpdate(updating.current, file)
          }}
        />
      </div>
      {sources.length === 0 && <p className="sidebar-empty">{tag ? `No sources tagged #${tag}.` : 'No sources. Import a file, or drop one on the window.'}</p>}
      {(sources.length >= FILTER_FROM || filter) && (
        <input
          type="search"
          className="search-input sources-filter"
          aria-label="Filter sources"
          placeholder={`Filter ${sources.length.toLocaleString('en')} sources…`}
          value={filter}
          onChange={(e) => {
            setFilter(e.target.value)
            setLimit(SOURCES_PAGE)
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && filter) {
              e.stopPropagation()
              setFilter('')
            }
          }}
        />
      )}
      {words.length > 0 && matching.length === 0 && <p className="sidebar-empty">No sources match “{filter}”.</p>}
      <ul className="source-list" aria-label="Sources">
        {shown.map((s) => (
          <li key={s.id} className="source-row">
            <button type="button" className="note-item source-item" aria-current={s.id === openId ? 'true' : undefined} onClick={() => onOpen(s.id)}>
              <span className="note-item-title">{s.title}</span>
              <span className="note-item-time">
                {s.authors.join(', ') || s.originalFile || ''}
                {s.tags?.length ? <span className="source-tags"> {s.tags.map((t) => `#${t}`).join(' ')}</span> : null}
              </span>
            </button>
            <span className="source-actions">
              <button
                type="button"
                className="icon-button"
                aria-label={`Update ${s.title} from a file…`}
                title="Update this source: import a newer version of the same work in its place"
                onClick={() => {
                  updating.current = s.id
                  updateInput.current?.click()
                }}
              >
                ⟳
              </button>
              <button type="button" className="icon-button" aria-label={`Edit details of ${s.title}`} title="Edit details" onClick={() => onEditDetails(s.id)}>
                ✎
              </button>
              <button type="button" className="icon-button" aria-label={`Delete ${s.title}`} title="Delete source" onClick={() => onDelete(s.id)}>
                ✕
              </button>
            </span>
          </li>
        ))}
      </ul>
      {hidden > 0 && <ShowMore more={Math.min(hidden, SOURCES_MORE)} hidden={hidden} noun="sources" onMore={() => setLimit(shown.length + SOURCES_MORE)} />}
      {onReferences && (
        <button type="button" className="link-button sources-references" onClick={onReferences} title="Your reference manager's works (BibTeX, RIS, CSL-JSON, Zotero), attached to their documents">
          References…
        </button>
      )}
    </div>
  )
}
