import type { ParagraphAnchor } from './anchors'

/** The Lexical node type of a paragraph link, as stored in note files. */
export const PARAGRAPH_LINK_TYPE = 'paragraph-link'

/** A paragraph link as stored inside a note's editor state. */
export interface SerializedParagraphLink {
  type: typeof PARAGRAPH_LINK_TYPE
  version: 1
  anchor: ParagraphAnchor
  /** The source's title when the link was made; shown when the source is gone. */
  sourceTitle: string
}

/** One note citing one block, with the sentence around the citation. */
export interface Backlink {
  noteId: string
  noteTitle: string
  /** The sentence of the note around the citation, with chips shown as ¶N. */
  context: string
  /** Which citation of the note this is (0-based, in reading order), to scroll to it. */
  occurrence: number
  anchor: ParagraphAnchor
}

/** Which notes cite which blocks of one source, resolved against the source as it is now. */
export interface SourceBacklinks {
  sourceId: string
  /** Backlinks by the block they resolve to. */
  byBlock: Record<string, Backlink[]>
  /** Links to this source that resolve to no block; they keep their saved quote. */
  orphans: Backlink[]
}

/** The chip's short source title: "Russia and Iran – a strategic…". */
export function shortTitle(title: string, max = 30): string {
  if (title.length <= max) return title
  const cut = title.slice(0, max)
  const space = cut.lastIndexOf(' ')
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:–-]+$/, '')}…`
}

/** "¶6", "p. 4, ¶12" for a block of a source with pages (a PDF), "ch. 3, ¶45" in a book's chapter (an EPUB); "¶" when unnumbered. */
export function paragraphLabel(paragraph: number | null, page?: number, chapter?: number): string {
  const number = paragraph === null ? '¶' : `¶${paragraph}`
  if (page !== undefined) return `p. ${page}, ${number}`
  return chapter === undefined ? number : `ch. ${chapter}, ${number}`
}

/** The plain text a link stands for in search and in plain-text copies: "¶6 · Russia and Iran – a strategic…". */
export function linkLabel(paragraph: number | null, sourceTitle: string): string {
  return `${paragraph === null ? '¶' : `¶${paragraph}`} · ${shortTitle(sourceTitle)}`
}
