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
  /** The CSL style (a shipped style's id) for the `csl` style and the Pandoc export's `csl:`; the one chosen in Settings when absent. */
  csl?: string
}

/**
 * A notebook export's highlights alone: a Markdown file per highlighted source, and the sources
 * its links land on (what `pilcrow export --highlights` and the dialog's "Highlights only" write).
 */
export function highlightsOnly(files: readonly ExportFile[]): { files: ExportFile[]; sources: number } {
  const highlighted = new Set(files.flatMap((f) => /^highlights\/(.+)\.md$/.exec(f.path)?.[1] ?? []))
  return { files: files.filter((f) => f.path.startsWith('highlights/') || highlighted.has(/^sources\/(.+)\.md$/.exec(f.path)?.[1] ?? '')), sources: highlighted.size }
}

/** A Word export: the notes (or the notebook) with citations and a bibliography in a CSL style. */
export interface DocxRequest {
  notes: string[] | 'all'
  /** The CSL style (a shipped style's id); the one chosen in Settings when absent. */
  csl?: string
}

export interface DocxResult {
  /** A file name: the note's title for one note, "Pilcrow notes" otherwise, with `.docx`. */
  name: string
  base64: string
}

export interface ExportResult {
  files: ExportFile[]
  /** A name for the download: the note's title for one note, "Pilcrow notebook" otherwise. */
  name: string
}
