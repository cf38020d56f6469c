import fc from 'fast-check'
import { $createTextNode, $getRoot, $isParagraphNode, createEditor, type LexicalEditor } from 'lexical'
import { describe, expect, it } from 'vitest'
import { noteChildrenArbitrary } from '../../../main/core/testing/note-arbitrary'
import { MAX_NOTE_DEPTH } from '../../../shared/note-nodes'
import type { SerializedEditorState } from '../../../shared/notes'
import { NOTE_NODES } from './editor-config'
import { fromEditorState, OPAQUE_TYPE, toEditorState } from '../../../shared/opaque-content'

type Json = Record<string, unknown>

const text = (t: string): Json => ({ type: 'text', text: t, format: 0, detail: 0, mode: 'normal', style: '', version: 1 })
const paragraph = (...children: Json[]): Json => ({ type: 'paragraph', children, direction: null, format: '', indent: 0, version: 1 })
const note = (...children: unknown[]): SerializedEditorState => ({ root: { type: 'root', children, direction: null, format: '', indent: 0, version: 1 } })
const TABLE = { type: 'table', version: 1, colWidths: [90, 90], children: [{ type: 'tablerow', children: [{ type: 'tablecell', headerState: 1, children: [paragraph(text('cell words'))] }] }] }

/** A headless editor with the note's nodes; any error Lexical reports fails the test. */
function headlessEditor(): { editor: LexicalEditor; errors: Error[] } {
  const errors: Error[] = []
  const editor = createEditor({ namespace: 'test', nodes: NOTE_NODES, onError: (e) => errors.push(e) })
  return { editor, errors }
}

/** Loads a note as the editor does, applies `edit`, and returns what would be saved. */
function roundTrip(content: SerializedEditorState, edit?: () => void): { saved: SerializedEditorState; errors: Error[]; kept: number } {
  const prepared = toEditorState(content)
  if (!prepared.ok) throw new Error(prepared.reason)
  const { editor, errors } = headlessEditor()
  editor.setEditorState(editor.parseEditorState(JSON.stringify(prepared.state)))
  if (edit) editor.update(edit, { discrete: true })
  const saved = fromEditorState(editor.getEditorState().toJSON() as unknown as SerializedEditorState)
  return { saved, errors, kept: prepared.kept.length }
}

const typeAtStart = (): void => {
  const first = $getRoot().getChildren().find($isParagraphNode)
  first?.splice(0, 0, [$createTextNode('typed ')])
}

describe('content this build does not know', () => {
  it('a table between two paragraphs is shown as a placeholder and saved back untouched after an edit', () => {
    const content = note(paragraph(text('first')), TABLE, paragraph(text('last')))
    const { saved, errors, kept } = roundTrip(content, typeAtStart)
    expect(errors).toEqual([])
    expect(kept).toBe(1)
    const children = saved.root.children as Json[]
    expect(children).toHaveLength(3)
    expect(children[1]).toEqual(TABLE)
    expect(JSON.stringify(children[0])).toContain('typed ')
    expect(JSON.stringify(children[2])).toContain('last')
  })

  it('an unknown node first, and an unknown inline node (a mention), survive too', () => {
    const mention = { type: 'mention', mentionName: 'Tazmini', text: '@Tazmini', version: 1 }
    const content = note({ type: 'image', src: 'x.png', version: 1 }, paragraph(text('see '), mention as Json, text(' here')))
    const { saved, errors } = roundTrip(content, typeAtStart)
    expect(errors.map(String)).toEqual([])
    const children = saved.root.children as Json[]
    expect(children[0]).toEqual({ type: 'image', src: 'x.png', version: 1 })
    expect((children[1]!['children'] as Json[]).find((c) => c['type'] === 'mention')).toEqual(mention)
  })

  it('a citation without its anchor is kept aside, not handed to the editor', () => {
    const bad = { type: 'paragraph-link', version: 1 }
    const prepared = toEditorState(note(paragraph(text('claim '), bad)))
    expect(prepared.ok && prepared.kept).toEqual([{ reason: 'a citation is damaged (its anchor is missing or wrong)' }])
    const { saved, errors } = roundTrip(note(paragraph(text('claim '), bad)))
    expect(errors).toEqual([])
    expect((saved.root.children as Json[])[0]!['children']).toContainEqual(bad)
  })

  it('a list holding an unknown item is kept aside whole (a list holds only items)', () => {
    const list = { type: 'list', listType: 'bullet', start: 1, tag: 'ul', version: 1, children: [{ type: 'listitem', value: 1, children: [text('one')] }, { type: 'callout', children: [] }] }
    const { saved, errors, kept } = roundTrip(note(list, paragraph(text('after'))))
    expect(errors).toEqual([])
    expect(kept).toBe(1)
    expect((saved.root.children as Json[])[0]).toEqual(list)
  })

  it('fields a newer version adds to a known node are kept', () => {
    const withExtras = { ...paragraph(text('x')), blockId: 'abc', style: { colour: 'red' } }
    const { saved, errors } = roundTrip(note(withExtras), typeAtStart)
    expect(errors).toEqual([])
    const first = (saved.root.children as Json[])[0]!
    expect(first['blockId']).toBe('abc')
    expect(first['style']).toEqual({ colour: 'red' })
    expect(first['$']).toBeUndefined()
  })

  it('the nodes Lexical itself writes have no field this build would treat as unknown', () => {
    const content = note(
      paragraph(text('plain'), { type: 'linebreak', version: 1 }, { type: 'link', url: 'https://example.org', rel: null, target: null, title: null, children: [text('a link')], direction: null, format: '', indent: 0, version: 1 }),
      { type: 'heading', tag: 'h2', children: [text('Heading')], direction: null, format: '', indent: 0, version: 1 },
      { type: 'quote', children: [text('Quote')], direction: null, format: '', indent: 0, version: 1 },
      { type: 'list', listType: 'check', start: 1, tag: 'ul', children: [{ type: 'listitem', value: 1, checked: true, children: [text('done')], direction: null, format: '', indent: 0, version: 1 }], direction: null, format: '', indent: 0, version: 1 },
      { type: 'code', language: 'js', children: [text('let x')], direction: null, format: '', indent: 0, version: 1 },
      { type: 'horizontalrule', version: 1 }
    )
    const once = roundTrip(content)
    expect(once.errors).toEqual([])
    expect(once.kept).toBe(0)
    // what Lexical wrote, read again: nothing set aside, no field stashed
    const again = toEditorState(once.saved)
    expect(again.ok && again.kept).toEqual([])
    expect(JSON.stringify(again.ok && again.state)).not.toContain('pilcrow:extra')
  })

  it('a note nested deeper than the limit is refused with a message, without overflowing the stack', () => {
    let node: Json = text('deep')
    for (let i = 0; i < 5000; i++) node = { type: 'quote', children: [node] }
    const prepared = toEditorState(note(node))
    expect(prepared).toEqual({ ok: false, reason: `This note cannot be shown: its content is nested more than ${MAX_NOTE_DEPTH} levels deep, deeper than Pilcrow reads.` })
  })
})

describe('generated note files (fuzz)', () => {
  it('never make Lexical fail, and every node the editor cannot show is saved back exactly', () => {
    fc.assert(
      fc.property(noteChildrenArbitrary, (children) => {
        const content = note(...children)
        const prepared = toEditorState(content)
        if (!prepared.ok) return
        const { editor, errors } = headlessEditor()
        editor.setEditorState(editor.parseEditorState(JSON.stringify(prepared.state)))
        editor.update(() => $getRoot().selectEnd().insertText('typed'), { discrete: true })
        expect(errors).toEqual([])
        const saved = fromEditorState(editor.getEditorState().toJSON() as unknown as SerializedEditorState)
        // every node kept aside is in the saved note, byte for byte
        const savedText = JSON.stringify(saved)
        const asides = JSON.stringify(prepared.state).match(new RegExp(`"type":"${OPAQUE_TYPE}"`, 'g'))?.length ?? 0
        expect(prepared.kept).toHaveLength(asides)
        for (const child of prepared.state.root.children as Json[]) {
          if (child['type'] === OPAQUE_TYPE) expect(savedText).toContain(JSON.stringify(child['original']))
        }
        expect(savedText).toContain('typed')
      }),
      { numRuns: 400 }
    )
  })
})
