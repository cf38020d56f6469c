import { describe, expect, it } from 'vitest'
import { createAnchor } from '../../shared/anchors'
import { linkLabel, PARAGRAPH_LINK_TYPE } from '../../shared/links'
import { NOTE_LINK_TYPE } from '../../shared/note-links'
import type { LinksChangedEvent, NotebookEvent } from '../../shared/events'
import type { SerializedEditorState } from '../../shared/notes'
import { extractLinks, sentenceAround } from './link-extraction'
import { useNotebooks, useTempDirs } from './test-support'

const tempDir = useTempDirs()
const open = useNotebooks()

const text = (t: string) => ({ type: 'text', text: t, version: 1 })
const chip = (anchor: ReturnType<typeof createAnchor>) => ({ type: PARAGRAPH_LINK_TYPE, version: 1, anchor, sourceTitle: 'Russia and Iran – a strategic alliance or something more?' })
const noteLink = (noteId: string, title: string) => ({ type: NOTE_LINK_TYPE, version: 1, noteId, title })
const doc = (...blocks: unknown[]): SerializedEditorState => ({ root: { type: 'root', children: blocks } })
const para = (...children: unknown[]) => ({ type: 'paragraph', children })

describe('extractLinks', () => {
  it('finds links in reading order with the sentence around each', async () => {
    const nb = await open(tempDir())
    const source = await nb.getSource('russia-iran-alignment')
    const p6 = createAnchor(source, source.blocks.find((b) => b.paragraph === 6)!.id)
    const p9 = createAnchor(source, source.blocks.find((b) => b.paragraph === 9)!.id)
    const links = extractLinks(
      doc(para(text('First sentence. The bulwark point '), chip(p6), text(' matters. Last one.')), { type: 'quote', children: [text('“quoted” '), chip(p9)] })
    ).citations
    expect(links.map((l) => [l.anchor.paragraph, l.occurrence, l.context])).toEqual([
      [6, 0, `The bulwark point ${linkLabel(6, 'Russia and Iran – a strategic alliance or something more?')} matters.`],
      [9, 1, `“quoted” ${linkLabel(9, 'Russia and Iran – a strategic alliance or something more?')}`]
    ])
  })

  it('ignores malformed link nodes', () => {
    expect(extractLinks(doc(para({ type: PARAGRAPH_LINK_TYPE, anchor: { nope: 1 } }, { type: NOTE_LINK_TYPE, noteId: '../etc' }, text('x'))))).toEqual({ citations: [], noteLinks: [] })
  })

  it('finds links to notes with their sentence, each read by its target’s title now', () => {
    const content = doc(para(text('Background. As argued in '), noteLink('n-a', 'Old title'), text(', and again. Next.')))
    expect(extractLinks(content).noteLinks).toEqual([{ noteId: 'n-a', context: 'As argued in Old title, and again.' }])
    expect(extractLinks(content, (id) => (id === 'n-a' ? 'New title' : undefined)).noteLinks).toEqual([{ noteId: 'n-a', context: 'As argued in New title, and again.' }])
  })

  it('cuts long sentences', () => {
    const long = 'word '.repeat(200)
    expect(sentenceAround(long, 500, 505).length).toBeLessThanOrEqual(242)
  })
})

describe('LinkIndex', () => {
  it('derives backlinks from notes, updates on save and trash, and resolves them against the source', async () => {
    const dir = tempDir()
    const nb = await open(dir)
    const source = await nb.getSource('russia-iran-alignment')
    const p6 = source.blocks.find((b) => b.paragraph === 6)!
    const note = await nb.createNote('Kremlin')
    expect((await nb.getBacklinks(source.id)).byBlock).toEqual({})
    await nb.saveNote({ id: note.id, title: 'Kremlin', content: doc(para(text('See '), chip(createAnchor(source, p6.id)))), baseRevision: note.revision })
    const backlinks = await nb.getBacklinks(source.id)
    expect(Object.keys(backlinks.byBlock)).toEqual([p6.id])
    expect(backlinks.byBlock[p6.id]![0]).toMatchObject({ noteId: note.id, noteTitle: 'Kremlin', occurrence: 0 })

    // rebuilt from the notes on start
    const reopened = await open(dir)
    expect(Object.keys((await reopened.getBacklinks(source.id)).byBlock)).toEqual([p6.id])

    await reopened.trashNote(note.id)
    expect((await reopened.getBacklinks(source.id)).byBlock).toEqual({})
    await reopened.restoreNote(note.id)
    expect(Object.keys((await reopened.getBacklinks(source.id)).byBlock)).toEqual([p6.id])
  })

  it('lists a link that no longer resolves as an orphan, keeping its quote', async () => {
    const nb = await open(tempDir())
    const source = await nb.getSource('russia-iran-alignment')
    const anchor = { ...createAnchor(source, source.blocks.find((b) => b.paragraph === 6)!.id), blockId: 'p-gone', quote: { exact: 'words that are nowhere in the article at all', prefix: '', suffix: '' } }
    const note = await nb.createNote('Lost')
    await nb.saveNote({ id: note.id, title: 'Lost', content: doc(para(chip(anchor))), baseRevision: note.revision })
    const backlinks = await nb.getBacklinks(source.id)
    expect(backlinks.byBlock).toEqual({})
    expect(backlinks.orphans).toHaveLength(1)
    expect(backlinks.orphans[0]!.anchor.quote.exact).toBe('words that are nowhere in the article at all')
  })
})

describe('links between notes', () => {
  it('lists the notes linking to a note with their sentences, follows renames, trash and restore, and says whose list changed', async () => {
    const nb = await open(tempDir())
    const heard: LinksChangedEvent[] = []
    nb.onEvent((event: NotebookEvent) => event.type === 'links-changed' && heard.push(event))
    const target = await nb.createNote('Buffer states')
    const linking = await nb.createNote('Alliance')
    expect(await nb.getNoteBacklinks(target.id)).toEqual({ noteId: target.id, linkedFrom: [] })

    const saved = await nb.saveNote({ id: linking.id, title: 'Alliance', content: doc(para(text('Intro. The idea of '), noteLink(target.id, 'Buffer states'), text(' explains it.'))), baseRevision: linking.revision })
    expect((await nb.getNoteBacklinks(target.id)).linkedFrom).toEqual([{ noteId: linking.id, noteTitle: 'Alliance', context: 'The idea of Buffer states explains it.' }])
    expect(heard.at(-1)?.noteIds).toEqual([target.id])

    // the target renamed: the sentence names it by its new title; the link saved its old one
    const t = await nb.getNote(target.id)
    await nb.saveNote({ id: target.id, title: 'Buffer zones', content: t.content, baseRevision: t.revision })
    expect((await nb.getNoteBacklinks(target.id)).linkedFrom[0]!.context).toBe('The idea of Buffer zones explains it.')

    // the linking note in the trash: it no longer links; restored, it does again
    await nb.trashNote(linking.id)
    expect((await nb.getNoteBacklinks(target.id)).linkedFrom).toEqual([])
    await nb.restoreNote(linking.id)
    expect((await nb.getNoteBacklinks(target.id)).linkedFrom).toHaveLength(1)

    // the link removed
    const l = await nb.getNote(linking.id)
    await nb.saveNote({ id: linking.id, title: 'Alliance', content: doc(para(text('Nothing linked.'))), baseRevision: l.revision })
    expect((await nb.getNoteBacklinks(target.id)).linkedFrom).toEqual([])
    expect(heard.at(-1)?.noteIds).toEqual([target.id])
    void saved
  })

  it('finds a note by the title of a note it links to, renamed or not', async () => {
    const nb = await open(tempDir())
    const target = await nb.createNote('Caspian pipelines')
    const linking = await nb.createNote('Energy')
    await nb.saveNote({ id: linking.id, title: 'Energy', content: doc(para(text('See '), noteLink(target.id, 'Caspian pipelines'))), baseRevision: linking.revision })
    const notesFound = async (query: string): Promise<string[]> => (await nb.search({ query, scope: 'notes' })).hits.map((h) => (h.kind === 'note' ? h.noteId : ''))
    expect(await notesFound('pipelines')).toEqual(expect.arrayContaining([target.id, linking.id]))
    const t = await nb.getNote(target.id)
    await nb.saveNote({ id: target.id, title: 'Gas routes', content: t.content, baseRevision: t.revision })
    expect(await notesFound('routes')).toEqual(expect.arrayContaining([target.id, linking.id]))
    expect(await notesFound('pipelines')).toEqual([])
  })
})
