import { describe, expect, it } from 'vitest'
import { createAnchor } from '../../shared/anchors'
import { linkLabel, PARAGRAPH_LINK_TYPE } from '../../shared/links'
import type { SerializedEditorState } from '../../shared/notes'
import { extractLinks, sentenceAround } from './link-extraction'
import { useNotebooks, useTempDirs } from './test-support'

const tempDir = useTempDirs()
const open = useNotebooks()

const text = (t: string) => ({ type: 'text', text: t, version: 1 })
const chip = (anchor: ReturnType<typeof createAnchor>) => ({ type: PARAGRAPH_LINK_TYPE, version: 1, anchor, sourceTitle: 'Russia and Iran – a strategic alliance or something more?' })
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
    )
    expect(links.map((l) => [l.anchor.paragraph, l.occurrence, l.context])).toEqual([
      [6, 0, `The bulwark point ${linkLabel(6, 'Russia and Iran – a strategic alliance or something more?')} matters.`],
      [9, 1, `“quoted” ${linkLabel(9, 'Russia and Iran – a strategic alliance or something more?')}`]
    ])
  })

  it('ignores malformed link nodes', () => {
    expect(extractLinks(doc(para({ type: PARAGRAPH_LINK_TYPE, anchor: { nope: 1 } }, text('x'))))).toEqual([])
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
