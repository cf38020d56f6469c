import { assignIdsAndNumbers } from '../../../shared/block-ids'
import { PilcrowError } from '../../../shared/errors'
import type { Block, SourceMeta } from '../../../shared/model'
import type { ImportedSource } from './draft-blocks'
import { layoutBlocks } from './pdf-layout'
import { extractPdfText, PdfReadError } from './pdf-text'
import type { ImportProgress } from './progress'
import { checkTextLayer, pageRanges } from './text-layer'
import { collapsed, splitAuthors, titleFromFileName, findDoi } from './source-meta'

/**
 * Imports a PDF's text layer, read by pdf.js in a worker thread (never evaluating code from the
 * file): text items are laid out into blocks that remember their page (see `pdf-layout.ts`);
 * the document's Title, Author and CreationDate become the metadata.
 */
export async function importPdf(bytes: Uint8Array, fileName: string, onProgress?: ImportProgress): Promise<ImportedSource> {
  let text
  try {
    text = await extractPdfText(bytes, (done, total) => onProgress?.({ done, total, unit: 'page' }))
  } catch (error) {
    throw pdfError(error, fileName)
  }
  if (text.pages.every((p) => p.items.every((i) => i.text.trim() === ''))) {
    throw new PilcrowError('unsupported-format', `${fileName}: this PDF has no text layer; scanned PDFs need OCR first.`)
  }
  // a text layer of control characters (a font with no Unicode mapping) is never taken for words
  const layer = checkTextLayer(text.pages)
  const unreadable = `its fonts carry no mapping to letters (${layer.garbage.toLocaleString('en')} unreadable characters)`
  if (layer.pages.every((p) => p.items.every((i) => i.text.trim() === ''))) {
    throw new PilcrowError('unsupported-format', `${fileName}: the text of this PDF cannot be read: ${unreadable}. Run OCR on it (for example ocrmypdf --force-ocr) and import the result.`)
  }
  const blocks = assignIdsAndNumbers(layoutBlocks(layer.pages))
  const meta = pdfMeta(text.info, blocks[0]?.kind === 'heading' ? blocks[0].text : undefined, fileName)
  if (meta.authors.length === 0) meta.authors = authorsOnFirstPage(blocks)
  if (layer.unreadable.length > 0) meta.notice = `The text of ${layer.unreadable.length === 1 ? 'page' : 'pages'} ${pageRanges(layer.unreadable)} cannot be read: ${unreadable}. ${layer.unreadable.length === 1 ? 'It is' : 'They are'} left out; OCR would bring ${layer.unreadable.length === 1 ? 'it' : 'them'} back.`
  // a paper prints its DOI on its first page (header, footer or first lines)
  const doi = findDoi(text.pages[0]?.items.map((i) => i.text).join(' '))
  if (doi) meta.doi = doi
  return { meta, blocks }
}

function pdfError(error: unknown, fileName: string): PilcrowError {
  const name = error instanceof PdfReadError ? error.pdfjsName : ''
  const detail = (error as Error | null)?.message ?? String(error)
  if (name === 'PasswordException') return new PilcrowError('unsupported-format', `${fileName}: this PDF is protected by a password; remove the protection and import it again.`)
  return new PilcrowError('unsupported-format', `${fileName}: this PDF could not be read (${detail}).`)
}

/**
 * What a PDF says of itself. Its Title is taken unless it is a tool's placeholder ("Untitled",
 * "ARRAY(0x2c7cf020)", "Microsoft Word - draft.docx"); its creation date is not taken for the
 * publication date (it is when the file was made: a scan of a 1990 book says 2019).
 */
function pdfMeta(info: Record<string, unknown>, firstHeading: string | undefined, fileName: string): SourceMeta {
  const text = (key: string): string | undefined => collapsed(info[key])
  return {
    title: usableTitle(text('Title')) ?? firstHeading ?? titleFromFileName(fileName),
    authors: splitAuthors(text('Author')),
    originalFile: fileName
  }
}

/** A PDF's Title, unless it is a placeholder a tool wrote: the word "untitled", a Perl array's address, a file name. */
export function usableTitle(title: string | undefined): string | undefined {
  const cleaned = title?.replace(/^Microsoft (?:Word|PowerPoint) - /i, '').trim()
  if (!cleaned || /^(untitled|title|document|untitled document)\d*$/i.test(cleaned) || /^ARRAY\(0x[0-9a-f]+\)$/i.test(cleaned)) return undefined
  if (/\.(docx?|pdf|tex|dvi|ps|indd|odt|rtf|pages)$/i.test(cleaned)) return undefined
  return cleaned
}

/** A person's name as a title page sets it: two or three capitalised words ("G.K.M. Tobin", "Julius P. Kumquat"). */
const NAME = /^\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){1,2}$/u
/** Words that make a line an affiliation, not a name. */
const AFFILIATION = /\b(?:university|institute|department|group|laborator(?:y|ies)|inc|ltd|foundation|consortium|school|college|cent(?:er|re)|research|corporation|academy)\b/i
/** Marks after a name that point to affiliations and notes: ∗ † ‡ §, superscript digits, commas. */
const NAME_MARKS = /[∗*†‡§¶⁰¹²³⁴⁵⁶⁷⁸⁹]+/gu

/**
 * The authors a paper's first page names under its title, when the file's metadata names none:
 * the blocks between the title and the abstract (or the first long paragraph) that are nothing
 * but names, each with its affiliation marks; a block with an address, an e-mail, a number or an
 * institution is not. Headings of the same size as the names (author blocks set in columns) count.
 */
export function authorsOnFirstPage(blocks: readonly Block[]): string[] {
  const authors: string[] = []
  const start = blocks.findIndex((b) => b.kind === 'heading')
  for (const block of blocks.slice(start + 1, start + 30)) {
    if (block.page !== 1 || /^(?:abstract|keywords|introduction|\d+\.?\s)/i.test(block.text) || block.text.length > 200) break
    const parts = block.text
      .replace(NAME_MARKS, '')
      .split(/\s*(?:,|;|\band\b)\s*/)
      .map((part) => part.trim())
      .filter((part) => part !== '')
    if (parts.length > 0 && parts.every((part) => NAME.test(part) && !AFFILIATION.test(part))) authors.push(...parts)
  }
  return [...new Set(authors)].slice(0, 30)
}
