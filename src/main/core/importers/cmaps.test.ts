import { describe, expect, it } from 'vitest'
import { extractPdfText } from './pdf-text'
import { rawPdf } from './testing/raw-pdf'

/**
 * A Japanese page as many real PDFs set it: a CID font that is not embedded, its codes read
 * through Adobe's predefined CMap UniJIS-UCS2-H (one of the CMaps pdf.js ships in
 * pdfjs-dist/cmaps). Without those CMaps, pdf.js gives none of its text.
 */
function japanesePdf(text: string): Uint8Array {
  const hex = [...text].map((c) => c.codePointAt(0)!.toString(16).padStart(4, '0')).join('')
  const stream = `BT /F1 12 Tf 72 400 Td <${hex}> Tj ET`
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type0 /BaseFont /KozMinPr6N-Regular /Encoding /UniJIS-UCS2-H /DescendantFonts [6 0 R] >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /KozMinPr6N-Regular /CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 6 >> /FontDescriptor 7 0 R /DW 1000 >>',
    '<< /Type /FontDescriptor /FontName /KozMinPr6N-Regular /Flags 4 /FontBBox [0 -120 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 740 /StemV 80 >>'
  ]
  return rawPdf(objects, 1)
}

describe('CID fonts (Japanese, Chinese, Korean)', () => {
  it('keep their text: pdf.js reads their codes through the CMaps it ships', async () => {
    const { pages } = await extractPdfText(japanesePdf('日本語の文章です'))
    expect(pages[0]!.items.map((i) => i.text).join('')).toBe('日本語の文章です')
  })
})
