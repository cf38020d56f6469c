import { PDFDocument, rgb, StandardFonts } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { importPdf } from './pdf'
import { makeBookPdf, type BookChapter } from './testing/book-pdf'

const words = 'the researcher reads sources carefully and writes notes about international cooperation between governments whose strategic interests sometimes converge while their ideological commitments remain fundamentally different'.split(' ')

/** Deterministic prose: paragraph `n` of `length` words, ending with a full stop. */
function paragraph(n: number, length: number): string {
  const out: string[] = []
  for (let i = 0; i < length; i++) out.push(words[(n * 7 + i * 3) % words.length]!)
  out[0] = out[0]!.charAt(0).toUpperCase() + out[0]!.slice(1)
  return `${out.join(' ')} (paragraph ${n}).`
}

const chapters: BookChapter[] = [
  { heading: 'Introduction', paragraphs: [paragraph(1, 40), paragraph(2, 90), paragraph(3, 25)] },
  { heading: 'Chapter One: Alignment', paragraphs: [paragraph(4, 120), paragraph(5, 160), paragraph(6, 60), paragraph(7, 200), paragraph(8, 30)] },
  { heading: 'Chapter Two: Divergence', paragraphs: [paragraph(9, 300), paragraph(10, 45)] }
]

describe('PDF import through pdf.js', () => {
  it('rebuilds headings and paragraphs, joins hyphenation, drops running headers and page numbers, keeps pages', async () => {
    const bytes = await makeBookPdf({ title: 'A Generated Book', author: 'Ada Tester; Bo Writer', chapters, hyphenate: true, runningHeader: 'A GENERATED BOOK - RUNNING HEADER' })
    const steps: number[] = []
    const { meta, blocks } = await importPdf(bytes, 'book.pdf', (step) => steps.push(step.done))
    expect(meta).toMatchObject({ title: 'A Generated Book', authors: ['Ada Tester', 'Bo Writer'], originalFile: 'book.pdf' })
    // the file's creation date is when the file was made, not when the work was published
    expect(meta.date).toBeUndefined()
    const expected = chapters.flatMap((c) => [`# ${c.heading}`, ...c.paragraphs])
    expect(blocks.map((b) => (b.kind === 'heading' ? `# ${b.text}` : b.text))).toEqual(expected)
    expect(blocks.filter((b) => b.kind === 'paragraph').map((b) => b.paragraph)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    expect(blocks[0]!.page).toBe(1)
    expect(blocks.at(-1)!.page).toBeGreaterThan(2)
    expect(steps).toEqual(Array.from({ length: steps.length }, (_, i) => i + 1))
    // a paragraph that runs on to the next page is one block, on the page it starts
    const pages = blocks.map((b) => b.page!)
    expect([...pages].sort((a, b) => a - b)).toEqual(pages)
  })

  it('a generated 300-page book comes back paragraph for paragraph, each on its page', { timeout: 60_000 }, async () => {
    const book = Array.from({ length: 25 }, (_, c) => ({ heading: `Chapter ${c + 1}`, paragraphs: Array.from({ length: 70 }, (_, i) => paragraph(c * 100 + i, 60 + ((c * 7 + i * 13) % 90))) }))
    const bytes = await makeBookPdf({ title: 'Three Hundred Pages', author: 'Ada Tester', chapters: book, hyphenate: true, runningHeader: 'THREE HUNDRED PAGES' })
    let pages = 0
    const { blocks } = await importPdf(bytes, 'long.pdf', (step) => (pages = step.total))
    expect(pages).toBeGreaterThanOrEqual(300)
    expect(blocks.map((b) => (b.kind === 'heading' ? `# ${b.text}` : b.text))).toEqual(book.flatMap((c) => [`# ${c.heading}`, ...c.paragraphs]))
    expect(blocks.at(-1)!.page).toBe(pages)
  })

  it('reads a two-column page column by column; a paragraph runs on from one column to the next', async () => {
    const bytes = await makeBookPdf({ title: 'Two Columns', author: 'Ada Tester', chapters, columns: 2, hyphenate: true, runningHeader: 'TWO COLUMNS' })
    const { blocks } = await importPdf(bytes, 'journal.pdf')
    expect(blocks.map((b) => (b.kind === 'heading' ? `# ${b.text}` : b.text))).toEqual(chapters.flatMap((c) => [`# ${c.heading}`, ...c.paragraphs]))
  })

  it('keeps body lines that repeat on every page with other numbers (only margins hold running headers)', async () => {
    const pdf = await PDFDocument.create()
    const font = await pdf.embedFont(StandardFonts.TimesRoman)
    for (let n = 1; n <= 3; n++) pdf.addPage().drawText(`Finding number ${n} is written on page ${n} of the report.`, { x: 72, y: 700 - n * 20, size: 12, font })
    const { blocks } = await importPdf(await pdf.save(), 'report.pdf')
    expect(blocks.map((b) => [b.page, b.text])).toEqual([1, 2, 3].map((n) => [n, `Finding number ${n} is written on page ${n} of the report.`]))
  })

  it('says a PDF without a text layer needs OCR', async () => {
    const pdf = await PDFDocument.create()
    pdf.addPage().drawRectangle({ x: 50, y: 50, width: 200, height: 300, color: rgb(0.5, 0.5, 0.5) })
    await expect(importPdf(await pdf.save(), 'scan.pdf')).rejects.toThrow('scan.pdf: this PDF has no text layer; scanned PDFs need OCR first.')
  })

  it('refuses a PDF that fails to parse, naming the file', async () => {
    const bytes = await makeBookPdf({ title: 'T', author: 'A', chapters: chapters.slice(0, 1) })
    const broken = new Uint8Array([...new TextEncoder().encode('%PDF-1.7\n'), ...bytes.subarray(400, 900)])
    await expect(importPdf(broken, 'broken.pdf')).rejects.toThrow(/^broken\.pdf: this PDF could not be read \(/)
  })
})

describe('a PDF’s own title', () => {
  it('is taken unless a tool wrote a placeholder', async () => {
    const { usableTitle } = await import('./pdf')
    expect(usableTitle('Russia and Iran')).toBe('Russia and Iran')
    expect(usableTitle('Microsoft Word - Alignment paper')).toBe('Alignment paper')
    for (const junk of ['Untitled', 'untitled1', 'ARRAY(0x2c7cf020)', 'thesis-final.docx', 'main.tex', '']) expect(usableTitle(junk)).toBeUndefined()
  })
})
