import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createAnchor } from '../../shared/anchors'
import { PARAGRAPH_LINK_TYPE } from '../../shared/links'
import type { SerializedEditorState } from '../../shared/notes'
import type { Notebook } from './notebook'
import { useNotebooks, useTempDirs } from './test-support'

const tempDir = useTempDirs()
const open = useNotebooks()

const doc = (...children: unknown[]): SerializedEditorState => ({ root: { type: 'root', children: [{ type: 'paragraph', children }] } })
const chip = (anchor: ReturnType<typeof createAnchor>) => ({ type: PARAGRAPH_LINK_TYPE, version: 1, anchor, sourceTitle: 'Field notes' })

/** Every file under the workspace with a hash of its bytes (the search cache aside: it is written in the background). */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const path = join(d, name)
      if (statSync(path).isDirectory()) walk(path)
      else if (!path.includes(`${join('.pilcrow', 'cache')}`)) out[relative(dir, path)] = createHash('sha256').update(readFileSync(path)).digest('hex')
    }
  }
  walk(dir)
  return out
}

async function importOne(nb: Notebook, path: string) {
  return (await nb.importSourceFiles([path]))[0]!
}

describe('importing files as sources', () => {
  it('imports Markdown, text and HTML files in one go; each becomes searchable', async () => {
    const ws = tempDir()
    const files = tempDir()
    const nb = await open(ws)
    writeFileSync(join(files, 'notes.md'), '# Field notes\n\nThe quokka smiles at visitors.\n')
    writeFileSync(join(files, 'diary.txt'), 'Diary\n\nThe pangolin curled up.\n')
    writeFileSync(join(files, 'page.html'), `<html><head><title>Wombats</title></head><body><article><p>${'The wombat digs burrows with strong claws, quietly and at night. '.repeat(4)}</p></article></body></html>`)
    const outcomes = await nb.importSourceFiles(['notes.md', 'diary.txt', 'page.html'].map((f) => join(files, f)))
    expect(outcomes.map((o) => (o.ok ? [o.status, o.sourceId, o.title, o.blockCount] : o.error))).toEqual([
      ['added', 'notes', 'Field notes', 2],
      ['added', 'diary', 'Diary', 2],
      ['added', 'page', 'Wombats', 1]
    ])
    for (const word of ['quokka', 'pangolin', 'wombat']) {
      const { hits } = await nb.search({ query: word })
      expect(hits[0]).toMatchObject({ kind: 'source' })
    }
    expect(readdirSync(join(ws, 'sources', 'originals')).sort()).toEqual(['diary.txt', 'notes.md', 'page.html', 'russia-iran-alignment.md'])
  })

  it('refuses bad files with the file name and the reason, and leaves the workspace exactly as it was', async () => {
    const ws = tempDir()
    const files = tempDir()
    const nb = await open(ws)
    await nb.searchIndex.whenReady()
    await nb.searchIndex.flush()
    const bad: Record<string, string | Uint8Array> = {
      'empty.md': '',
      'blank.txt': '\n \n',
      'garbage.txt': new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
      'slides.pptx': 'PK\u0003\u0004',
      'latin1.md': new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x0a]),
      'fake.pdf': 'this is not a PDF',
      'broken.pdf': '%PDF-1.7\n1 0 obj <<>> garbage garbage',
      'hostile.html': '<html><body><script>window.owned=1</script><iframe src="javascript:alert(1)"></iframe><form action="https://evil.test"><input name=x></form><img src=x onerror="alert(1)"></body></html>'
    }
    for (const [name, content] of Object.entries(bad)) writeFileSync(join(files, name), content)
    writeFileSync(join(files, 'huge.txt'), '')
    truncateSync(join(files, 'huge.txt'), 50 * 1024 * 1024) // 50 MB, sparse
    const before = snapshot(ws)
    const outcomes = await nb.importSourceFiles([...Object.keys(bad), 'huge.txt', 'missing.md'].map((f) => join(files, f)))
    expect(outcomes.map((o) => (o.ok ? 'imported' : o.error))).toEqual([
      'empty.md: the file is empty.',
      'blank.txt: there is no text to import.',
      'garbage.txt: this file holds binary data, not text, so it cannot be imported as a .txt file.',
      expect.stringMatching(/^slides\.pptx: Pilcrow cannot import \.pptx files \(it reads \.md, \.markdown, \.txt, .*\.pdf, \.epub\)\.$/),
      'latin1.md: the file is not valid UTF-8 text (the first bad byte is at offset 3). Save it as UTF-8 and import it again.',
      'fake.pdf: this file is not a PDF (it does not start with %PDF-).',
      expect.stringMatching(/^broken\.pdf: this PDF could not be read \(.+\)\.$/),
      'hostile.html: no article text was found in this page.',
      'huge.txt: the file is 50 MB, over the 40 MB limit for imports.',
      'missing.md: cannot read the file (ENOENT).'
    ])
    expect(snapshot(ws)).toEqual(before)
    expect((await nb.listSources()).map((s) => s.id)).toEqual(['russia-iran-alignment'])
  })

  it('a file imported again updates its source in place and reports how the links re-anchored', async () => {
    const ws = tempDir()
    const files = tempDir()
    const nb = await open(ws)
    const path = join(files, 'field-notes.md')
    writeFileSync(path, '# Field notes\n\nAlpha paragraph stays as it is.\n\nBeta paragraph will move down.\n\nGamma paragraph will be rewritten.\n\nDelta paragraph will be deleted.\n')
    const first = await importOne(nb, path)
    expect(first).toMatchObject({ ok: true, status: 'added', sourceId: 'field-notes' })
    const source = await nb.getSource('field-notes')
    const cite = (n: number) => chip(createAnchor(source, source.blocks.find((b) => b.paragraph === n)!.id))
    const note = await nb.createNote('Reading')
    await nb.saveNote({ id: note.id, title: 'Reading', content: doc(cite(1), cite(2), cite(3), cite(4)), baseRevision: note.revision })
    await expect(nb.updateSourceMeta('field-notes', { citationKey: 'tazmini2021' })).rejects.toThrow(/The citation key “tazmini2021” is already “Russia and Iran – a strategic alliance or something more\?”'s/)
    await nb.updateSourceMeta('field-notes', { title: 'My field notes', citationKey: 'notes2026', tags: ['Fieldwork', '#fieldwork', 'iran/north'] })
    expect((await nb.listSources()).find((s) => s.id === 'field-notes')?.tags).toEqual(['fieldwork', 'iran/north'])

    expect(await importOne(nb, path)).toMatchObject({ ok: true, status: 'unchanged', relinked: { stayed: 4, moved: 0, orphaned: 0 } })
    writeFileSync(path, '# Field notes\n\nA new first paragraph.\n\nAlpha paragraph stays as it is.\n\nGamma paragraph was rewritten.\n\nBeta paragraph will move down.\n')
    const second = await importOne(nb, path)
    expect(second).toMatchObject({ ok: true, status: 'updated', sourceId: 'field-notes', title: 'My field notes', relinked: { stayed: 2, moved: 1, orphaned: 1 } })
    expect((await nb.listSources()).map((s) => s.id).sort()).toEqual(['field-notes', 'russia-iran-alignment'])
    const updated = await nb.getSource('field-notes')
    expect(updated.meta).toMatchObject({ title: 'My field notes', citationKey: 'notes2026', tags: ['fieldwork', 'iran/north'] })
    // tags find the source in search, and cleared they are gone
    expect((await nb.search({ query: 'tag:iran' })).hits.map((h) => h.kind === 'source' && h.sourceId)).toEqual(['field-notes'])
    await nb.updateSourceMeta('field-notes', { tags: [] })
    expect((await nb.getSource('field-notes')).meta.tags).toBeUndefined()
    expect(updated.blocks.map((b) => b.text)).toContain('A new first paragraph.')
    const backlinks = await nb.getBacklinks('field-notes')
    expect(backlinks.orphans.map((o) => o.anchor.quote.exact)).toEqual(['Delta paragraph will be deleted.'])
  })

  it('edits metadata, and deleting a source orphans its links (keeping their quotes) and says how many', async () => {
    const ws = tempDir()
    const nb = await open(ws)
    const source = await nb.getSource('russia-iran-alignment')
    const note = await nb.createNote('Cites')
    const p6 = source.blocks.find((b) => b.paragraph === 6)!
    await nb.saveNote({ id: note.id, title: 'Cites', content: doc(chip(createAnchor(source, p6.id)), chip(createAnchor(source, p6.id))), baseRevision: note.revision })

    const edited = await nb.updateSourceMeta(source.id, { authors: ['G. Tazmini', ' '], publisher: '', url: 'https://example.org/a' })
    expect(edited.meta).toMatchObject({ authors: ['G. Tazmini'], url: 'https://example.org/a', edited: ['authors', 'publisher', 'url'] })
    expect(edited.meta.publisher).toBeUndefined()
    expect((await open(ws)).sources.get(source.id).meta.authors).toEqual(['G. Tazmini']) // stored
    await expect(nb.updateSourceMeta(source.id, { citationKey: 'tazmini2021' })).resolves.toBeTruthy() // its own key again

    expect(await nb.deleteSource(source.id)).toEqual({ orphanedLinks: 2 })
    expect(await nb.listSources()).toEqual([])
    expect((await nb.search({ query: 'bulwark' })).hits.filter((h) => h.kind === 'source')).toEqual([])
    const kept = readdirSync(join(ws, '.pilcrow', 'deleted-sources'))
    expect(kept.some((n) => n.startsWith('russia-iran-alignment.') && n.endsWith('.json'))).toBe(true)
    const saved = await nb.getNote(note.id)
    expect(JSON.stringify(saved.content)).toContain(p6.text.slice(0, 40)) // the quote stays in the note
  })

  it('a source another process (the CLI) added meanwhile is never overwritten: ids are taken on disk, exclusively', async () => {
    const ws = tempDir()
    const files = tempDir()
    const app = await open(ws, { bundled: false })
    const cli = await open(ws, { bundled: false })
    writeFileSync(join(files, 'a.md'), '# Field notes\n\nThe quokka smiles at visitors.\n')
    mkdirSync(join(files, 'other'))
    writeFileSync(join(files, 'other', 'a.md'), '# Other notes\n\nThe wombat digs at night.\n')
    const fromCli = await importOne(cli, join(files, 'a.md'))
    const cliFile = readFileSync(join(ws, 'sources', 'a.json'), 'utf8')
    // the app has not seen it, and imports another article under the same name
    const fromApp = await importOne(app, join(files, 'other', 'a.md'))
    expect(fromCli).toMatchObject({ ok: true, sourceId: 'a' })
    expect(fromApp).toMatchObject({ ok: true, sourceId: 'a-2', status: 'added' })
    expect(readFileSync(join(ws, 'sources', 'a.json'), 'utf8')).toBe(cliFile)
    // two processes importing at the same moment each get their own id
    writeFileSync(join(files, 'b.md'), '# B\n\nOne.\n')
    writeFileSync(join(files, 'other', 'b.md'), '# B again\n\nTwo.\n')
    const both = await Promise.all([importOne(app, join(files, 'b.md')), importOne(cli, join(files, 'other', 'b.md'))])
    expect(new Set(both.map((o) => o.ok && o.sourceId)).size).toBe(2)
    expect(readdirSync(join(ws, 'sources')).filter((n) => n.endsWith('.json')).sort()).toEqual(['a-2.json', 'a.json', 'b-2.json', 'b.json'])
  })

  it('a file name is not an identity: two articles both saved as source.html are two sources; the same work under another name updates in place, and nothing is ever lost from disk', async () => {
    const ws = tempDir()
    const files = tempDir()
    const pages = join(import.meta.dirname, 'importers', 'fixtures', 'web-pages')
    const nb = await open(ws)
    const quanta = await importOne(nb, join(pages, 'quanta-1', 'source.html'))
    expect(quanta).toMatchObject({ ok: true, status: 'added', sourceId: 'source' })
    const source = await nb.getSource('source')
    const cited = source.blocks.find((b) => b.paragraph === 3)!
    const note = await nb.createNote('Chaos')
    await nb.saveNote({ id: note.id, title: 'Chaos', content: doc(chip(createAnchor(source, cited.id))), baseRevision: note.revision })
    const before = snapshot(ws)

    // another article, also named source.html: a new source with its own id and key; nothing of the first changes
    const salon = await importOne(nb, join(pages, 'salon-1', 'source.html'))
    expect(salon).toMatchObject({ ok: true, status: 'added', sourceId: 'source-2' })
    expect(salon).not.toHaveProperty('relinked')
    const after = snapshot(ws)
    for (const [path, hash] of Object.entries(before)) if (!path.includes('catalog')) expect(after[path], path).toBe(hash)
    const [first, second] = [await nb.getSource('source'), await nb.getSource('source-2')]
    expect(first.meta.title).toBe(source.meta.title)
    expect(second.meta.citationKey).not.toBe(first.meta.citationKey)
    expect((await nb.getBacklinks('source')).byBlock[cited.id]).toHaveLength(1)

    // the same work (same canonical address) saved under another name, one paragraph gone: updated in place
    const page = readFileSync(join(pages, 'quanta-1', 'source.html'), 'utf8')
    const firstParagraph = source.blocks.find((b) => b.paragraph === 1)!.text.slice(0, 60)
    const cut = page.indexOf(firstParagraph.slice(0, 40))
    expect(cut).toBeGreaterThan(0)
    writeFileSync(join(files, 'index.html'), page.slice(0, cut) + page.slice(cut + 40))
    const updated = await importOne(nb, join(files, 'index.html'))
    expect(updated).toMatchObject({ ok: true, status: 'updated', sourceId: 'source', relinked: { stayed: 1, moved: 0, orphaned: 0 } })
    const kept = (updated as { previousKept: string }).previousKept
    expect(kept).toMatch(/^\.pilcrow\/deleted-sources\/source\.[0-9TZ-]+\.replaced\.json$/)
    expect(createHash('sha256').update(readFileSync(join(ws, kept))).digest('hex')).toBe(before['sources/source.json'])
    const bin = readdirSync(join(ws, '.pilcrow', 'deleted-sources'))
    expect(bin.some((name) => name.endsWith('.replaced.html'))).toBe(true)
    // the user can also say so: "Update this source" with any file
    const chosen = (await nb.importSourceFiles([join(pages, 'lwn-1', 'source.html')], 'source-2'))[0]!
    expect(chosen).toMatchObject({ ok: true, status: 'updated', sourceId: 'source-2' })
    expect((await nb.listSources()).map((s) => s.id).sort()).toEqual(['russia-iran-alignment', 'source', 'source-2'])
  })
})

describe('the file a source was imported from', () => {
  it('is given back byte for byte (a PDF’s pages are drawn from it); a source without one says so', async () => {
    const ws = tempDir()
    const files = tempDir()
    const nb = await open(ws)
    writeFileSync(join(files, 'notes.md'), '# Field notes\n\nThe quokka smiles at visitors.\n')
    const outcome = await importOne(nb, join(files, 'notes.md'))
    if (!outcome.ok) throw new Error(outcome.error)
    const file = await nb.getSourceFile(outcome.sourceId)
    expect(file.fileName).toBe('notes.md')
    expect(Buffer.from(file.base64, 'base64').toString('utf8')).toBe('# Field notes\n\nThe quokka smiles at visitors.\n')
    // the original gone from disk: a clear error, the source itself still readable
    rmSync(join(ws, 'sources', 'originals', `${outcome.sourceId}.md`))
    await expect(nb.getSourceFile(outcome.sourceId)).rejects.toThrow('The file “Field notes” was imported from is not kept in this workspace; import it again to see its pages.')
    expect((await nb.getSource(outcome.sourceId)).blocks).toHaveLength(2)
  })
})
