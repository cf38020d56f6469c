import { PDFDocument, StandardFonts } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { importPdf } from './pdf'

const sentence = (n: number): string => `Sentence ${n} of the paragraph tells the reader something about the alignment of two states.`

/** One page with a heading and a three-line paragraph drawn at known places, in a page box of `mediaBox` cropped to `cropBox`. */
async function placedPdf(crop?: { x: number; y: number; width: number; height: number }): Promise<Uint8Array> {
  const pdf = await PDFDocument.create()
  const font = await pdf.embedFont(StandardFonts.TimesRoman)
  const bold = await pdf.embedFont(StandardFonts.TimesRomanBold)
  for (let n = 1; n <= 2; n++) {
    const page = pdf.addPage([700, 900])
    if (crop) page.setCropBox(crop.x, crop.y, crop.width, crop.height)
    // a running head in the media box's margin, outside the crop box's: a book's printer's marks
    page.drawText(`${20 + n} RUNNING HEAD OF THE BOOK`, { x: 150, y: crop ? 780 : 860, size: 9, font })
    page.drawText(`Heading ${n}`, { x: 150, y: 700, size: 20, font: bold })
    for (let line = 0; line < 3; line++) page.drawText(sentence(n * 10 + line), { x: 150, y: 660 - line * 14, size: 11, font })
  }
  return pdf.save()
}

describe('a PDF block’s boxes on its page', () => {
  it('give each line of a block its page and its place from the top-left of the page', async () => {
    const { blocks } = await importPdf(await placedPdf(), 'placed.pdf')
    const paragraph = blocks.find((b) => b.kind === 'paragraph')!
    expect(paragraph.boxes).toHaveLength(3)
    paragraph.boxes!.forEach(([page, left, top, right, bottom], line) => {
      expect(page).toBe(1)
      expect(left).toBeCloseTo(150, 0)
      const baseline = 900 - (660 - line * 14)
      // the glyphs stand on the baseline: the box holds it, an em high or so
      expect(top).toBeLessThan(baseline)
      expect(bottom).toBeGreaterThan(baseline)
      expect(bottom - top).toBeGreaterThan(11 * 0.9)
      expect(bottom - top).toBeLessThan(11 * 1.3)
      expect(right).toBeGreaterThan(left + 300)
    })
    const heading = blocks.find((b) => b.kind === 'heading')!
    expect(heading.boxes).toEqual([[1, expect.closeTo(150, 0), expect.any(Number), expect.any(Number), expect.any(Number)]])
  })

  it('are measured from the crop box, whose margins hold the running heads', async () => {
    const crop = { x: 100, y: 100, width: 500, height: 700 }
    const { blocks } = await importPdf(await placedPdf(crop), 'cropped.pdf')
    // the running head sits in the top 12% of the crop box (not of the taller media box): dropped
    expect(blocks.map((b) => b.text)).toEqual(['Heading 1', [10, 11, 12].map(sentence).join(' '), 'Heading 2', [20, 21, 22].map(sentence).join(' ')])
    const [page, left, top] = blocks[1]!.boxes![0]!
    expect(page).toBe(1)
    expect(left).toBeCloseTo(150 - crop.x, 0)
    const baseline = crop.y + crop.height - 660
    expect(top).toBeLessThan(baseline)
    expect(top).toBeGreaterThan(baseline - 11)
  })
})
