import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { decodeText } from './decode-text'
import { importPlainText } from './plain-text'

const book = readFileSync(join(__dirname, 'fixtures', 'text', 'lincoln-speeches.txt'))

describe('plain text import of a public-domain book in Project Gutenberg layout', () => {
  const { meta, blocks } = importPlainText(decodeText(book, 'lincoln-speeches.txt'), 'lincoln-speeches.txt')

  it('reads the title, author and date from the header fields', () => {
    expect(meta).toMatchObject({ title: 'Two Speeches', authors: ['Abraham Lincoln'], date: '1863-11-19', originalFile: 'lincoln-speeches.txt' })
  })

  it('leaves out the licence text, joins hard-wrapped lines, finds headings and list items', () => {
    expect(blocks.map((b) => [b.kind, b.paragraph, b.text.slice(0, 30)])).toEqual([
      ['heading', null, 'TWO SPEECHES'],
      ['heading', null, 'THE GETTYSBURG ADDRESS'],
      ['paragraph', 1, 'Four score and seven years ago'],
      ['paragraph', 2, 'Now we are engaged in a great '],
      ['paragraph', 3, 'But, in a larger sense, we can'],
      ['heading', null, 'Chapter 2. The Second Inaugura'],
      ['paragraph', 4, 'Fellow-Countrymen: At this sec'],
      ['paragraph', 5, 'With malice toward none, with '],
      ['paragraph', 6, 'Some of the phrases remembered'],
      ['listItem', 7, 'government of the people, by t'],
      ['listItem', 8, 'with malice toward none, with ']
    ])
    expect(blocks[3]!.text).toContain('We are met on a great battle-field of that war.')
    expect(blocks[4]!.text).toMatch(/shall not perish from the earth\.$/)
    expect(blocks.some((b) => /Gutenberg|renamed/.test(b.text))).toBe(false)
  })

  it('gives the same ids to the same paragraphs when the file is wrapped differently', () => {
    const rewrapped = importPlainText(decodeText(book, 'x.txt').replace(/([a-z,]) ?\r?\n(?=[a-z])/g, '$1 '), 'x.txt')
    expect(rewrapped.blocks.map((b) => b.id)).toEqual(blocks.map((b) => b.id))
  })
})

describe('plain text without a header', () => {
  it('takes the title from the file name and numbers every paragraph', () => {
    const { meta, blocks } = importPlainText('One paragraph here.\n\nAnother one,\nwrapped.\n', 'field notes.txt')
    expect(meta.title).toBe('field notes')
    expect(blocks.map((b) => b.text)).toEqual(['One paragraph here.', 'Another one, wrapped.'])
  })

  it('refuses a file with only white space', () => {
    expect(() => importPlainText('  \n\n\t\n', 'blank.txt')).toThrow('blank.txt: there is no text to import.')
  })
})

describe('decoding text files', () => {
  it('refuses binary data with a text extension', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])
    expect(() => decodeText(png, 'photo.txt')).toThrow('photo.txt: this file holds binary data, not text, so it cannot be imported as a .txt file.')
  })

  it('refuses invalid UTF-8 and says where the first bad byte is', () => {
    const latin1 = new Uint8Array([...new TextEncoder().encode('Caf'), 0xe9, 0x20, 0x6e, 0x6f, 0x69, 0x72])
    expect(() => decodeText(latin1, 'menu.md')).toThrow('menu.md: the file is not valid UTF-8 text (the first bad byte is at offset 3). Save it as UTF-8 and import it again.')
  })

  it('reads UTF-16 with a byte-order mark and drops a UTF-8 one', () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...'Hé'].flatMap((c) => [c.charCodeAt(0), 0])])
    expect(decodeText(utf16, 'a.txt')).toBe('Hé')
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]), 'b.txt')).toBe('A')
  })
})
