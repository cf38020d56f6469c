import type { CitationStyle } from './markdown/serialize'

/** A file of a Markdown export, its path relative to the export folder ('/'-separated). */
export interface ExportFile {
  path: string
  content: string
}

export interface ExportRequest {
  /** The notes to export, or `all` for the whole notebook (notes in the trash stay out). */
  notes: string[] | 'all'
  style: CitationStyle
}

export interface ExportResult {
  files: ExportFile[]
  /** A name for the download: the note's title for one note, "Pilcrow notebook" otherwise. */
  name: string
}
