import { PDFDocument, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { importPdf } from './pdf'
import { makeBookPdf, type BookChapter } from './testing/book-pdf'

// The reflow's rules, each on a generated PDF: columns found from empty space, small raised
// text, footnotes, list items, titles in two lines.

const words = 'states align their interests when the cost of standing alone grows while their ideas about order remain far apart and neither trusts the other'.split(' ')
/** Paragraph `n` of `length` words, drawn at random from a seed (prose does not repeat itself line for line, as running heads do). */
const sentence = (n: number, length: number): string => {
  let seed = n * 7919 + 17
  const next = (): number => (seed = (seed * 48271) % 2147483647)
  const out = Array.from({ length }, () => words[next() % words.length]!)
  return `${out[0]!.charAt(0).toUpperCase()}${out.join(' ').slice(1)} (paragraph ${n}).`
}
const chapters: BookChapter[] = [1, 2, 3].map((c) => ({ heading: `Part ${c}`, paragraphs: Array.from({ length: 12 }, (_, i) => sentence(c * 20 + i, 40 + ((c * 7 + i * 11) % 60))) }))
const asRead = (blocks: { kind: string; text: string }[]) => blocks.map((b) => (b.kind === 'heading' ? `# ${b.text}` : b.text))
const typeset = chapters.flatMap((c) => [`# ${c.heading}`, ...c.paragraphs])

describe('columns, found from the empty space between them', () => {
  it('two columns 10 pt apart (LaTeX’s gutter) are read one after the other, never line by line across', async () => {
    const { blocks } = await importPdf(await makeBookPdf({ title: 'Narrow gutter', author: 'A', chapters, columns: 2, gutter: 10 }), 'narrow.pdf')
    expect(asRead(blocks)).toEqual(typeset)
  })

  it('three columns are read left to right', async () => {
    const { blocks } = await importPdf(await makeBookPdf({ title: 'Three columns', author: 'A', chapters, columns: 3, gutter: 12 }), 'report.pdf')
    expect(asRead(blocks)).toEqual(typeset)
  })
})

/** Draws lines of body text from `top` down, 14 pt apart; returns the next baseline. */
function drawLines(page: PDFPage, font: PDFFont, lines: string[], x: number, top: number, size = 11): number {
  lines.forEach((line, i) => page.drawText(line, { x, y: top - i * 14, size, font }))
  return top - lines.length * 14
}

describe('small raised text, footnotes, lists, titles', () => {
  it('a footnote mark joins its word, as a superscript; the footnote at the foot of the page does not cut the paragraph running on to the next', async () => {
    const pdf = await PDFDocument.create()
    const font = await pdf.embedFont(StandardFonts.TimesRoman)
    const one = pdf.addPage([612, 792])
    drawLines(one, font, ['Opening lines of a long paragraph that the reader follows', 'across the page and down to its foot, where it does not'], 72, 700)
    const lines = Array.from({ length: 30 }, (_, i) => `line ${i + 1} of the same paragraph goes on and on as prose does here`)
    drawLines(one, font, lines, 72, 672)
    // a mark after "prose" on the last body line, raised a third of an em in smaller type
    const last = lines[29]!
    one.drawText('1', { x: 72 + font.widthOfTextAtSize(last, 11), y: 672 - 29 * 14 + 4, size: 7, font })
    one.drawText('1', { x: 72, y: 93, size: 6, font })
    one.drawText('A note at the foot of the page, in smaller type.', { x: 77, y: 90, size: 8, font })
    const two = pdf.addPage([612, 792])
    drawLines(two, font, ['end, but goes on at the head of the next page and stops here.'], 72, 700)
    drawLines(two, font, ['A second paragraph starts on the second page and ends.'], 90, 672)
    const { blocks } = await importPdf(await pdf.save(), 'notes.pdf')
    const texts = blocks.map((b) => b.text)
    expect(texts[0]).toMatch(/^Opening lines .* as prose does here¹ end, but goes on at the head of the next page and stops here\.$/)
    expect(texts).toContain('¹ A note at the foot of the page, in smaller type.')
    expect(texts).toContain('A second paragraph starts on the second page and ends.')
    expect(texts.filter((t) => t === '1' || t === '¹')).toEqual([])
  })

  it('bullets and numbers start list items; their hanging lines go on; the paragraph after the list stands apart', async () => {
    const pdf = await PDFDocument.create()
    const font = await pdf.embedFont(StandardFonts.TimesRoman)
    const page = pdf.addPage([612, 792])
    let y = drawLines(page, font, ['The parties agreed on three things, listed here in the order', 'the treaty gives them:'], 72, 700)
    page.drawText('•', { x: 80, y, size: 11, font })
    y = drawLines(page, font, ['trade in grain and oil at prices fixed every year by a joint', 'commission of both governments;'], 92, y)
    page.drawText('•', { x: 80, y, size: 11, font })
    y = drawLines(page, font, ['no alliance against the other;'], 92, y)
    y = drawLines(page, font, ['2. a second list, numbered, of one item.'], 80, y)
    drawLines(page, font, ['What followed was less tidy than the list suggests, as the next', 'chapter shows.'], 72, y)
    const { blocks } = await importPdf(await pdf.save(), 'list.pdf')
    expect(blocks.map((b) => [b.kind, b.text])).toEqual([
      ['paragraph', 'The parties agreed on three things, listed here in the order the treaty gives them:'],
      ['listItem', '• trade in grain and oil at prices fixed every year by a joint commission of both governments;'],
      ['listItem', '• no alliance against the other;'],
      ['listItem', '2. a second list, numbered, of one item.'],
      ['paragraph', 'What followed was less tidy than the list suggests, as the next chapter shows.']
    ])
  })

  it('a title set in two centred lines is one heading', async () => {
    const pdf = await PDFDocument.create()
    const font = await pdf.embedFont(StandardFonts.TimesRoman)
    const bold = await pdf.embedFont(StandardFonts.TimesRomanBold)
    const page = pdf.addPage([612, 792])
    for (const [i, line] of ['Russia and Iran: a Strategic Alliance', 'or Something More?'].entries()) page.drawText(line, { x: 306 - bold.widthOfTextAtSize(line, 20) / 2, y: 700 - i * 24, size: 20, font: bold })
    drawLines(page, font, ['The first paragraph of the article follows its title and says', 'what the article is about in a few lines of plain prose.'], 72, 640)
    const { meta, blocks } = await importPdf(await pdf.save(), 'title.pdf')
    expect(blocks[0]).toMatchObject({ kind: 'heading', text: 'Russia and Iran: a Strategic Alliance or Something More?' })
    expect(meta.title).toBe('Russia and Iran: a Strategic Alliance or Something More?')
  })

  it('a figure’s labels and an equation’s pieces are kept as figure text, unnumbered: the ¶ after them keeps its number', async () => {
    const pdf = await PDFDocument.create()
    const font = await pdf.embedFont(StandardFonts.TimesRoman)
    const page = pdf.addPage([612, 792])
    drawLines(page, font, ['The loop below shows how a request is retried until it succeeds', 'or the user gives up, which the figure calls abort.'], 72, 700)
    for (const [label, x, y] of [['loop', 150, 600], ['abort', 350, 600], ['retry', 250, 540]] as const) page.drawText(label, { x, y, size: 9, font })
    page.drawText('(1)', { x: 520, y: 480, size: 11, font })
    drawLines(page, font, ['After the figure the text goes on, and this paragraph is the second', 'one a reader counts on the page.'], 72, 440)
    const { blocks } = await importPdf(await pdf.save(), 'figure.pdf')
    expect(blocks.filter((b) => b.paragraph !== null).map((b) => [b.paragraph, b.text.slice(0, 20)])).toEqual([
      [1, 'The loop below shows'],
      [2, 'After the figure the']
    ])
    expect(blocks.filter((b) => b.kind === 'figure').map((b) => b.text).join(' ')).toMatch(/loop.*abort.*retry.*\(1\)/)
  })

  it('a paper whose file names no author: the names under its title on the first page, without their marks; affiliations are not names', async () => {
    const pdf = await PDFDocument.create()
    const font = await pdf.embedFont(StandardFonts.TimesRoman)
    const bold = await pdf.embedFont(StandardFonts.TimesRomanBold)
    const page = pdf.addPage([612, 792])
    page.drawText('Alignment Without Alliance', { x: 180, y: 700, size: 20, font: bold })
    page.drawText('Ada Field', { x: 200, y: 660, size: 12, font })
    page.drawText('1', { x: 200 + font.widthOfTextAtSize('Ada Field', 12), y: 665, size: 7, font })
    page.drawText(', Bo Writer and Cy Third', { x: 206 + font.widthOfTextAtSize('Ada Field', 12), y: 660, size: 12, font })
    page.drawText('1 Institute for Clarity in Documentation, Dublin, Ohio', { x: 170, y: 630, size: 10, font })
    drawLines(page, font, ['Abstract. The states align when the cost of standing alone grows, and', 'this paper says why, in plain prose over several lines of text.'], 72, 580)
    const { meta } = await importPdf(await pdf.save(), 'paper.pdf')
    expect(meta.authors).toEqual(['Ada Field', 'Bo Writer', 'Cy Third'])
  })

  it('first-line indents are decided per column: a page set without them keeps its paragraphs apart in a book that indents', async () => {
    const pdf = await PDFDocument.create()
    const font = await pdf.embedFont(StandardFonts.TimesRoman)
    const line = (n: number, i: number) => `line ${i + 1} of paragraph ${n} runs the whole measure of the column as prose`
    // page 1: paragraphs start with an indent, as the book's body does
    const one = pdf.addPage([612, 792])
    let y = 700
    for (const n of [1, 2, 3]) {
      for (let i = 0; i < 6; i++) one.drawText(i === 5 ? `and paragraph ${n} ends.` : line(n, i), { x: i === 0 ? 90 : 72, y: (y -= 14), size: 11, font })
    }
    // page 2: the same type, paragraphs set flush with no indent, each ending on a short line
    const two = pdf.addPage([612, 792])
    y = 700
    for (const n of [4, 5, 6]) {
      for (let i = 0; i < 5; i++) two.drawText(i === 4 ? `and paragraph ${n} ends.` : line(n, i), { x: 72, y: (y -= 14), size: 11, font })
    }
    const { blocks } = await importPdf(await pdf.save(), 'mixed.pdf')
    expect(blocks.map((b) => b.text.match(/paragraph (\d) ends\.$/)?.[1])).toEqual(['1', '2', '3', '4', '5', '6'])
  })
})
