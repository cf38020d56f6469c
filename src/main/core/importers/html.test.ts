import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import createDOMPurify from 'dompurify'
import { JSDOM, VirtualConsole } from 'jsdom'
import { describe, expect, it } from 'vitest'
import { authorsFromByline, importHtml } from './html'
import { htmlToBlocks } from './html-blocks'

const FIXTURES = join(__dirname, 'fixtures', 'web-pages')
const PAGES = ['aclu', 'lwn-1', 'quanta-1', 'rtl-1', 'salon-1', 'seattletimes-1', 'theverge', 'wikipedia-2']

function fixture(name: string, file: string): string {
  return readFileSync(join(FIXTURES, name, file), 'utf8')
}

/** The paragraphs of Readability's own expected extraction, read the same way. */
function expectedTexts(name: string): string[] {
  const window = new JSDOM('', { virtualConsole: new VirtualConsole() }).window
  const root = createDOMPurify(window as unknown as Window & typeof globalThis).sanitize(fixture(name, 'expected.html'), { RETURN_DOM: true })
  return htmlToBlocks(root as Element)
    .map((b) => b.text)
    .filter((t) => t.trim() !== '')
}

describe('HTML import of real saved pages (Readability test pages)', () => {
  for (const name of PAGES) {
    it(`${name}: title, byline and the article's paragraphs as Readability extracts them`, () => {
      const expected = JSON.parse(fixture(name, 'expected-metadata.json')) as { title: string; byline: string | null; siteName: string | null }
      const { meta, blocks } = importHtml(fixture(name, 'source.html'), `${name}.html`)
      expect(meta.title).toBe(expected.title.replace(/\s+/g, ' ').trim())
      expect(meta.authors).toEqual(authorsFromByline(expected.byline))
      if (expected.siteName) expect(meta.container).toBe(expected.siteName)
      const texts = blocks.map((b) => b.text)
      const wanted = expectedTexts(name).filter((t) => t !== meta.title)
      expect(texts).toEqual(wanted)
      expect(blocks.every((b) => (b.runs ?? []).every((r) => !r.href || /^(https?:|mailto:)/.test(r.href)))).toBe(true)
    })
  }

  it('reads the facts of a known page exactly', () => {
    const { meta, blocks } = importHtml(fixture('aclu', 'source.html'), 'aclu.html')
    expect(meta).toMatchObject({ title: 'Facebook Is Tracking Me Even Though I’m Not on Facebook', authors: ['Daniel Kahn Gillmor'], date: '2018-04-05', container: 'American Civil Liberties Union' })
    expect(blocks.length).toBe(40)
    expect(blocks[0]!.text).toMatch(/^I don't use Facebook\. I'm not technophobic/)
    expect(blocks.filter((b) => b.kind === 'heading').length).toBeGreaterThan(0)
    expect(blocks.some((b) => (b.runs ?? []).some((r) => r.href?.startsWith('https://')))).toBe(true)
  })

  it('keeps headings, quotations, lists and emphasis', () => {
    const page = `<html><head><title>Structure test</title><meta name="author" content="Ada Lovelace"></head><body><article>
      <h1>Structure test</h1>
      <p>The first paragraph has <em>emphasis</em>, <strong>strength</strong> and <a href="https://example.org/x">a link</a>, long enough for Readability to keep it as the body of the article we are reading here today.</p>
      <h2>A section</h2>
      <blockquote><p>A quoted paragraph that is long enough to count as text for the extraction algorithm in Readability.</p></blockquote>
      <ul><li>First item of the list, with words</li><li>Second item<ul><li>Nested item</li></ul></li></ul>
      <p>Another paragraph closes the article with enough words to be kept by the extraction, which likes commas, and long paragraphs.</p>
    </article></body></html>`
    const { meta, blocks } = importHtml(page, 'structure.html')
    expect(meta.title).toBe('Structure test')
    expect(blocks.map((b) => [b.kind, b.level ?? null, b.text.slice(0, 24)])).toEqual([
      ['paragraph', null, 'The first paragraph has '],
      ['heading', 2, 'A section'],
      ['quote', null, 'A quoted paragraph that '],
      ['listItem', 0, 'First item of the list, '],
      ['listItem', 0, 'Second item'],
      ['listItem', 1, 'Nested item'],
      ['paragraph', null, 'Another paragraph closes']
    ])
    expect(blocks[0]!.runs).toEqual([
      { text: 'The first paragraph has ' },
      { text: 'emphasis', marks: ['italic'] },
      { text: ', ' },
      { text: 'strength', marks: ['bold'] },
      { text: ' and ' },
      { text: 'a link', href: 'https://example.org/x' },
      { text: blocks[0]!.runs![6]!.text }
    ])
  })

  it('refuses a page with no article text, naming the file', () => {
    expect(() => importHtml('<html><body><script>alert(1)</script><iframe src="https://evil.test"></iframe></body></html>', 'empty.html')).toThrow(/^empty\.html: no article text was found/)
  })
})

describe('authors from a byline', () => {
  it.each([
    ['By Nathan Willis\n      March 25, 2015', ['Nathan Willis']],
    ['April 28, 2019 at 6:01 am Updated April 29, 2019', []],
    ['Jane Doe and John Roe', ['Jane Doe', 'John Roe']],
    [null, []]
  ])('%j', (byline, authors) => {
    expect(authorsFromByline(byline)).toEqual(authors)
  })
})

describe('reference data a journal article page gives of itself', () => {
  it('takes its DOI, journal and pages from the Highwire Press tags (a journal article, not a web page)', () => {
    const body = '<p>' + 'The findings hold across the sample of states studied here. '.repeat(12) + '</p>'
    const page = `<html><head><title>Alignment</title>
      <meta name="citation_title" content="Alignment"><meta name="citation_journal_title" content="Journal of Eurasian Studies">
      <meta name="citation_doi" content="doi:10.1177/18793665211234567."><meta name="citation_firstpage" content="117"><meta name="citation_lastpage" content="134">
      </head><body><article><h1>Alignment</h1>${body}${body}</article></body></html>`
    expect(importHtml(page, 'alignment.html').meta).toMatchObject({ doi: '10.1177/18793665211234567', container: 'Journal of Eurasian Studies', type: 'article-journal', pages: '117–134' })
  })

  it('finds a DOI written in a document’s text', async () => {
    const { findDoi } = await import('./source-meta')
    expect(findDoi('Journal of X 12 (2020) https://doi.org/10.1016/j.jeas.2020.04.003. Received 3 May')).toBe('10.1016/j.jeas.2020.04.003')
    expect(findDoi('no identifier here')).toBeUndefined()
  })
})
