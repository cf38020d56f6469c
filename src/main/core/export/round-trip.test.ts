import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createAnchor, type ParagraphAnchor } from '../../../shared/anchors'
import * as J from '../../../shared/markdown/lexical-json'
import type { JsonNode } from '../../../shared/markdown/lexical-json'
import type { CitationStyle } from '../../../shared/markdown/serialize'
import { noteBlocks } from '../../../shared/note-content'
import type { SerializedEditorState } from '../../../shared/notes'
import type { Notebook } from '../notebook'
import { useNotebooks, useTempDirs } from '../test-support'
import { writeExport } from './write-export'

const tempDir = useTempDirs()
const open = useNotebooks()
const doc = (...children: JsonNode[]) => ({ root: { type: 'root', version: 1, children } }) as unknown as SerializedEditorState
const STYLES: CitationStyle[] = ['links', 'footnotes', 'pandoc', 'csl']

/** A notebook with two notes citing the article: whole paragraphs, a quote inside one, a list, an orphan. */
async function notebookWithCitations(): Promise<{ nb: Notebook; ids: string[] }> {
  const nb = await open(tempDir())
  const source = await nb.getSource('russia-iran-alignment')
  const block = (n: number) => source.blocks.find((b) => b.paragraph === n)!
  const chip = (anchor: ParagraphAnchor): JsonNode => ({ type: 'paragraph-link', version: 1, anchor, sourceTitle: source.meta.title })
  const words = 'while Russia did not deliver on time'
  const at = block(9).text.indexOf(words)
  const orphan: ParagraphAnchor = { sourceId: 'russia-iran-alignment', blockId: 'p-gone', paragraph: 4, quote: { exact: 'words no longer in the source', prefix: '', suffix: '' } }
  const first = await nb.createNote('Alignment')
  await nb.saveNote({
    id: first.id,
    title: 'Alignment',
    content: doc(
      J.heading(2, [J.text('Not an alliance')]),
      J.paragraph([J.text('Alignment '), chip(createAnchor(source, block(5).id)), J.text(', not alliance; see also '), chip(createAnchor(source, block(6).id)), J.text('.')]),
      J.quote([J.text(`“${words}” `), chip(createAnchor(source, block(9).id, { start: at, end: at + words.length }))]),
      J.list('bullet', 1, [J.listItem(1, [J.text('pluralism '), chip(createAnchor(source, block(11).id))]), J.listItem(2, [J.text('gone '), chip(orphan)])]),
      J.paragraph([J.text('Again '), chip(createAnchor(source, block(6).id)), J.text(' and last '), chip(createAnchor(source, block(12).id))])
    ),
    baseRevision: first.revision
  })
  const second = await nb.createNote('Second thoughts')
  await nb.saveNote({ id: second.id, title: 'Second thoughts', content: doc(J.paragraph([J.text('Bulwark '), chip(createAnchor(source, block(6).id))])), baseRevision: second.revision })
  return { nb, ids: [first.id, second.id] }
}

/** A note as its reader sees it: block by block, its text with each chip as the source, block and words it names. */
function reading(content: SerializedEditorState): string[] {
  return noteBlocks(content).map((b) => b.pieces.map((p) => (p.link ? `[${p.link.anchor.sourceId}#${p.link.anchor.blockId} “${p.link.anchor.quote.exact.slice(0, 30)}”]` : p.text)).join(''))
}

async function exported(nb: Notebook, style: CitationStyle): Promise<string> {
  const out = join(tempDir(), 'export')
  await writeExport((await nb.exportMarkdown({ notes: 'all', style })).files, out, false)
  return out
}

const noteFile = (out: string, title: string) => join(out, 'notes', `${title}.md`)

describe('export → import gives back the same notes, in every style', () => {
  it.each(STYLES)('%s: the same notes, text, chips (source, block, words) and order', async (style) => {
    const { nb, ids } = await notebookWithCitations()
    const out = await exported(nb, style)
    const fresh = await open(tempDir())
    const result = await fresh.importNotebook(out)
    expect(result.notes.map((n) => [n.title, n.status, n.links, n.orphaned, n.missing.length])).toEqual([
      ['Alignment', 'added', 7, 0, 0],
      ['Second thoughts', 'added', 1, 0, 0]
    ])
    for (const id of ids) {
      const [before, after] = [await nb.getNote(id), await fresh.getNote(id)]
      expect(after.title).toBe(before.title)
      expect(reading(after.content)).toEqual(reading(before.content))
      // the very same anchors, quote and context included
      const anchors = (c: SerializedEditorState) => noteBlocks(c).flatMap((b) => b.pieces.flatMap((p) => (p.link ? [p.link.anchor] : [])))
      expect(anchors(after.content)).toEqual(anchors(before.content))
    }
  })

  it.each(STYLES)('%s: a citation deleted from the exported text moves no other; it is reported, with its words', async (style) => {
    const { nb, ids } = await notebookWithCitations()
    const out = await exported(nb, style)
    const path = noteFile(out, 'Alignment')
    const text = readFileSync(path, 'utf8')
    // the first citation of the text, as each style writes it
    const first = { links: /\[¶5\]\([^)]+\)/, footnotes: /\[\^1\]/, pandoc: /\[@tazmini2021, para\. 5\]/, csl: /\[\(Tazmini, 2021, para\. 5\)\]\([^)]+\)/ }[style]
    expect(text).toMatch(first)
    writeFileSync(path, text.replace(first, ''))
    const fresh = await open(tempDir())
    const [alignment] = (await fresh.importNotebook(out)).notes
    expect(alignment).toMatchObject({ links: 6, orphaned: 0 })
    expect(alignment!.missing).toEqual([{ paragraph: 5, quote: expect.stringMatching(/^The term “alliance”, I argue/) }])
    const before = reading((await nb.getNote(ids[0]!)).content)
    const after = reading((await fresh.getNote(ids[0]!)).content)
    expect(after).toEqual(before.map((line) => line.replace(/\[russia-iran-alignment#p-[a-z0-9]+ “The term “alliance”[^\]]*\]/, '')))
  })

  it('imported twice: the second time each note is skipped as unchanged; an edited one is updated, the version it replaced kept in the trash', async () => {
    const { nb } = await notebookWithCitations()
    const out = await exported(nb, 'links')
    const fresh = await open(tempDir())
    await fresh.importNotebook(out)
    const again = await fresh.importNotebook(out)
    expect(again.notes.map((n) => n.status)).toEqual(['unchanged', 'unchanged'])
    expect((await fresh.listNotes()).notes).toHaveLength(2)
    writeFileSync(noteFile(out, 'Second thoughts'), readFileSync(noteFile(out, 'Second thoughts'), 'utf8').replace('Bulwark', 'Bastion'))
    const third = await fresh.importNotebook(out)
    expect(third.notes.map((n) => n.status)).toEqual(['unchanged', 'updated'])
    expect(third.notes[1]!.previousKept).toMatch(/^Second thoughts \(before import, .+\)$/)
    const list = await fresh.listNotes()
    expect(list.notes).toHaveLength(2)
    expect(list.trash.map((n) => n.title)).toEqual([third.notes[1]!.previousKept])
    expect(reading((await fresh.getNote(list.trash[0]!.id)).content)[0]).toMatch(/^Bulwark /)
    expect(reading((await fresh.getNote(third.notes[1]!.id)).content)[0]).toMatch(/^Bastion /)
  })
})

// Where pandoc is missing this skips: install it (apt-get install pandoc), as .ci/run does.
const hasPandoc = spawnSync('pandoc', ['--version']).status === 0

describe.skipIf(!hasPandoc)('the Pandoc export, read by the real pandoc --citeproc', () => {
  it('resolves every citation run from the export folder and from notes/, with no warning', async () => {
    const { nb } = await notebookWithCitations()
    const out = await exported(nb, 'pandoc')
    const notes = readdirSync(join(out, 'notes')).filter((n) => n.endsWith('.md'))
    expect(notes).toHaveLength(2)
    for (const [cwd, prefix] of [
      [out, 'notes/'],
      [join(out, 'notes'), '']
    ] as const) {
      for (const note of notes) {
        const run = spawnSync('pandoc', ['--citeproc', '-t', 'plain', `${prefix}${note}`], { cwd, encoding: 'utf8' })
        expect(run.status, run.stderr).toBe(0)
        expect(run.stderr, `${cwd}: ${note}`).toBe('')
        // in the style chosen in Settings (APA unless changed), whose file the export carries
        expect(run.stdout).toContain('(Tazmini, 2021, para. 6)')
        expect(run.stdout).toMatch(/Tazmini, G\. \(2021, January 18\)\. Russia and Iran/)
      }
    }
  })
})

describe('links between notes, exported and imported', () => {
  const noteLink = (noteId: string, title: string): JsonNode => ({ type: 'note-link', version: 1, noteId, title })
  const linksIn = (c: SerializedEditorState) => noteBlocks(c).flatMap((b) => b.pieces.flatMap((p) => (p.noteLink ? [p.noteLink.noteId] : [])))

  async function linkedNotes(): Promise<{ nb: Notebook; alliance: string; buffer: string }> {
    const nb = await open(tempDir())
    const buffer = await nb.createNote('Buffer states')
    const alliance = await nb.createNote('Alliance (draft)')
    await nb.saveNote({ id: alliance.id, title: 'Alliance (draft)', content: doc(J.paragraph([J.text('The idea of '), noteLink(buffer.id, 'Buffer'), J.text(' explains it.')])), baseRevision: alliance.revision })
    await nb.saveNote({ id: buffer.id, title: 'Buffer states', content: doc(J.paragraph([J.text('Back to '), noteLink(alliance.id, 'Alliance (draft)')])), baseRevision: buffer.revision })
    return { nb, alliance: alliance.id, buffer: buffer.id }
  }

  it.each(STYLES)('%s: written as relative links to the other note’s file under its title now, and imported as links again', async (style) => {
    const { nb, alliance, buffer } = await linkedNotes()
    const out = await exported(nb, style)
    expect(readFileSync(noteFile(out, 'Alliance (draft)'), 'utf8')).toContain('The idea of [Buffer states](<Buffer states.md>) explains it.')
    expect(readFileSync(noteFile(out, 'Buffer states'), 'utf8')).toContain('Back to [Alliance (draft)](<Alliance (draft).md>)')
    const fresh = await open(tempDir())
    await fresh.importNotebook(out)
    expect(linksIn((await fresh.getNote(alliance)).content)).toEqual([buffer])
    expect(linksIn((await fresh.getNote(buffer)).content)).toEqual([alliance])
    expect((await fresh.getNoteBacklinks(buffer)).linkedFrom).toEqual([{ noteId: alliance, noteTitle: 'Alliance (draft)', context: 'The idea of Buffer states explains it.' }])
    expect((await fresh.importNotebook(out)).notes.map((n) => n.status)).toEqual(['unchanged', 'unchanged'])
  })

  it.skipIf(!hasPandoc)('a CommonMark reader (pandoc) follows the link to the other note’s file', async () => {
    const { nb } = await linkedNotes()
    const out = await exported(nb, 'links')
    const run = spawnSync('pandoc', ['-f', 'commonmark+yaml_metadata_block', '-t', 'html', noteFile(out, 'Alliance (draft)')], { encoding: 'utf8' })
    expect(run.stdout).toContain('<p>The idea of <a href="Buffer states.md">Buffer states</a> explains')
    expect(readdirSync(join(out, 'notes'))).toContain('Buffer states.md')
  })

  it('a note exported alone links to the other with pilcrow://note/…, which an import finds by id', async () => {
    const { nb, alliance, buffer } = await linkedNotes()
    const { files } = await nb.exportMarkdown({ notes: [alliance], style: 'links' })
    expect(files.find((f) => f.path.startsWith('notes/'))!.content).toContain(`[Buffer states](pilcrow://note/${buffer})`)
  })

  it('a source’s tags travel with the export: a workspace that has the source gains the tags it lacked', async () => {
    const nb = await open(tempDir())
    await nb.updateSourceMeta('russia-iran-alignment', { tags: ['iran', 'alliances'] })
    const note = await nb.createNote('A note')
    await nb.saveNote({ id: note.id, title: 'A note', content: doc(J.paragraph([J.text('Words.')])), baseRevision: note.revision })
    const out = await exported(nb, 'links')
    const fresh = await open(tempDir())
    await fresh.updateSourceMeta('russia-iran-alignment', { tags: ['mine'] })
    await fresh.importNotebook(out)
    expect((await fresh.getSource('russia-iran-alignment')).meta.tags).toEqual(['mine', 'iran', 'alliances'])
  })

  it('Markdown notes written in Obsidian: [[Title]] and [[Title|words]] become links to the notes with those titles', async () => {
    const folder = tempDir()
    writeFileSync(join(folder, 'Sanctions.md'), '# Sanctions\n\nSee [[Energy routes]] and [[energy routes|the routes]], not [[Nowhere]].\n')
    writeFileSync(join(folder, 'Energy routes.md'), 'Pipelines.\n')
    const nb = await open(tempDir())
    const result = await nb.importNotebook(folder)
    const energy = result.notes.find((n) => n.title === 'Energy routes')!.id
    const sanctions = await nb.getNote(result.notes.find((n) => n.title === 'Sanctions')!.id)
    expect(linksIn(sanctions.content)).toEqual([energy, energy])
    expect(noteBlocks(sanctions.content).at(-1)!.pieces.map((p) => p.text).join('')).toBe('See Energy routes and Energy routes, not [[Nowhere]].')
  })
})

describe('the formatted export (csl): citations and a bibliography in a CSL style', () => {
  it('writes each citation as the style does, still a link to its paragraph, and the bibliography; Chicago notes as footnotes', async () => {
    const { nb } = await notebookWithCitations()
    const note = (files: { path: string; content: string }[]) => files.find((f) => f.path === 'notes/Second thoughts.md')!.content
    const apa = note((await nb.exportMarkdown({ notes: 'all', style: 'csl', csl: 'apa' })).files)
    expect(apa).toContain('Bulwark [(Tazmini, 2021, para. 6)](../sources/russia-iran-alignment.md#^p6)')
    expect(apa).toContain('## References\n\nTazmini, G. (2021, January 18). *Russia and Iran – a strategic alliance or something more?* LSE. Research for the World. https://www.lse.ac.uk/rftw')
    const ieee = (await nb.exportMarkdown({ notes: 'all', style: 'csl', csl: 'ieee' })).files.find((f) => f.path === 'notes/Alignment.md')!.content
    expect(ieee).toContain('Alignment [\\[1, Para. 5\\]](../sources/russia-iran-alignment.md#^p5)')
    const notes = note((await nb.exportMarkdown({ notes: 'all', style: 'csl', csl: 'chicago-notes-bibliography' })).files)
    expect(notes).toContain('Bulwark [^1]')
    expect(notes).toContain('[^1]: Ghoncheh Tazmini, “Russia and Iran – a Strategic Alliance or Something More?,” Research for the World, LSE, January 18, 2021, para. 6, https://www.lse.ac.uk/rftw. [¶6](../sources/russia-iran-alignment.md#^p6)')
    await expect(nb.exportMarkdown({ notes: 'all', style: 'csl', csl: 'nope' })).rejects.toThrow(/no citation style "nope"/)
  }, 30_000)

  it('footnotes take the note form of a note style chosen (Chicago notes), keep the quoted words, and import back to the same citations', async () => {
    const { nb, ids } = await notebookWithCitations()
    await nb.updateSettings({ citationStyle: 'chicago-notes-bibliography' })
    const { files } = await nb.exportMarkdown({ notes: 'all', style: 'footnotes' })
    const second = files.find((f) => f.path === 'notes/Second thoughts.md')!.content
    expect(second).toMatch(/\[\^1\]: “While the Kremlin has acted as a bulwark[^”]*” — Ghoncheh Tazmini, “Russia and Iran – a Strategic Alliance or Something More\?,” Research for the World, LSE, January 18, 2021, para\. 6, https:\/\/www\.lse\.ac\.uk\/rftw\. \[Source\]\(\.\.\/sources\/russia-iran-alignment\.md#\^p6\)/)
    const out = join(tempDir(), 'export')
    await writeExport(files, out, false)
    const fresh = await open(tempDir())
    const result = await fresh.importNotebook(out)
    expect(result.notes.map((n) => [n.title, n.links, n.orphaned])).toEqual([
      ['Alignment', 7, 0],
      ['Second thoughts', 1, 0]
    ])
    expect(reading((await fresh.getNote(ids[0]!)).content)).toEqual(reading((await nb.getNote(ids[0]!)).content))
  }, 30_000)

  it.skipIf(!hasPandoc)('reads as intended in a CommonMark reader: the citation a link, the title in italics', async () => {
    const { nb } = await notebookWithCitations()
    await nb.updateSourceMeta('russia-iran-alignment', { type: 'article-journal', container: 'Journal of Eurasian Studies' })
    const out = join(tempDir(), 'export')
    await writeExport((await nb.exportMarkdown({ notes: 'all', style: 'csl', csl: 'apa' })).files, out, false)
    const run = spawnSync('pandoc', ['-f', 'commonmark+yaml_metadata_block+footnotes', '-t', 'html', '--wrap=none', noteFile(out, 'Second thoughts')], { encoding: 'utf8' })
    expect(run.stdout).toContain('<a href="../sources/russia-iran-alignment.md#^p6">(Tazmini, 2021, para. 6)</a>')
    expect(run.stdout).toContain('<em>Journal of Eurasian Studies</em>')
  }, 30_000)
})
