import fc from 'fast-check'
import { createEmptyHistoryState, registerHistory } from '@lexical/history'
import { $createParagraphNode, $createTextNode, $getRoot, $isElementNode, $isTextNode, createEditor, HISTORY_PUSH_TAG, REDO_COMMAND, UNDO_COMMAND, type LexicalEditor, type LexicalNode } from 'lexical'
import { afterEach, describe, expect, it } from 'vitest'
import { noteChildrenArbitrary } from '../../../main/core/testing/note-arbitrary'
import type { SerializedEditorState } from '../../../shared/notes'
import { fromEditorState, toEditorState } from '../../../shared/opaque-content'
import { NOTE_NODES } from './editor-config'
import { SerializedBlocks } from './serialized-blocks'

const note = (children: unknown[]): SerializedEditorState => ({ root: { type: 'root', children, direction: null, format: '', indent: 0, version: 1 } })

/** What a save wrote before the blocks were kept: the whole state, as stored. */
const wholeState = (editor: LexicalEditor): SerializedEditorState => fromEditorState(editor.getEditorState().toJSON() as unknown as SerializedEditorState)

function load(editor: LexicalEditor, content: SerializedEditorState): void {
  const prepared = toEditorState(content)
  if (!prepared.ok) throw new Error(prepared.reason)
  editor.setEditorState(editor.parseEditorState(JSON.stringify(prepared.state)))
}

/** Every node under the root, in document order. */
function $allNodes(): LexicalNode[] {
  const out: LexicalNode[] = []
  const walk = (node: LexicalNode): void => {
    out.push(node)
    if ($isElementNode(node)) node.getChildren().forEach(walk)
  }
  $getRoot().getChildren().forEach(walk)
  return out
}

type Edit =
  | { kind: 'type'; at: number; words: string }
  | { kind: 'bold'; at: number }
  | { kind: 'add-paragraph'; at: number; words: string }
  | { kind: 'remove-block'; at: number }
  | { kind: 'add-inside'; at: number; words: string }
  | { kind: 'root-format' }
  | { kind: 'replace-whole'; children: unknown[] }
  | { kind: 'undo' }
  | { kind: 'redo' }

const editArbitrary: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('type' as const), at: fc.nat(), words: fc.string({ maxLength: 8 }) }),
  fc.record({ kind: fc.constant('bold' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('add-paragraph' as const), at: fc.nat(), words: fc.string({ maxLength: 8 }) }),
  fc.record({ kind: fc.constant('remove-block' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('add-inside' as const), at: fc.nat(), words: fc.string({ maxLength: 8 }) }),
  fc.constant({ kind: 'root-format' as const }),
  fc.record({ kind: fc.constant('replace-whole' as const), children: noteChildrenArbitrary }),
  fc.constant({ kind: 'undo' as const }),
  fc.constant({ kind: 'redo' as const })
)

function apply(editor: LexicalEditor, edit: Edit): void {
  if (edit.kind === 'replace-whole') return load(editor, note(edit.children))
  if (edit.kind === 'undo' || edit.kind === 'redo') {
    editor.dispatchCommand(edit.kind === 'undo' ? UNDO_COMMAND : REDO_COMMAND, undefined)
    return editor.update(() => undefined, { discrete: true }) // the state undo sets is committed with the next update
  }
  editor.update(
    () => {
      const root = $getRoot()
      const blocks = root.getChildren()
      const texts = $allNodes().filter($isTextNode)
      const elements = $allNodes().filter((n) => $isElementNode(n) && !n.isInline())
      if (edit.kind === 'type' && texts.length > 0) {
        const text = texts[edit.at % texts.length]!
        text.setTextContent(text.getTextContent() + edit.words).select()
      } else if (edit.kind === 'bold' && texts.length > 0) texts[edit.at % texts.length]!.toggleFormat('bold')
      else if (edit.kind === 'add-paragraph') {
        const paragraph = $createParagraphNode().append($createTextNode(edit.words))
        const before = blocks[edit.at % (blocks.length + 1)]
        if (before) before.insertBefore(paragraph)
        else root.append(paragraph)
      } else if (edit.kind === 'remove-block' && blocks.length > 1) blocks[edit.at % blocks.length]!.remove()
      else if (edit.kind === 'add-inside' && elements.length > 0) {
        const element = elements[edit.at % elements.length]!
        if ($isElementNode(element) && element.canBeEmpty() !== undefined) element.append($createTextNode(edit.words))
      } else if (edit.kind === 'root-format') root.setFormat(root.getFormatType() === 'center' ? 'left' : 'center')
    },
    // each edit its own step to undo (typing would merge into one)
    { discrete: true, tag: HISTORY_PUSH_TAG }
  )
}

let editors: LexicalEditor[] = []
afterEach(() => (editors = []))

function headless(): LexicalEditor {
  const editor = createEditor({ namespace: 'test', nodes: NOTE_NODES, onError: (error) => { throw error } })
  editors.push(editor)
  return editor
}

describe.each([
  ['hearing what each update marks', true],
  ['comparing every node (not attached: the editor gone)', false]
])('a note kept written block by block, %s', (_how, attached) => {
  const kept = (editor: LexicalEditor): SerializedBlocks => {
    const blocks = new SerializedBlocks(editor)
    if (attached) blocks.attach()
    return blocks
  }

  it('writes what the whole state would, after any edits, however many come between two saves (random notes and edits)', () => {
    fc.assert(
      fc.property(noteChildrenArbitrary, fc.array(fc.tuple(editArbitrary, fc.boolean()), { maxLength: 12 }), (children, edits) => {
        const editor = headless()
        const unregisterHistory = registerHistory(editor, createEmptyHistoryState(), 0)
        load(editor, note(children))
        const blocks = kept(editor)
        expect(JSON.parse(blocks.content().text)).toEqual(wholeState(editor))
        for (const [edit, saveNow] of edits) {
          try {
            apply(editor, edit)
          } catch {
            continue // an edit Lexical refuses on this node (text in a list, say): nothing changed
          }
          if (saveNow) expect(JSON.parse(blocks.content().text)).toEqual(wholeState(editor))
        }
        expect(JSON.parse(blocks.content().text)).toEqual(wholeState(editor))
        unregisterHistory()
      }),
      { numRuns: 150 }
    )
  })

  it('writes again only the block typed in', () => {
    const editor = headless()
    const paragraphs = Array.from({ length: 200 }, (_, i) => ({ type: 'paragraph', version: 1, direction: null, format: '', indent: 0, children: [{ type: 'text', text: `Paragraph ${i}.`, format: 0, detail: 0, mode: 'normal', style: '', version: 1 }] }))
    load(editor, note(paragraphs))
    const blocks = kept(editor)
    blocks.content()
    let written = 0
    const stringify = JSON.stringify
    JSON.stringify = ((...args: Parameters<typeof stringify>) => (written++, stringify(...args))) as typeof stringify
    try {
      apply(editor, { kind: 'type', at: 150, words: ' more' })
      const saved = JSON.parse(blocks.content().text) as SerializedEditorState
      expect((saved.root.children[150] as { children: { text: string }[] }).children[0]!.text).toBe('Paragraph 150. more')
    } finally {
      JSON.stringify = stringify
    }
    // the block typed in, and the root's own fields
    expect(written).toBe(2)
  })

  it('an undo, which sets an earlier state whole, writes the block as it was again', () => {
    const editor = headless()
    const unregisterHistory = registerHistory(editor, createEmptyHistoryState(), 0)
    load(editor, note([{ type: 'paragraph', version: 1, children: [{ type: 'text', text: 'one', version: 1 }] }]))
    const blocks = kept(editor)
    apply(editor, { kind: 'type', at: 0, words: ' two' })
    apply(editor, { kind: 'type', at: 0, words: ' three' })
    expect(blocks.content().text).toContain('one two three')
    apply(editor, { kind: 'undo' })
    expect(JSON.stringify(wholeState(editor))).toContain('one two"')
    expect(JSON.parse(blocks.content().text)).toEqual(wholeState(editor))
    apply(editor, { kind: 'redo' })
    expect(blocks.content().text).toContain('one two three')
    unregisterHistory()
  })
})
