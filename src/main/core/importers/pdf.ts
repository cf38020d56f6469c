import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { assignIdsAndNumbers } from '../../../shared/block-ids'
import { toIsoDate } from '../../../shared/dates'
import { PilcrowError } from '../../../shared/errors'
import type { SourceMeta } from '../../../shared/model'
import type { ImportedSource } from './draft-blocks'
import { layoutBlocks, type PageText, type PlacedText } from './pdf-layout'
import type { ImportProgress } from './progress'

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs')
let pdfjs: Promise<PdfJs> | undefined

/** pdf.js is large: loaded on the first PDF import, not at start. The legacy build runs on Node 20. */
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs')
  return pdfjs
}

/** The standard 14 fonts' data, which pdf.js needs to map their glyphs to text. */
function standardFontDataUrl(): string {
  const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'))
  return `${join(root, 'standard_fonts')}/`
}

/**
 * Imports a PDF's text layer through pdf.js (never evaluating code from the file): text items
 * are laid out into blocks that remember their page (see `pdf-layout.ts`); the document's
 * Title, Author and CreationDate become the metadata.
 */
export async function importPdf(bytes: Uint8Array, fileName: string, onProgress?: ImportProgress): Promise<ImportedSource> {
  const { getDocument, VerbosityLevel } = await loadPdfJs()
  const task = getDocument({
    // pdf.js takes ownership of (detaches) the buffer it is given, and wants a plain Uint8Array: pass a copy
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    standardFontDataUrl: standardFontDataUrl(),
    verbosity: VerbosityLevel.ERRORS
  })
  let document
  try {
    document = await task.promise
  } catch (error) {
    await task.destroy()
    throw pdfError(error, fileName)
  }
  try {
    const pages: PageText[] = []
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number)
      const content = await page.getTextContent()
      pages.push({ page: number, height: page.getViewport({ scale: 1 }).height, items: content.items.flatMap((item) => ('str' in item ? [placed(item)] : [])) })
      page.cleanup()
      onProgress?.({ done: number, total: document.numPages, unit: 'page' })
    }
    if (pages.every((p) => p.items.every((i) => i.text.trim() === ''))) {
      throw new PilcrowError('unsupported-format', `${fileName}: this PDF has no text layer; scanned PDFs need OCR first.`)
    }
    const blocks = assignIdsAndNumbers(layoutBlocks(pages))
    const info = ((await document.getMetadata().catch(() => null))?.info ?? {}) as Record<string, unknown>
    return { meta: pdfMeta(info, blocks[0]?.kind === 'heading' ? blocks[0].text : undefined, fileName), blocks }
  } catch (error) {
    throw error instanceof PilcrowError ? error : pdfError(error, fileName)
  } finally {
    await task.destroy()
  }
}

function placed(item: { str: string; transform: number[]; width: number; height: number }): PlacedText {
  const [a = 0, b = 0, c = 0, d = 0, x = 0, y = 0] = item.transform
  const fontSize = Math.hypot(c, d) || Math.hypot(a, b) || item.height
  return { text: item.str, x, y, width: item.width, fontSize }
}

function pdfError(error: unknown, fileName: string): PilcrowError {
  const name = (error as { name?: string } | null)?.name
  const detail = (error as Error | null)?.message ?? String(error)
  if (name === 'PasswordException') return new PilcrowError('unsupported-format', `${fileName}: this PDF is protected by a password; remove the protection and import it again.`)
  return new PilcrowError('unsupported-format', `${fileName}: this PDF could not be read (${detail}).`)
}

function pdfMeta(info: Record<string, unknown>, firstHeading: string | undefined, fileName: string): SourceMeta {
  const text = (key: string): string | undefined => {
    const value = info[key]
    return typeof value === 'string' && value.trim() !== '' ? value.replace(/\s+/g, ' ').trim() : undefined
  }
  const meta: SourceMeta = {
    title: text('Title') ?? firstHeading ?? fileName.replace(/\.[^.]+$/, ''),
    authors: (text('Author') ?? '')
      .split(/\s*(?:;|\band\b|&)\s*/)
      .map((a) => a.trim())
      .filter(Boolean),
    originalFile: fileName
  }
  const created = /^D:(\d{4})(\d{2})?(\d{2})?/.exec(text('CreationDate') ?? '')
  const date = created ? toIsoDate(`${created[1]}-${created[2] ?? '01'}-${created[3] ?? '01'}`) : undefined
  if (date) meta.date = date
  return meta
}

