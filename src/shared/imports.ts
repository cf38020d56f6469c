/** What can be imported as a source, and what an import reports. Shared by the core and the UI. */

/** File types Pilcrow imports, by extension, with the name the UI shows. */
export const IMPORT_FORMATS = {
  '.md': 'Markdown',
  '.markdown': 'Markdown',
  '.txt': 'plain text',
  '.text': 'plain text',
  '.html': 'web page',
  '.htm': 'web page',
  '.xhtml': 'web page',
  '.pdf': 'PDF',
  '.epub': 'EPUB book'
} as const satisfies Record<string, string>

export type ImportExtension = keyof typeof IMPORT_FORMATS

/** Files larger than this are refused before they are read (a 300-page PDF is about 1 MB). */
export const IMPORT_SIZE_LIMIT_BYTES = 40 * 1024 * 1024

export function importExtension(fileName: string): string {
  const dot = fileName.lastIndexOf('.')
  return dot > 0 ? fileName.slice(dot).toLowerCase() : ''
}

export function isImportable(fileName: string): boolean {
  return importExtension(fileName) in IMPORT_FORMATS
}

/** "40 MB" */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`
  return `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`
}

/** One file sent by the UI: its name and its bytes, base64-encoded. */
export interface ImportFileRequest {
  fileName: string
  base64: string
  /** Update this source with the file, whatever it is (the user chose “Update this source”). */
  updateSourceId?: string
}

/** How the links to a re-imported source came out. */
export interface RelinkReport {
  /** Still on the same paragraph, word for word. */
  stayed: number
  /** Found again elsewhere, or with the cited words changed. */
  moved: number
  /** Found nowhere: they keep their saved quote. */
  orphaned: number
}

/** "Updated “Title” (12 blocks). Links: 2 stayed… The previous version is kept in …" — what an import did, in words. */
export function describeImport(o: Extract<ImportOutcome, { ok: true }>): string {
  const blocks = `${o.blockCount} ${o.blockCount === 1 ? 'block' : 'blocks'}`
  if (o.status === 'added') return `Imported “${o.title}” (${blocks}).`
  const links = (o.relinked ? relinkSummary(o.relinked) : '') + (o.highlightsRelinked ? relinkSummary(o.highlightsRelinked, 'Highlights') : '')
  if (o.status === 'unchanged') return `“${o.title}” is unchanged.${links}`
  return `Updated “${o.title}” (${blocks}).${links}${o.previousKept ? ` The previous version is kept in ${o.previousKept}.` : ''}`
}

/** " Links: 2 stayed, 1 moved, 0 orphaned." — empty when no note cites the source. */
export function relinkSummary(r: RelinkReport, what = 'Links'): string {
  return r.stayed + r.moved + r.orphaned === 0 ? '' : ` ${what}: ${r.stayed} stayed, ${r.moved} moved, ${r.orphaned} orphaned.`
}

export type ImportOutcome =
  | {
      fileName: string
      ok: true
      /** `added` (a new source), `updated` (the same work imported again), `unchanged` (the same content). */
      status: 'added' | 'updated' | 'unchanged'
      sourceId: string
      title: string
      blockCount: number
      relinked?: RelinkReport
      /** For an update of a source with highlights: how they came out (the same counts as links). */
      highlightsRelinked?: RelinkReport
      /** For an update: where the previous version was kept, relative to the workspace (`.pilcrow/deleted-sources/…`). */
      previousKept?: string
    }
  | { fileName: string; ok: false; error: string }

/** What the UI polls while an import runs. */
export interface ImportStatus {
  running: boolean
  /** The file being imported, e.g. "book.pdf". */
  fileName?: string
  /** Which of the files this is (1-based) and how many were sent. */
  fileIndex?: number
  fileCount?: number
  /** Progress inside the file, e.g. page 120 of 300. */
  done?: number
  total?: number
  unit?: 'page' | 'file' | 'item' | 'chapter'
}
