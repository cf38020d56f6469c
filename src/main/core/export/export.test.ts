import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createAnchor } from '../../../shared/anchors'
import * as J from '../../../shared/markdown/lexical-json'
import type { JsonNode } from '../../../shared/markdown/lexical-json'
import type { SerializedEditorState } from '../../../shared/notes'
import { useNotebooks, useTempDirs } from '../test-support'
import { citationKeys, cslItems } from '../citations/csl-items'
import { toBibLaTeX, toCslJson } from './bibliography'
import { safeFileName } from './file-names'
import { writeExport } from './write-export'

const tempDir = useTempDirs()
const open = useNotebooks()
const doc = (...children: JsonNode[]) => ({ root: { type: 'root', version: 1, children } }) as unknown as SerializedEditorState

describe('safeFileName', () => {
  it('makes titles safe, unique file names', () => {
    const taken = new Set<string>()
    expect(safeFileName('a/b\\c:d*e?f"g<h>i|j', '.md', taken)).toBe('a-b-c-d-e-f-g-h-i-j.md')
    expect(safeFileName('CON', '.md', taken)).toBe('_CON.md')
    expect(safeFileName('   ', '.md', taken)).toBe('Untitled.md')
    expect(safeFileName('', '.md', taken)).toBe('Untitled (2).md')
    expect(safeFileName('Same', '.md', taken)).toBe('Same.md')
    expect(safeFileName('same', '.md', taken)).toBe('same (2).md')
    expect(safeFileName('x'.repeat(300), '.md', taken)).toBe(`${'x'.repeat(100)}.md`)
    expect(safeFileName('trailing dots...', '.md', taken)).toBe('trailing dots.md')
    // characters that break a link to the file in every renderer: # starts a fragment, [ ] ^ mean Markdown
    expect(safeFileName('Alignment #1 [draft] ^x 50%', '.md', taken)).toBe('Alignment -1 -draft- -x 50-.md')
  })
})

describe('Markdown export of a notebook', () => {
  async function notebookWithCitations() {
    const nb = await open(tempDir())
    const source = await nb.getSource('russia-iran-alignment')
    const p6 = source.blocks.find((b) => b.paragraph === 6)!
    const p9 = source.blocks.find((b) => b.paragraph === 9)!
    const start = p9.text.indexOf('while Russia did not deliver on time')
    const quoteAnchor = createAnchor(source, p9.id, { start, end: start + 'while Russia did not deliver on time'.length })
    const chip = (anchor: ReturnType<typeof createAnchor>): JsonNode => ({ type: 'paragraph-link', version: 1, anchor, sourceTitle: source.meta.title })
    const note = await nb.createNote('Kremlin: a/b?')
    await nb.saveNote({
      id: note.id,
      title: 'Kremlin: a/b?',
      content: doc(
        J.heading(1, [J.text('Bulwark')]),
        J.paragraph([J.text('The claim '), chip(createAnchor(source, p6.id)), J.text(' is *not* obvious.')]),
        J.quote([J.text('“while Russia did not deliver on time” '), chip(quoteAnchor)]),
        J.list('bullet', 1, [J.listItem(1, [J.text('one')]), J.listItem(2, [J.list('bullet', 1, [J.listItem(1, [J.text('nested')])])])])
      ),
      baseRevision: note.revision
    })
    return { nb, note, source }
  }

  it('writes notes, sources with an anchor on every block, and an index; links land on their anchors', async () => {
    const { nb } = await notebookWithCitations()
    const out = join(tempDir(), 'export')
    const { files } = await nb.exportMarkdown({ notes: 'all', style: 'links' })
    await writeExport(files, out, false)
    const note = readFileSync(join(out, 'notes', 'Kremlin- a-b-.md'), 'utf8')
    expect(note).toMatch(/^---\ntitle: "Kremlin: a\/b\?"\ncreated: /)
    expect(note).toContain('# Bulwark')
    expect(note).toContain('The claim [¶6](../sources/russia-iran-alignment.md#^p6) is \\*not\\* obvious.')
    expect(note).toContain('> “while Russia did not deliver on time” [¶9](../sources/russia-iran-alignment.md#^p9)')
    expect(note).toContain('- one\n  - nested')
    // flat front matter (Obsidian shows no nested properties); the exact anchors in a comment at the end
    expect(note).not.toMatch(/^ {2}\w/m)
    expect(note).toMatch(/\n<!-- pilcrow-note\n\{"id":"n-[a-z0-9-]+","citations":\[\{"sourceId":"russia-iran-alignment"[^\n]*\}\n-->\n$/)
    const source = readFileSync(join(out, 'sources', 'russia-iran-alignment.md'), 'utf8')
    const links = [...note.matchAll(/\]\(\.\.\/sources\/russia-iran-alignment\.md#\^(p\d+)\)/g)]
    expect(links).toHaveLength(2)
    for (const link of links) {
      expect(source).toContain(`<a id="^${link[1]}"></a>`)
      expect(source).toMatch(new RegExp(`\\^${link[1]}\\n`))
    }
    expect(source).toContain('<a id="^p6"></a>**¶6** While the Kremlin has acted as a bulwark')
    // a quote's or callout's Obsidian block id stands on its own line after it; a heading carries none in its text
    expect(source).toMatch(/\n> \[!pullquote\]\n> <a id="\^[a-z0-9-]+"><\/a>[^\n]+\n\n\^[a-z0-9-]+\n/)
    expect(source).not.toMatch(/^#+ .*\^[A-Za-z0-9-]+$/m)
    expect(readFileSync(join(out, 'index.md'), 'utf8')).toContain('[Kremlin: a/b?](<notes/Kremlin- a-b-.md>)')
  })

  it('writes footnotes and Pandoc citations with a bibliography', async () => {
    const { nb } = await notebookWithCitations()
    const footnotes = (await nb.exportMarkdown({ notes: 'all', style: 'footnotes' })).files.find((f) => f.path.startsWith('notes/'))!
    expect(footnotes.content).toContain('The claim [^1] is')
    expect(footnotes.content).toContain('[^1]: “While the Kremlin has acted as a bulwark')
    expect(footnotes.content).toContain('— Ghoncheh Tazmini, *Russia and Iran – a strategic alliance or something more?*, 18 January 2021, ¶6. [Source](../sources/russia-iran-alignment.md#^p6)')
    const pandoc = await nb.exportMarkdown({ notes: 'all', style: 'pandoc' })
    const note = pandoc.files.find((f) => f.path.startsWith('notes/') && f.path.endsWith('.md'))!
    expect(note.content).toContain('The claim [@tazmini2021, para. 6] is')
    expect(note.content).toContain('bibliography: references.json')
    // the bibliography beside the note and at the root: Pandoc finds it run from either
    const csl = pandoc.files.find((f) => f.path === 'references.json')!.content
    expect(pandoc.files.find((f) => f.path === 'notes/references.json')!.content).toBe(csl)
    expect(JSON.parse(csl)[0]).toMatchObject({
      id: 'tazmini2021',
      type: 'webpage',
      author: [{ family: 'Tazmini', given: 'Ghoncheh' }],
      issued: { 'date-parts': [[2021, 1, 18]] },
      'container-title': 'Research for the World'
    })
    // BibLaTeX written by citation-js: a web page is @online, capitals are kept, the full date too
    const bib = pandoc.files.find((f) => f.path === 'references.bib')!.content
    expect(bib).toContain('@online{tazmini2021,')
    expect(bib).toContain('title = {Russia and {Iran} -- a strategic alliance or something more?}')
    expect(bib).toContain('date = {2021-01-18}')
  })

  it('escapes what Pandoc would read as a citation or a superscript in the text, in the Pandoc style only', async () => {
    const nb = await open(tempDir())
    const note = await nb.createNote('Handles')
    await nb.saveNote({ id: note.id, title: 'Handles', content: doc(J.paragraph([J.text('Mail @handle about 2^10^ ideas.')])), baseRevision: note.revision })
    const body = async (style: 'pandoc' | 'links') => (await nb.exportMarkdown({ notes: [note.id], style })).files.find((f) => f.path.startsWith('notes/'))!.content
    expect(await body('pandoc')).toContain('Mail \\@handle about 2\\^10\\^ ideas.')
    expect(await body('links')).toContain('Mail @handle about 2^10^ ideas.')
  })

  it('exports an orphaned link with its saved quote, marked unresolved', async () => {
    const nb = await open(tempDir())
    const note = await nb.createNote('Orphan')
    const anchor = { sourceId: 'russia-iran-alignment', blockId: 'p-gone', paragraph: 4, quote: { exact: 'words no longer in the source', prefix: '', suffix: '' } }
    await nb.saveNote({ id: note.id, title: 'Orphan', content: doc(J.paragraph([J.text('See '), { type: 'paragraph-link', version: 1, anchor, sourceTitle: 'X' }])), baseRevision: note.revision })
    const file = (await nb.exportMarkdown({ notes: [note.id], style: 'links' })).files.find((f) => f.path.startsWith('notes/'))!
    expect(file.content).toContain('See ¶4 (unresolved link: “words no longer in the source”)')
  })

  it('never overwrites an existing file without force, and writes nothing then', async () => {
    const { nb } = await notebookWithCitations()
    const out = tempDir()
    mkdirSync(join(out, 'notes'))
    writeFileSync(join(out, 'index.md'), 'mine')
    const { files } = await nb.exportMarkdown({ notes: 'all', style: 'links' })
    await expect(writeExport(files, out, false)).rejects.toThrow(/index\.md already exists; nothing was written\. Use --force to overwrite/)
    expect(readFileSync(join(out, 'index.md'), 'utf8')).toBe('mine')
    expect(existsSync(join(out, 'sources'))).toBe(false)
    await writeExport(files, out, true)
    expect(readFileSync(join(out, 'index.md'), 'utf8')).toContain('# Pilcrow notebook')
  })

  it('comes back in: an exported notebook imported into an empty workspace gives the same notes and links', async () => {
    const { nb, note } = await notebookWithCitations()
    const out = join(tempDir(), 'export')
    await writeExport((await nb.exportMarkdown({ notes: 'all', style: 'links' })).files, out, false)
    const fresh = await open(tempDir())
    const result = await fresh.importNotebook(out)
    expect(result.notes).toEqual([{ id: note.id, title: 'Kremlin: a/b?', status: 'added', links: 2, orphaned: 0, missing: [] }])
    const original = await nb.getNote(note.id)
    const imported = await fresh.getNote(note.id)
    expect(imported.title).toBe(original.title)
    expect(imported.createdAt).toBe(original.createdAt)
    expect(visible(imported.content.root)).toEqual(visible(original.content.root))
    expect(Object.keys((await fresh.getBacklinks('russia-iran-alignment')).byBlock)).toEqual(Object.keys((await nb.getBacklinks('russia-iran-alignment')).byBlock))
  })

  it('bibliographies name every cited source, each under its own key', async () => {
    const { source } = await notebookWithCitations()
    const twin = { ...source, id: 'twin', meta: { ...source.meta, citationKey: undefined, title: 'Another article' } }
    const keys = citationKeys([source, twin])
    expect([...keys.values()]).toEqual(['tazmini2021', 'tazmini2021b'])
    const items = cslItems([source, twin], keys)
    expect(toBibLaTeX(items)).toContain('author = {Tazmini, Ghoncheh}')
    expect(JSON.parse(toCslJson(items)).map((i: { id: string }) => i.id)).toEqual(['tazmini2021', 'tazmini2021b'])
  })
})

/** The note as a reader sees it: node types, text, formats, link targets, citation anchors. */
function visible(node: unknown): unknown {
  const n = node as JsonNode
  const out: Record<string, unknown> = { type: n.type }
  for (const key of ['text', 'tag', 'listType', 'checked', 'url', 'anchor']) if (n[key] !== undefined) out[key] = n[key]
  if (n['format'] && n.type === 'text') out['format'] = n['format']
  if (n.children) out['children'] = n.children.map(visible)
  return out
}
