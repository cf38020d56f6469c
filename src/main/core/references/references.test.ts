import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useNotebooks, useTempDirs } from '../test-support'

const tempDir = useTempDirs()
const open = useNotebooks()

const BIB = `@article{tazminiRussia,
  title = {Russia and {Iran} – a strategic alliance or something more?},
  author = {Tazmini, Ghoncheh},
  journaltitle = {Research for the World},
  date = {2021-01-18},
  doi = {10.1000/rftw.2021}
}

@book{doe1999,
  title = {Grain and Arms},
  author = {Doe, Jane and Roe, Richard},
  publisher = {Example Press},
  year = {1999}
}
`
const RIS = 'TY  - JOUR\nTI  - Sanctions and the Caspian\nAU  - Roe, Richard\nPY  - 2019\nJO  - Caspian Review\nER  - \n'
const CSL = JSON.stringify([{ id: 'x', type: 'report', title: 'Gas routes', author: [{ family: 'Petrov', given: 'Ivan' }], issued: { 'date-parts': [[2022]] } }])

describe('the references list', () => {
  it('reads BibTeX, RIS and CSL-JSON; a work already listed is not added twice; search finds them with ref: and in:references', async () => {
    const nb = await open(tempDir())
    const b64 = (text: string) => Buffer.from(text).toString('base64')
    expect(await nb.importReferences({ fileName: 'library.bib', base64: b64(BIB) })).toEqual({ fileName: 'library.bib', added: 2, unchanged: 0, total: 2 })
    expect(await nb.importReferences({ fileName: 'more.ris', base64: b64(RIS) })).toMatchObject({ added: 1, total: 3 })
    expect(await nb.importReferences({ fileName: 'zotero.json', base64: b64(CSL) })).toMatchObject({ added: 1, total: 4 })
    expect(await nb.importReferences({ fileName: 'library.bib', base64: b64(BIB) })).toMatchObject({ added: 0, unchanged: 2, total: 4 })
    const list = await nb.listReferences()
    expect(list.map((r) => [r.title, r.authors, r.year, r.type])).toEqual([
      ['Russia and Iran – a strategic alliance or something more?', ['Ghoncheh Tazmini'], 2021, 'article-journal'],
      ['Grain and Arms', ['Jane Doe', 'Richard Roe'], 1999, 'book'],
      ['Sanctions and the Caspian', ['Richard Roe'], 2019, 'article-journal'],
      ['Gas routes', ['Ivan Petrov'], 2022, 'report']
    ])
    const found = async (query: string) => (await nb.search({ query })).hits.map((h) => h.title)
    expect(await found('ref:roe')).toEqual(['Grain and Arms', 'Sanctions and the Caspian'])
    expect(await found('in:references 2022')).toEqual(['Gas routes'])
    expect(await found('grain')).not.toContain('Grain and Arms')
  }, 30_000)

  it('refuses a file it cannot read, saying where, and adds nothing; a damaged list is never written over', async () => {
    const nb = await open(tempDir())
    const b64 = (text: string) => Buffer.from(text).toString('base64')
    await nb.importReferences({ fileName: 'ok.bib', base64: b64(BIB) })
    const broken = `${BIB}\n@book{b, title={U}\n  year={1999}}\n`
    await expect(nb.importReferences({ fileName: 'broken.bib', base64: b64(broken) })).rejects.toThrow(/^broken\.bib cannot be read: expected "rbrace", got "identifier" at line 17 col 3\. Nothing was imported\.$/)
    await expect(nb.importReferences({ fileName: 'x.json', base64: b64('[{"title": 3}]') })).rejects.toThrow(/entry 1 is not a CSL-JSON work/)
    await expect(nb.importReferences({ fileName: 'empty.ris', base64: b64('  ') })).rejects.toThrow(/the file is empty/)
    expect(await nb.listReferences()).toHaveLength(2)

    const dir = tempDir()
    const damaged = await open(dir)
    mkdirSync(join(dir, 'references'), { recursive: true })
    writeFileSync(join(dir, 'references', 'library.json'), '{"format": "pilcrow-ref')
    await expect(damaged.importReferences({ fileName: 'ok.bib', base64: b64(BIB) })).rejects.toThrow(/library\.json is damaged/)
    expect(readFileSync(join(dir, 'references', 'library.json'), 'utf8')).toBe('{"format": "pilcrow-ref')
  })

  it('matches a source to its reference (by DOI or key for sure, by title and year when unsure) and attaching gives the source its data', async () => {
    const nb = await open(tempDir())
    await nb.importReferences({ fileName: 'library.bib', base64: Buffer.from(BIB).toString('base64') })
    const [match] = await nb.matchReferences('russia-iran-alignment')
    expect(match).toMatchObject({ confidence: 'unsure', reference: { title: 'Russia and Iran – a strategic alliance or something more?' } })
    await nb.updateSourceMeta('russia-iran-alignment', { doi: '10.1000/RFTW.2021' })
    expect((await nb.matchReferences('russia-iran-alignment'))[0]!.confidence).toBe('sure')
    const source = await nb.attachReference(match!.reference.id, 'russia-iran-alignment')
    expect(source.meta).toMatchObject({ type: 'article-journal', container: 'Research for the World', doi: '10.1000/rftw.2021', date: '2021-01-18', citationKey: 'tazminiRussia' })
    expect((await nb.listReferences())[0]!.sourceId).toBe('russia-iran-alignment')
    // cited at paragraph level through its document, as a journal article now
    const p6 = source.blocks.find((b) => b.paragraph === 6)!
    expect((await nb.formatCitation({ sourceId: source.id, blockId: p6.id })).reference).toMatch(/^Tazmini, G\. \(2021\)\. Russia and Iran – a strategic alliance or something more\? Research for the World\. https:\/\/doi\.org\/10\.1000\/rftw\.2021/)
  }, 30_000)

  it.each([
    ['library.bib', BIB],
    ['library.ris', 'TY  - JOUR\nTI  - Russia and Iran – a strategic alliance or something more?\nAU  - Tazmini, Ghoncheh\nPY  - 2021///\nDA  - 2021/01/18/\nJO  - Research for the World\nDO  - 10.1000/rftw.2021\nER  - \n'],
    ['library.json', JSON.stringify([{ id: 'x', 'citation-key': 'tazminiRussia', type: 'article-journal', title: 'Russia and Iran – a strategic alliance or something more?', author: [{ family: 'Tazmini', given: 'Ghoncheh' }], issued: { 'date-parts': [[2021, 1, 18]] }, 'container-title': 'Research for the World', DOI: '10.1000/rftw.2021' }])]
  ])('round-trips: a work read in from %s, attached to its document, comes out in the Pandoc export’s CSL-JSON and BibLaTeX', async (fileName, text) => {
    const nb = await open(tempDir())
    await nb.importReferences({ fileName, base64: Buffer.from(text).toString('base64') })
    const [reference] = await nb.listReferences()
    await nb.attachReference(reference!.id, 'russia-iran-alignment')
    const source = await nb.getSource('russia-iran-alignment')
    const note = await nb.createNote('Cites')
    const chip = { type: 'paragraph-link', version: 1, anchor: { sourceId: source.id, blockId: source.blocks.find((b) => b.paragraph === 6)!.id, quote: { exact: '', prefix: '', suffix: '' }, paragraph: 6 }, sourceTitle: source.meta.title }
    await nb.saveNote({ id: note.id, title: 'Cites', content: { root: { type: 'root', children: [{ type: 'paragraph', children: [chip] }] } }, baseRevision: note.revision })
    const { files } = await nb.exportMarkdown({ notes: 'all', style: 'pandoc' })
    const csl = JSON.parse(files.find((f) => f.path === 'references.json')!.content) as Record<string, unknown>[]
    // the RIS file gives no key: the source keeps its own
    const key = fileName.endsWith('.ris') ? 'tazmini2021' : 'tazminiRussia'
    expect(csl[0]).toMatchObject({ id: key, type: 'article-journal', title: 'Russia and Iran – a strategic alliance or something more?', 'container-title': 'Research for the World', issued: { 'date-parts': [[2021, 1, 18]] } })
    const bib = files.find((f) => f.path === 'references.bib')!.content
    expect(bib).toMatch(new RegExp(`@article\\{${key},`))
    if (fileName.endsWith('.ris')) return // citation-js's RIS reader does not take DO as the DOI
    expect(bib).toMatch(/doi = \{10\.1000\/rftw\.2021\}/)
    expect(bib).toMatch(/title = \{Russia and \{Iran\}/)
  }, 30_000)
})
