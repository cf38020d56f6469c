/** The references list: works read in from BibTeX, RIS, CSL-JSON (or Zotero), with or without a document. */

/** A work as CSL-JSON (what citeproc, Pandoc and Zotero share): `type`, `title`, `author`, `issued`… */
export type CslData = Record<string, unknown> & { type?: string; title?: string }

/** What the list shows of a reference. */
export interface ReferenceSummary {
  id: string
  title: string
  /** "Jane Doe", as written. */
  authors: string[]
  year: number | null
  /** The kind of work as CSL names it (`article-journal`, `book`…). */
  type: string
  citationKey: string | null
  doi: string | null
  /** Where it appeared: a journal, a book. */
  container: string | null
  /** The source holding its document, once attached. */
  sourceId: string | null
  /** Its Zotero collections, by name (read from Zotero). */
  collections?: string[]
  /** Its attachments in Zotero (a PDF, a snapshot), by title: their files stay in Zotero. */
  attachments?: string[]
}

/** What reading the Zotero library did: the works added, and what came with them. */
export interface ZoteroImportResult extends ReferencesImportResult {
  /** Works read from Zotero. */
  read: number
  /** Distinct collections the works are in. */
  collections: number
  /** Attachments listed with them. */
  attachments: number
}

/** What reading a references file did. */
export interface ReferencesImportResult {
  fileName: string
  /** New works in the list. */
  added: number
  /** Works already in the list (same DOI, key, or title and year), left as they were. */
  unchanged: number
  /** How many references the list holds now. */
  total: number
}

/** A reference that may be the work a source is, and how sure the match is. */
export interface ReferenceMatch {
  reference: ReferenceSummary
  /** `sure`: the same DOI or citation key; `unsure`: the same title and year (the user confirms). */
  confidence: 'sure' | 'unsure'
}

/** The files the references list reads, by extension. */
export const REFERENCE_FORMATS = { '.bib': 'BibTeX / BibLaTeX', '.ris': 'RIS', '.json': 'CSL-JSON' } as const satisfies Record<string, string>

export function isReferencesFile(fileName: string): boolean {
  const dot = fileName.lastIndexOf('.')
  return dot > 0 && fileName.slice(dot).toLowerCase() in REFERENCE_FORMATS
}
