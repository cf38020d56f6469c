import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { NoteDoc } from './note-doc'
import { chip, note, paragraph, text } from './testing/note-json'

/** Two documents that exchange every update at once, as two peers on a server do. */
function connected(): [NoteDoc, NoteDoc] {
  const a = new NoteDoc()
  const b = new NoteDoc()
  a.doc.on('update', (u: Uint8Array, origin: unknown) => origin !== 'wire' && Y.applyUpdate(b.doc, u, 'wire'))
  b.doc.on('update', (u: Uint8Array, origin: unknown) => origin !== 'wire' && Y.applyUpdate(a.doc, u, 'wire'))
  return [a, b]
}

const words = (doc: NoteDoc): string => JSON.stringify(doc.content().root).match(/"text":"[^"]*"/g)?.join(' ') ?? ''

describe('a note as a Yjs document', () => {
  it('carries text and chips from one headless editor to another, as the note file stores them', () => {
    const [a, b] = connected()
    a.setContent(note(paragraph(text('Both states resist '), chip('words', 6), text(' unipolarity.'))))
    const content = b.content()
    expect(JSON.stringify(content)).toContain('"anchor":{"sourceId":"russia-iran-alignment","blockId":"p-6"')
    expect(words(b)).toBe('"text":"Both states resist " "text":" unipolarity."')
    expect(b.content()).toEqual(a.content())
  })

  it('merges two edits made apart from one another into the same paragraph (no words lost or doubled)', () => {
    const a = new NoteDoc()
    a.setContent(note(paragraph(text('The alignment is pragmatic.')), paragraph(text('Second paragraph.'))))
    const b = new NoteDoc(Y.encodeStateAsUpdate(a.doc))
    a.setContent(note(paragraph(text('The alignment is deeply pragmatic.')), paragraph(text('Second paragraph.'))))
    b.setContent(note(paragraph(text('The alignment is pragmatic, not ideological.')), paragraph(text('Second paragraph.'))))
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc))
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc))
    expect(words(a)).toBe('"text":"The alignment is deeply pragmatic, not ideological." "text":"Second paragraph."')
    expect(b.content()).toEqual(a.content())
  })

  it('keeps content this build cannot show exactly as it was stored', () => {
    const [a, b] = connected()
    const table = { type: 'table', version: 1, children: [], fromTheFuture: true }
    a.setContent(note(paragraph(text('Before.')), table))
    expect(b.content().root.children[1]).toEqual(table)
  })

  it('keeps the title and trash state in its meta map', () => {
    const [a, b] = connected()
    a.writeMeta({ title: 'Shared worldview', createdAt: '2026-12-01T10:00:00.000Z', updatedAt: '2026-12-01T10:00:00.000Z', trashedAt: null })
    expect(b.readMeta()?.title).toBe('Shared worldview')
  })
})
