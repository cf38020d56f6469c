import { describe, expect, it } from 'vitest'
import { importPdf } from './pdf'
import { pageRanges } from './text-layer'
import { rawPdf } from './testing/raw-pdf'

/**
 * A PDF whose font maps its codes to glyph names nobody knows and carries no ToUnicode map, as
 * real PDFs with an unreadable text layer do: pdf.js can only give the codes, control characters.
 */
function pdfWithPages(texts: string[]): Uint8Array {
  const objects: string[] = []
  const add = (body: string): number => objects.push(body)
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding /Differences [1 /g1 /g2 /g3 /g4 /g5 /g6 /g7 /g8] >> >>')
  const pagesId = objects.length + 1 + texts.length * 2
  const kids: number[] = []
  for (const text of texts) {
    const stream = `BT /F1 12 Tf 72 400 Td (${text}) Tj ET`
    const content = add(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`)
    kids.push(add(`<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 612 792] /Contents ${content} 0 R /Resources << /Font << /F1 ${font} 0 R >> >> >>`))
  }
  add(`<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`)
  const catalog = add(`<< /Type /Catalog /Pages ${pagesId} 0 R >>`)
  return rawPdf(objects, catalog)
}

const GARBLED = '\\001\\002\\003\\004\\005\\006\\007\\010'.repeat(25)
const READABLE = 'Russia and Iran share a view of the international order that favours sovereignty over intervention.'
const LATER = 'The partnership has outlasted delays in deliveries and diverging interests in the region.'

describe('a PDF whose text layer cannot be read', () => {
  it('leaves out the pages whose text is control characters, says which, and indexes none of it', async () => {
    const source = await importPdf(pdfWithPages([READABLE, GARBLED, GARBLED, LATER]), 'mixed.pdf')
    expect(source.blocks.map((b) => b.text)).toEqual([READABLE, LATER])
    expect(source.blocks.every((b) => !/[\u0000-\u0008]/.test(b.text))).toBe(true)
    expect(source.meta.notice).toBe('The text of pages 2–3 cannot be read: its fonts carry no mapping to letters (400 unreadable characters). They are left out; OCR would bring them back.')
  })

  it('refuses one that has no readable text at all, saying what to do', async () => {
    await expect(importPdf(pdfWithPages([GARBLED, GARBLED]), 'garbled.pdf')).rejects.toThrow(
      /^garbled\.pdf: the text of this PDF cannot be read: its fonts carry no mapping to letters \(400 unreadable characters\)\. Run OCR on it/
    )
  })

  it('names pages as people do', () => {
    expect(pageRanges([2])).toBe('2')
    expect(pageRanges([2, 3, 4, 7, 9, 10, 11])).toBe('2–4, 7 and 9–11')
  })
})
