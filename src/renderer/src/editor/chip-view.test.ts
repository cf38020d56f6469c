import { describe, expect, it } from 'vitest'
import { createAnchor } from '../../../shared/anchors'
import { assignIdsAndNumbers } from '../../../shared/block-ids'
import type { Source } from '../../../shared/model'
import { chipView } from './chip-view'

const paragraphs = ['Tehran and Moscow share a wariness of the West.', 'Their cooperation in Syria was tactical rather than strategic.', 'Energy ties remain thin.']
const source: Source = {
  id: 'alignment',
  meta: { title: 'Russia and Iran – a strategic alliance or something more?', authors: [] },
  blocks: assignIdsAndNumbers(paragraphs.map((text) => ({ kind: 'paragraph' as const, text })))
}
const second = source.blocks[1]!
const anchor = createAnchor(source, second.id)

describe('the chip of a paragraph link', () => {
  it('names the paragraph and its source, shows the paragraph, and reveals it', () => {
    expect(chipView(anchor, source.meta.title, source)).toEqual({
      state: 'ok',
      label: '¶2 · Russia and Iran – a strategic…',
      number: '¶2',
      title: 'Russia and Iran – a strategic…',
      preview: paragraphs[1],
      revealBlockId: second.id,
      revealRange: null
    })
  })

  it('names the page of a PDF’s paragraph, and the chapter of a book’s', () => {
    const onPage: Source = { ...source, blocks: source.blocks.map((b) => ({ ...b, page: 4 })) }
    expect(chipView(anchor, source.meta.title, onPage)).toMatchObject({ number: 'p. 4, ¶2', label: 'p. 4, ¶2 · Russia and Iran – a strategic…' })
    const inChapter: Source = { ...source, blocks: source.blocks.map((b) => ({ ...b, chapter: 3 })) }
    expect(chipView(anchor, source.meta.title, inChapter)).toMatchObject({ number: 'ch. 3, ¶2', label: 'ch. 3, ¶2 · Russia and Iran – a strategic…' })
  })

  it('shows only the cited words of a quote, and a click marks them', () => {
    const quote = createAnchor(source, second.id, { start: 6, end: 17 })
    expect(chipView(quote, source.meta.title, source)).toMatchObject({ preview: 'cooperation', revealRange: { start: 6, end: 17 } })
  })

  it('follows its paragraph when paragraphs before it are removed, and says when the cited words changed', () => {
    const edited: Source = { ...source, blocks: assignIdsAndNumbers([{ kind: 'paragraph', text: 'Their cooperation in Syria was tactical, never strategic.' }, { kind: 'paragraph', text: paragraphs[2]! }]).map((b, i) => (i === 0 ? { ...b, id: second.id } : b)) }
    const view = chipView(anchor, source.meta.title, edited)
    expect(view).toMatchObject({ state: 'changed', number: '¶1', label: '¶1 · Russia and Iran – a strategic… (cited words changed)', revealBlockId: second.id })
    expect(view.preview).toBe('Their cooperation in Syria was tactical, never strategic.')
  })

  it('is unresolved, with its saved quote, when its paragraph or its source is gone; reveals nothing', () => {
    const without: Source = { ...source, blocks: [source.blocks[0]!] }
    for (const loaded of [without, null]) {
      expect(chipView(anchor, source.meta.title, loaded)).toMatchObject({
        state: 'orphan',
        label: '¶2 · Russia and Iran – a strategic… (unresolved link)',
        preview: paragraphs[1],
        revealBlockId: null
      })
    }
  })

  it('shows what the link saved while its source loads', () => {
    expect(chipView(anchor, 'The title when linked', undefined)).toMatchObject({ state: 'ok', label: '¶2 · The title when linked', preview: paragraphs[1], revealBlockId: null })
  })

  it('cuts a long preview', () => {
    const long: Source = { ...source, blocks: assignIdsAndNumbers([{ kind: 'paragraph', text: 'word '.repeat(200) }]) }
    expect(chipView(createAnchor(long, long.blocks[0]!.id), 'Long', long).preview).toHaveLength(421)
  })
})
