import type { SerializedEditorState } from '../../../shared/notes'

/** A note's Lexical JSON for tests: words, paragraphs, chips, as the editor writes them. */
export const text = (words: string, format = 0) => ({ type: 'text', text: words, detail: 0, format, mode: 'normal', style: '', version: 1 })

export const paragraph = (...children: unknown[]) => ({ type: 'paragraph', children: children.map((c) => (typeof c === 'string' ? text(c) : c)), direction: null, format: '', indent: 0, version: 1 })

export const chip = (quote: string, paragraphNumber: number) => ({
  type: 'paragraph-link',
  version: 1,
  anchor: { sourceId: 'russia-iran-alignment', blockId: `p-${paragraphNumber}`, paragraph: paragraphNumber, quote, prefix: '', suffix: '' },
  sourceTitle: 'Russia and Iran'
})

export const note = (...blocks: unknown[]): SerializedEditorState => ({ root: { type: 'root', children: blocks, direction: null, format: '', indent: 0, version: 1 } as SerializedEditorState['root'] })

/** A note of one paragraph of these words. */
export const noteOf = (words: string): SerializedEditorState => note(paragraph(words))
