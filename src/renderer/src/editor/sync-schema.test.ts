import { createYjsBinding, syncLexicalUpdateToYjs, syncYjsChangesToLexical, type Provider } from '@lexical/yjs'
import { $getRoot, $parseSerializedNode, createEditor, type SerializedLexicalNode } from 'lexical'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { NOTE_NODES } from './editor-config'
import type { SerializedEditorState } from '../../../shared/notes'
import { fromEditorState, toEditorState } from '../../../shared/opaque-content'
import { NoteDoc } from '../../../main/sync/note-doc'
import { createHeadlessNoteEditor, DATA_DECORATORS, HEADLESS_NOTE_NODES } from '../../../main/sync/note-schema'

const presence = { awareness: { getLocalState: () => null, getStates: () => new Map(), on() {}, off() {}, setLocalState() {}, setLocalStateField() {} } } as unknown as Provider

/** The window's own editor (its real node classes), bound to a Yjs document as CollaborationPlugin binds it. */
function windowEditor(doc: Y.Doc) {
  const editor = createEditor({ namespace: 'pilcrow-note', nodes: NOTE_NODES, onError: (e) => { throw e } })
  const binding = createYjsBinding({ doc, docMap: new Map([['note', doc]]), editor, id: 'note' })
  binding.root.getSharedType().observeDeep((events, tr) => tr.origin !== binding && syncYjsChangesToLexical(binding, presence, events, false))
  editor.registerUpdateListener(({ prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags }) => {
    if (!tags.has('collaboration')) syncLexicalUpdateToYjs(binding, presence, prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags)
  })
  return editor
}

const content: SerializedEditorState = {
  root: {
    type: 'root', direction: null, format: '', indent: 0, version: 1,
    children: [
      { type: 'heading', tag: 'h2', direction: null, format: '', indent: 0, version: 1, children: [{ type: 'text', text: 'Alignment', detail: 0, format: 0, mode: 'normal', style: '', version: 1 }] },
      {
        type: 'paragraph', direction: null, format: '', indent: 0, version: 1,
        children: [
          { type: 'text', text: 'Both resist Western hegemony ', detail: 0, format: 0, mode: 'normal', style: '', version: 1 },
          { type: 'paragraph-link', version: 1, anchor: { sourceId: 'russia-iran-alignment', blockId: 'p-6', paragraph: 6, quote: 'strategic partnership', prefix: 'a ', suffix: ' that' }, sourceTitle: 'Russia and Iran' },
          { type: 'text', text: ' — see ', detail: 0, format: 2, mode: 'normal', style: '', version: 1 },
          { type: 'note-link', version: 1, noteId: 'n-other', title: 'Sanctions' }
        ]
      },
      { type: 'horizontalrule', version: 1 },
      { type: 'table', version: 1, children: [], fromANewerPilcrow: true }
    ]
  } as unknown as SerializedEditorState['root']
}

describe('the sync engine\'s headless note schema', () => {
  it('knows every node type the window\'s editor knows, and no other', () => {
    expect(HEADLESS_NOTE_NODES.map((k) => k.getType()).sort()).toEqual(NOTE_NODES.map((k) => k.getType()).sort())
  })

  it('has the same properties as the window\'s own decorator nodes (Lexical\'s binding syncs them by name)', () => {
    const windowSide = createEditor({ nodes: NOTE_NODES, onError: (e) => { throw e } })
    const headless = createHeadlessNoteEditor()
    const own = (node: object) => Object.keys(node).filter((k) => k.startsWith('__') && !['__key', '__parent', '__prev', '__next', '__state', '__type'].includes(k)).sort()
    for (const [type, DataNode] of Object.entries(DATA_DECORATORS)) {
      const WindowNode = NOTE_NODES.find((k) => k.getType() === type)!
      expect(WindowNode, type).toBeDefined()
      let windowProps: string[] = []
      let dataProps: string[] = []
      windowSide.update(() => void (windowProps = own(new WindowNode())), { discrete: true })
      headless.update(() => void (dataProps = own(new DataNode())), { discrete: true })
      expect(dataProps.length).toBeGreaterThan(0)
      expect(dataProps).toEqual(windowProps)
    }
  })

  it('reads what the window\'s editor writes, chips, links and kept content alike, and the other way round', () => {
    const windowDoc = new Y.Doc()
    const note = new NoteDoc()
    windowDoc.on('update', (u: Uint8Array, o: unknown) => o !== 'wire' && Y.applyUpdate(note.doc, u, 'wire'))
    note.doc.on('update', (u: Uint8Array, o: unknown) => o !== 'wire' && Y.applyUpdate(windowDoc, u, 'wire'))
    const editor = windowEditor(windowDoc)
    const prepared = toEditorState(content)
    if (!prepared.ok) throw new Error(prepared.reason)
    editor.update(() => {
      for (const child of prepared.state.root.children) $getRoot().append($parseSerializedNode(child as SerializedLexicalNode))
    }, { discrete: true })
    expect(note.content()).toEqual(fromEditorState(editor.getEditorState().toJSON() as unknown as SerializedEditorState))
    expect(JSON.stringify(note.content())).toContain('"fromANewerPilcrow":true')

    note.setContent({ root: { ...content.root, children: content.root.children.slice(1, 2) } as SerializedEditorState['root'] })
    const shown = editor.read(() => $getRoot().getTextContent())
    expect(shown).toContain('Both resist Western hegemony')
    expect(editor.read(() => $getRoot().getChildrenSize())).toBe(1)
  })
})
