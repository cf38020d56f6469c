import type { ReferenceType } from './reference-types'
/** The normalised document model shared by the core, both shells and the renderer. */

/** An inline style carried by a run of text. */
export type Mark = 'bold' | 'italic' | 'code'

/** A run of text with the same marks (and, optionally, the same link target). */
export interface InlineRun {
  text: string
  marks?: Mark[]
  /** Link target; only http, https and mailto survive import. */
  href?: string
}

/**
 * What a block is. `pullquote` repeats words of the body for layout and is never numbered;
 * `authorNote` and `standfirst` belong to the article's front matter, not its body; `figure` is
 * text set inside a PDF's figure, table or display equation (axis labels, cells, symbols): kept
 * for search and the page, never numbered, so it does not shift the ¶ numbers after it.
 */
export type BlockKind =
  | 'heading'
  | 'paragraph'
  | 'quote'
  | 'pullquote'
  | 'listItem'
  | 'authorNote'
  | 'standfirst'
  | 'figure'

/** One block of a source: the unit a citation points at. */
export interface Block {
  /** Stable id derived from the block's content (see `block-ids.ts`). */
  id: string
  kind: BlockKind
  /** Heading level (1–6) for headings; list nesting depth (0-based) for list items. */
  level?: number
  /** The ordinal ¶ number among numbered blocks, or null for unnumbered ones. */
  paragraph: number | null
  /** Plain text of the block (the runs' text joined). */
  text: string
  /** The text with its marks and links; absent when the block is its text unmarked (see `blockRuns`). */
  runs?: InlineRun[]
  /** The page it starts on, for sources with pages (PDFs): citations say "p. 4, ¶12". */
  page?: number
  /** The chapter it is in, for books (EPUB), counted from 1 in reading order: chips say "ch. 3, ¶45". */
  chapter?: number
  /** Where its lines are printed, for sources with pages (PDFs): one box per line (see `PageBox`). */
  boxes?: PageBox[]
}

/**
 * A line of a block on its PDF page: `[page, left, top, right, bottom]`, the page 1-based, the
 * rest in PDF points from the top-left corner of the page as shown (its crop box).
 */
export type PageBox = [page: number, left: number, top: number, right: number, bottom: number]

/** The file a source was imported from, its bytes as base64 (the contract carries JSON). */
export interface SourceFile {
  fileName: string
  base64: string
}

/** Bibliographic facts about a source, used by the reader header and by citations. */
export interface SourceMeta {
  title: string
  authors: string[]
  /** Publication date as an ISO 8601 date (YYYY-MM-DD), when known. */
  date?: string
  /** Who published it (e.g. "LSE"). */
  publisher?: string
  /** The periodical or site it appeared in (e.g. "Research for the World"). */
  container?: string
  url?: string
  /** Key for Pandoc-style citations, e.g. "tazmini2021". */
  citationKey?: string
  /** What kind of work it is (a journal article, a web page, a book…), as CSL names it; guessed from the file when not set. */
  type?: ReferenceType
  /** Its DOI, e.g. "10.1000/xyz123" (without https://doi.org/). */
  doi?: string
  /** The pages it spans in its journal or book, e.g. "117–134". */
  pages?: string
  /** Name of the file it was imported from. */
  originalFile?: string
  /** What the import could not take, shown above the source ("The text of pages 2–23 cannot be read: …"). */
  notice?: string
  /** The user's tags for the source (lower-case, without `#`, see tags.ts). */
  tags?: string[]
  /** Fields the user edited; they keep the user's values when the file is imported again. */
  edited?: string[]
  /**
   * What the file itself said of the work, kept once the user edits the title, authors or
   * address: a re-import of the same work is recognised by these, not by the user's corrections.
   */
  imported?: WorkIdentity
}

/** The facts that say which work a source is (see `core/source-identity.ts`). */
export interface WorkIdentity {
  title: string
  authors: string[]
  url?: string
}

/** The citation details a user can edit; an empty string clears a field. */
export type SourceMetaPatch = Partial<Pick<SourceMeta, 'title' | 'authors' | 'date' | 'publisher' | 'container' | 'url' | 'citationKey' | 'tags' | 'doi' | 'pages'>> & {
  /** A kind of work; an empty string goes back to the kind guessed from the file. */
  type?: ReferenceType | ''
}

/** A normalised source: metadata plus blocks in reading order. */
export interface Source {
  id: string
  meta: SourceMeta
  blocks: Block[]
}

/** What the sources list needs without loading every block. */
export interface SourceSummary {
  id: string
  title: string
  authors: string[]
  blockCount: number
  /** Name of the file it was imported from (importing it again updates this source). */
  originalFile?: string
  /** Its tags, when it has some. */
  tags?: string[]
}

/** Facts about the open workspace. */
export interface WorkspaceInfo {
  /** Absolute path of the workspace folder. */
  path: string
  formatVersion: number
  sourceCount: number
  /** Things the user should know about (a settings file set aside, damaged files). */
  warnings: string[]
}
