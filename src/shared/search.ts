/** Search as the API and the CLI see it. */

import type { HighlightColor } from './highlights'
import type { BlockKind } from './model'

/** Which part of the notebook to search. */
export type SearchScope = 'all' | 'notes' | 'sources' | 'highlights' | 'references'

export interface SearchRequest {
  query: string
  /** Narrows like `in:notes` / `in:sources` in the query (the query's own filter wins). */
  scope?: SearchScope
  /** At most this many hits (default 20). */
  limit?: number
}

interface HitBase {
  title: string
  /** A short passage around the match. */
  snippet: string
  /** Matched words inside `snippet`, as [start, end) character offsets. */
  highlights: [number, number][]
  /** The whole matched block, or the matched passage of a note. */
  text: string
  score: number
}

export interface SourceHit extends HitBase {
  kind: 'source'
  sourceId: string
  blockId: string
  /** The ¶ number, or null for unnumbered blocks (headings, pull quotes). */
  paragraph: number | null
  blockKind: BlockKind
}

export interface NoteHit extends HitBase {
  kind: 'note'
  noteId: string
  /** Which passage (top-level block) of the note matched, to open the note there. */
  passage: number
}

/** Words marked in a source, found by their words, their comment or their colour. */
export interface HighlightHit extends HitBase {
  kind: 'highlight'
  sourceId: string
  highlightId: string
  color: HighlightColor
  /** The colour's meaning when the user named one ("Claim"), else the colour. */
  colorLabel: string
  comment: string
  /** Where the words are now; null for an orphan (its words are gone from the source). */
  blockId: string | null
  range: { start: number; end: number } | null
  paragraph: number | null
}

/** A work of the references list, found by its title, authors, year, journal, key or DOI (`ref:` or `in:references`). */
export interface ReferenceHit extends HitBase {
  kind: 'reference'
  referenceId: string
  /** The source holding its document, once attached. */
  sourceId: string | null
}

export type SearchHit = SourceHit | NoteHit | HighlightHit | ReferenceHit

/** The index's state, for the UI: usable, loading from disk, or being rebuilt (with progress 0–1). */
export interface SearchStatus {
  state: 'ready' | 'loading' | 'rebuilding'
  progress: number
  documents: number
  /** Why the index is being rebuilt, when it is. */
  reason?: string
}

export interface SearchResponse {
  hits: SearchHit[]
  status: SearchStatus
  /** Words of the query that match nothing (left out of the search), as typed: "s300". */
  unmatched?: string[]
}

const UNNUMBERED_LABEL: Partial<Record<BlockKind, string>> = {
  heading: 'Heading',
  pullquote: 'Pull quote',
  standfirst: 'Standfirst',
  authorNote: 'Author note',
  figure: 'Figure text'
}

/** Where a hit is, for people: "¶7 · <source title>", "Heading · <source title>" or the note's title. */
export function hitPlace(hit: SearchHit, untitled: string): string {
  if (hit.kind === 'note') return hit.title || untitled
  if (hit.kind === 'reference') return `Reference · ${hit.title}`
  if (hit.kind === 'highlight') return `${hit.colorLabel} · ${hit.paragraph !== null ? `¶${hit.paragraph} · ` : ''}${hit.title}`
  const where = hit.paragraph !== null ? `¶${hit.paragraph}` : (UNNUMBERED_LABEL[hit.blockKind] ?? '¶')
  return `${where} · ${hit.title}`
}

/** "Nothing matches “s300”." / "Nothing matches “s300” or “foo”." */
export function unmatchedMessage(words: string[]): string {
  const quoted = words.map((w) => `“${w}”`)
  return `Nothing matches ${quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}` : quoted[0]}.`
}
