import { PilcrowError } from '../../../shared/errors'
import { formatBytes, IMPORT_FORMATS, IMPORT_SIZE_LIMIT_BYTES, importExtension, type ImportExtension } from '../../../shared/imports'
import { decodeText } from './decode-text'
import type { ImportedSource } from './draft-blocks'
import type { ImportProgress } from './progress'

export type { ImportedSource } from './draft-blocks'

type Importer = (bytes: Uint8Array, fileName: string, onProgress?: ImportProgress) => ImportedSource | Promise<ImportedSource>

/** An importer of decoded text, loaded with the first file of its kind. */
const textImporter =
  (load: () => Promise<(text: string, fileName: string) => ImportedSource>): Importer =>
  async (bytes, fileName) =>
    (await load())(decodeText(bytes, fileName), fileName)

// every importer loads with the first file of its kind, never at start: jsdom, Readability and
// pdf.js take seconds; marked and yaml tens of milliseconds of every `pilcrow serve`
const markdown = textImporter(async () => (await import('./markdown')).importMarkdown)
const plainText = textImporter(async () => (await import('./plain-text')).importPlainText)
const html = textImporter(async () => (await import('./html')).importHtml)

const IMPORTERS: Record<ImportExtension, Importer> = {
  '.md': markdown,
  '.markdown': markdown,
  '.txt': plainText,
  '.text': plainText,
  '.html': html,
  '.htm': html,
  '.xhtml': html,
  '.epub': async (bytes, fileName, onProgress) => (await import('./epub')).importEpub(bytes, fileName, onProgress),
  '.pdf': async (bytes, fileName, onProgress) => {
    if (!isPdf(bytes)) throw new PilcrowError('unsupported-format', `${fileName}: this file is not a PDF (it does not start with %PDF-).`)
    return (await import('./pdf')).importPdf(bytes, fileName, onProgress)
  }
}

/** Refuses, before reading, a file of a type Pilcrow does not import or one over the size limit. */
export function checkImportable(fileName: string, size: number): void {
  const ext = importExtension(fileName)
  if (!(ext in IMPORTERS)) {
    const known = [...new Set(Object.keys(IMPORT_FORMATS))].join(', ')
    throw new PilcrowError('unsupported-format', `${fileName}: Pilcrow cannot import ${ext ? `${ext} files` : 'files without an extension'} (it reads ${known}).`)
  }
  if (size > IMPORT_SIZE_LIMIT_BYTES) {
    throw new PilcrowError('unsupported-format', `${fileName}: the file is ${formatBytes(size)}, over the ${formatBytes(IMPORT_SIZE_LIMIT_BYTES)} limit for imports.`)
  }
  if (size === 0) throw new PilcrowError('unsupported-format', `${fileName}: the file is empty.`)
}

/** Turns a file's bytes into a normalised source (metadata + blocks), by its extension. */
export async function importSourceBytes(bytes: Uint8Array, fileName: string, onProgress?: ImportProgress): Promise<ImportedSource> {
  checkImportable(fileName, bytes.length)
  const importer = IMPORTERS[importExtension(fileName) as ImportExtension]
  const source = await importer(bytes, fileName, onProgress)
  if (source.blocks.length === 0) throw new PilcrowError('unsupported-format', `${fileName}: there is no text to import.`)
  return source
}

function isPdf(bytes: Uint8Array): boolean {
  // the header may follow a little junk; pdf.js and other readers look in the first 1 KB
  return new TextDecoder('latin1').decode(bytes.subarray(0, 1024)).includes('%PDF-')
}
