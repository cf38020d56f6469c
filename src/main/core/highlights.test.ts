import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createAnchor, resolveAnchor } from '../../shared/anchors'
import type { Source } from '../../shared/model'
import { importMarkdown } from './importers/markdown'
import type { NotebookEvent } from '../../shared/events'
import { useNotebooks, useTempDirs } from './test-support'

const tempDir = useTempDirs()
const open = useNotebooks()

const ARTICLE = '# A short article\n\nThe first paragraph says little.\n\nThe second paragraph holds the claim that matters most.\n\nThe third paragraph ends it.\n'

/** A notebook with one small source (no bundled article). */
async function withSource(markdown = ARTICLE) {
  const nb = await open(tempDir(), { bundled: false })
  const [outcome] = await nb.importSourceFiles([writeFile(tempDir(), 'short.md', markdown)])
  if (!outcome?.ok) throw new Error('import failed')
  return { nb, source: await nb.getSource(outcome.sourceId) }
}

function writeFile(dir: string, name: string, text: string): string {
  writeFileSync(join(dir, name), text)
  return join(dir, name)
}

/** The anchor of `words` in the block that holds them. */
function anchorOf(source: Awaited<ReturnType<typeof withSource>>['source'], words: string) {
  const block = source.blocks.find((b) => b.text.includes(words))!
  const start = block.text.indexOf(words)
  return createAnchor(source, block.id, { start, end: start + words.length })
}

describe('highlights', () => {
  it('are kept beside their source, in reading order, with colour and comment, and announced', async () => {
    const { nb, source } = await withSource()
    const heard: NotebookEvent[] = []
    nb.onEvent((e) => heard.push(e))
    const later = await nb.addHighlight({ sourceId: source.id, anchor: anchorOf(source, 'ends it'), color: 'pink' })
    const first = await nb.addHighlight({ sourceId: source.id, anchor: anchorOf(source, 'the claim'), color: 'yellow', comment: 'Key.\nSecond line.' })
    await nb.updateHighlight(source.id, first.id, { color: 'blue' })
    const { highlights } = await nb.listHighlights(source.id)
    expect(highlights.map((h) => [h.anchor.quote.exact, h.color, h.comment, h.status])).toEqual([
      ['the claim', 'blue', 'Key.\nSecond line.', 'exact'],
      ['ends it', 'pink', '', 'exact']
    ])
    expect(highlights[0]!.range).toEqual({ start: source.blocks.find((b) => b.text.includes('the claim'))!.text.indexOf('the claim'), end: expect.any(Number) })
    const file = JSON.parse(readFileSync(join(nb.workspace.sourcesDir, 'highlights', `${source.id}.json`), 'utf8'))
    expect(file).toMatchObject({ format: 'pilcrow-highlights', formatVersion: 1, sourceId: source.id })
    expect(heard.filter((e) => e.type === 'highlights-changed')).toHaveLength(3)

    const removed = await nb.deleteHighlight(source.id, later.id)
    expect((await nb.listHighlights(source.id)).highlights).toHaveLength(1)
    await nb.restoreHighlight(removed)
    expect((await nb.listHighlights(source.id)).highlights.map((h) => h.id)).toContain(later.id)
  })

  it('follow their words when the source is imported again: stayed, moved and orphaned are counted', async () => {
    const { nb, source } = await withSource()
    await nb.addHighlight({ sourceId: source.id, anchor: anchorOf(source, 'the claim'), color: 'yellow' })
    await nb.addHighlight({ sourceId: source.id, anchor: anchorOf(source, 'ends it'), color: 'green' })
    await nb.addHighlight({ sourceId: source.id, anchor: anchorOf(source, 'says little'), color: 'blue' })
    // the new version: a paragraph added before, the first one gone
    const changed = '# A short article\n\nA new opening paragraph.\n\nThe second paragraph holds the claim that matters most.\n\nThe third paragraph ends it.\n'
    const [outcome] = await nb.importSourceFiles([writeFile(tempDir(), 'short.md', changed)], source.id)
    expect(outcome).toMatchObject({ ok: true, status: 'updated' })
    expect(outcome!.ok && outcome!.highlightsRelinked).toEqual({ stayed: expect.any(Number), moved: expect.any(Number), orphaned: 1 })
    const { highlights } = await nb.listHighlights(source.id)
    const updated = await nb.getSource(source.id)
    const byWords = Object.fromEntries(highlights.map((h) => [h.anchor.quote.exact, h]))
    expect(byWords['the claim']!.blockId).toBe(updated.blocks.find((b) => b.text.includes('the claim'))!.id)
    expect(byWords['says little']).toMatchObject({ status: 'orphan', blockId: null, range: null })
    expect(highlights.at(-1)!.anchor.quote.exact).toBe('says little') // orphans last
  })

  it('a highlights file that cannot be read is reported and never written over', async () => {
    const { nb, source } = await withSource()
    await nb.addHighlight({ sourceId: source.id, anchor: anchorOf(source, 'the claim'), color: 'yellow' })
    const path = join(nb.workspace.sourcesDir, 'highlights', `${source.id}.json`)
    writeFileSync(path, '{"format": "something else"')
    const nb2 = await open(nb.workspace.root, { bundled: false })
    await expect(nb2.listHighlights(source.id)).rejects.toThrow(/cannot be read: it is not a Pilcrow highlights file/)
    await expect(nb2.addHighlight({ sourceId: source.id, anchor: anchorOf(source, 'ends it'), color: 'pink' })).rejects.toThrow(/nothing is written over it/)
    expect(readFileSync(path, 'utf8')).toBe('{"format": "something else"')
  })

  it('go with their source into deleted-sources when it is deleted', async () => {
    const { nb, source } = await withSource()
    await nb.addHighlight({ sourceId: source.id, anchor: anchorOf(source, 'the claim'), color: 'yellow', comment: 'kept' })
    await nb.deleteSource(source.id)
    const bin = join(nb.workspace.root, '.pilcrow', 'deleted-sources')
    const kept = readdirSync(bin).find((name) => name.endsWith('.highlights.json'))!
    expect(JSON.parse(readFileSync(join(bin, kept), 'utf8')).highlights[0]).toMatchObject({ comment: 'kept' })
    expect(readdirSync(join(nb.workspace.sourcesDir, 'highlights'))).toEqual([])
  })
})

describe('highlights in an export', () => {
  it('are written per source, grouped by what each colour means, and come back when the export is imported', async () => {
    const { nb, source } = await withSource()
    await nb.updateSettings({ highlightMeanings: { blue: 'Claim' } })
    await nb.addHighlight({ sourceId: source.id, anchor: anchorOf(source, 'the claim'), color: 'blue', comment: 'The point.\nSee also ¶3.' })
    await nb.addHighlight({ sourceId: source.id, anchor: anchorOf(source, 'ends it'), color: 'pink' })
    const note = await nb.createNote('A note')
    await nb.saveNote({ id: note.id, title: 'A note', content: { root: { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', text: 'On #methods and #iran/sanctions.' }] }] } }, baseRevision: note.revision })
    const { files } = await nb.exportMarkdown({ notes: 'all', style: 'links' })
    // tags in the note's front matter, as Obsidian reads them
    expect(files.find((f) => f.path === 'notes/A note.md')!.content).toMatch(/^---\n[\s\S]*tags:\n {2}- methods\n {2}- iran\/sanctions\n[\s\S]*---/)
    const page = files.find((f) => f.path === `highlights/${source.id}.md`)!.content
    expect(page).toContain('## Claim (blue)')
    expect(page).toContain(`- “the claim” — [¶2](../sources/${source.id}.md#^p2)\n  The point.\n  See also ¶3.`)
    expect(page.indexOf('## Claim (blue)')).toBeLessThan(page.indexOf('## pink'))
    expect(files.find((f) => f.path === 'index.md')!.content).toContain(`(<highlights/${source.id}.md>)`)

    const folder = tempDir()
    for (const file of files) {
      const path = join(folder, file.path)
      await import('node:fs/promises').then((fs) => fs.mkdir(join(path, '..'), { recursive: true }).then(() => fs.writeFile(path, file.content)))
    }
    const fresh = await open(tempDir(), { bundled: false })
    const result = await fresh.importNotebook(folder)
    expect(result.highlights).toBe(2)
    const back = await fresh.listHighlights(result.sources[0]!.id)
    expect(back.highlights.map((h) => [h.anchor.quote.exact, h.color, h.comment, h.status])).toEqual([
      ['the claim', 'blue', 'The point.\nSee also ¶3.', 'exact'],
      ['ends it', 'pink', '', 'exact']
    ])
    // imported again: nothing doubled
    expect((await fresh.importNotebook(folder)).highlights).toBe(0)
  })
})

// Property tests: a highlight's words in generated sources, edited around them.
const WORDS = 'alliance alignment moscow tehran kremlin partner strategic sanctions treaty oil gas missile nuclear market trade region policy history friend foe order state power west east north south council envoy delay contract supply'.split(' ')
const sentence = fc.array(fc.constantFrom(...WORDS), { minLength: 10, maxLength: 24 }).map((w) => w.join(' ') + '.')
const paragraphs = fc.uniqueArray(sentence, { minLength: 3, maxLength: 10 })
const toSource = (ps: string[]): Source => ({ id: 's', ...importMarkdown(ps.join('\n\n'), 's.md') })

/** A highlight of words `from`…`from + count` of paragraph `pick`. */
function highlightIn(source: Source, pick: number, from: number, count: number) {
  const block = source.blocks[pick % source.blocks.length]!
  const words = block.text.split(' ')
  const first = from % words.length
  const last = Math.min(words.length, first + 1 + (count % 4))
  const start = words.slice(0, first).join(' ').length + (first > 0 ? 1 : 0)
  const end = start + words.slice(first, last).join(' ').length
  return { block, anchor: createAnchor(source, block.id, { start, end }) }
}

describe('highlight anchoring, property tests', () => {
  it('stays on exactly its words when other paragraphs are inserted, deleted and shuffled', () => {
    fc.assert(
      fc.property(paragraphs, fc.nat(), fc.nat(), fc.nat(), fc.array(sentence, { maxLength: 3 }), fc.nat(), (ps, pick, from, count, inserts, seed) => {
        const source = toSource(ps)
        const { anchor } = highlightIn(source, pick, from, count)
        const own = ps[pick % ps.length]!
        const others = ps.filter((p) => p !== own).filter((_, i) => (seed >> i) % 3 !== 0)
        const edited = [...inserts, ...others]
        edited.splice(seed % (edited.length + 1), 0, own)
        const result = resolveAnchor(toSource(edited), anchor)
        expect(result.block!.text).toBe(own)
        expect(result.block!.text.slice(result.range!.start, result.range!.end)).toBe(anchor.quote.exact)
      }),
      { numRuns: 200 }
    )
  })

  it('follows its words when its own paragraph is edited before or after them', () => {
    fc.assert(
      fc.property(paragraphs, fc.nat(), fc.nat(), fc.nat(), fc.constantFrom(...WORDS), fc.boolean(), (ps, pick, from, count, added, before) => {
        const source = toSource(ps)
        const { block, anchor } = highlightIn(source, pick, from, count)
        const range = anchor.range!
        // a word added at the start or the end of the paragraph, away from the highlighted words
        const text = before ? `${added} ${block.text}` : `${block.text} ${added}.`
        const edited = ps.map((p) => (p === block.text ? text : p))
        if (new Set(edited).size !== edited.length) return
        const result = resolveAnchor(toSource(edited), anchor)
        expect(result.block!.text).toBe(text)
        expect(text.slice(result.range!.start, result.range!.end)).toBe(anchor.quote.exact)
        if (before) expect(result.range!.start).toBe(range.start + added.length + 1)
      }),
      { numRuns: 200 }
    )
  })
})
