import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { strToU8, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { importSourceBytes } from './index'

const PANDOC_BOOK = join(import.meta.dirname, 'fixtures', 'epub', 'pandoc-book.epub')

/** An EPUB 2 book built by hand: an NCX for its chapters, and hostile markup in them. */
function epub2(chapters: Record<string, string>, ncx: [string, string][]): Uint8Array {
  const files: Record<string, Uint8Array> = {
    mimetype: strToU8('application/epub+zip'),
    'META-INF/container.xml': strToU8('<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OPS/book.opf" media-type="application/oebps-package+xml"/></rootfiles></container>'),
    'OPS/book.opf': strToU8(`<?xml version="1.0"?><package version="2.0" xmlns="http://www.idpf.org/2007/opf"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>The Quiet Alliance</dc:title><dc:creator>Ada Field</dc:creator><dc:creator>Bo Writer</dc:creator><dc:date>2019-05</dc:date><dc:identifier>urn:isbn:9780000000002</dc:identifier></metadata>
      <manifest><item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>${Object.keys(chapters).map((name) => `<item id="${name}" href="${name}.xhtml" media-type="application/xhtml+xml"/>`).join('')}<item id="cover" href="cover.png" media-type="image/png"/></manifest>
      <spine toc="ncx">${Object.keys(chapters).map((name) => `<itemref idref="${name}"/>`).join('')}</spine></package>`),
    'OPS/toc.ncx': strToU8(`<?xml version="1.0"?><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/"><navMap>${ncx.map(([src, label], i) => `<navPoint id="n${i}"><navLabel><text>${label}</text></navLabel><content src="${src}"/></navPoint>`).join('')}</navMap></ncx>`),
    'OPS/cover.png': new Uint8Array([137, 80, 78, 71])
  }
  for (const [name, body] of Object.entries(chapters)) files[`OPS/${name}.xhtml`] = strToU8(`<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>${name}</title><style>p{color:red}</style></head><body>${body}</body></html>`)
  return zipSync(files)
}

describe('EPUB books', () => {
  it('a real EPUB 3 (made by pandoc): its chapters in spine order, its metadata from the package, its DOI', async () => {
    const { meta, blocks } = await importSourceBytes(readFileSync(PANDOC_BOOK), 'russia-iran.epub')
    expect(meta).toMatchObject({ title: 'Alignment, not Alliance: Russia and Iran in Four Chapters', authors: ['Ghoncheh Tazmini'], date: '2021-01-18', publisher: 'LSE', doi: '10.5555/pilcrow.epub.2021', type: 'book', originalFile: 'russia-iran.epub' })
    const headings = blocks.filter((b) => b.kind === 'heading').map((b) => b.text)
    expect(headings).toEqual(expect.arrayContaining(['Introduction', 'Bilateral relations require careful academic analysis', 'What lies behind a Russian-Iranian alliance?', 'Russian-Iranian relations may run deeper']))
    expect(headings.indexOf('Introduction')).toBeLessThan(headings.indexOf('Russian-Iranian relations may run deeper'))
    const paragraphs = blocks.filter((b) => b.paragraph !== null)
    expect(paragraphs[0]!.paragraph).toBe(1)
    // the chapters the navigation names, counted in reading order (the title page is none)
    expect(blocks.find((b) => b.text === 'Introduction')!.chapter).toBe(1)
    expect(blocks.find((b) => b.text === 'Russian-Iranian relations may run deeper')!.chapter).toBe(4)
    expect(blocks.filter((b) => b.chapter === undefined).map((b) => b.text)).not.toContain("Introduction")
    expect(blocks.map((b) => b.text).join('\n')).toContain('scholarship on Russian-Iranian relations has sprawled like an amoeba')
    // the stylesheet is not text
    expect(blocks.map((b) => b.text).join('\n')).not.toMatch(/font-family|margin:/)
  })

  it('an EPUB 2 book: chapters named by its NCX, hostile markup stripped as a web page’s is', async () => {
    const bytes = epub2(
      {
        one: '<p>The first chapter opens quietly.</p><script>window.pwned = 1</script><img src="x" onerror="alert(1)"><p onclick="alert(2)">Its second paragraph has <b>bold</b> words and <a href="javascript:alert(3)">a bad link</a>.</p>',
        two: '<h1>Chapter Two</h1><p>The second chapter names itself.</p><iframe src="https://example.com"></iframe>'
      },
      [
        ['one.xhtml', 'Chapter One'],
        ['two.xhtml#start', 'Chapter Two']
      ]
    )
    const { meta, blocks } = await importSourceBytes(bytes, 'quiet.epub')
    expect(meta).toMatchObject({ title: 'The Quiet Alliance', authors: ['Ada Field', 'Bo Writer'], date: '2019-05-01', type: 'book' })
    expect(blocks.map((b) => b.chapter)).toEqual([1, 1, 1, 2, 2])
    expect(blocks.map((b) => [b.kind, b.text])).toEqual([
      ['heading', 'Chapter One'],
      ['paragraph', 'The first chapter opens quietly.'],
      ['paragraph', 'Its second paragraph has bold words and a bad link.'],
      ['heading', 'Chapter Two'],
      ['paragraph', 'The second chapter names itself.']
    ])
    expect(JSON.stringify(blocks)).not.toMatch(/javascript:|onerror|pwned|<script/)
  })

  it('refuses what is not a book, naming the file and why', async () => {
    await expect(importSourceBytes(zipSync({ 'notes.txt': strToU8('hello') }), 'fake.epub')).rejects.toThrow('fake.epub: this is not an EPUB book (it has no META-INF/container.xml).')
    await expect(importSourceBytes(strToU8('PK garbage that is no zip'), 'broken.epub')).rejects.toThrow(/^broken\.epub: this book could not be unpacked \(/)
  })
})
