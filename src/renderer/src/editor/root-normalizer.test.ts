import { $createParagraphNode, $createTextNode, $getRoot, createEditor, ParagraphNode, RootNode, TextNode, type LexicalEditor } from 'lexical'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { registerRootNormalizer } from './root-normalizer'

function noteEditor(): LexicalEditor {
  const editor = createEditor({ namespace: 'test', nodes: [ParagraphNode, TextNode], onError: (error) => { throw error } })
  editor.update(() => {
    const paragraphs = Array.from({ length: 50 }, (_, i) => $createParagraphNode().append($createTextNode(`Paragraph ${i}.`)))
    $getRoot().append(...paragraphs)
  }, { discrete: true })
  return editor
}

const typeInLastParagraph = (editor: LexicalEditor): void =>
  editor.update(() => {
    const text = $getRoot().getLastDescendant() as TextNode
    text.setTextContent(`${text.getTextContent()} more`)
  }, { discrete: true })

const addParagraph = (editor: LexicalEditor): void => editor.update(() => void $getRoot().append($createParagraphNode().append($createTextNode('A new one.'))), { discrete: true })

/** Walks of the root's children by Lexical's normalizer (the test runs Lexical's development build, whose names are kept). */
let normalizerWalks = 0
beforeEach(() => {
  normalizerWalks = 0
  const getChildren = RootNode.prototype.getChildren
  vi.spyOn(RootNode.prototype, 'getChildren').mockImplementation(function (this: RootNode) {
    if (new Error().stack?.includes('$normalizeShadowRootChildren')) normalizerWalks++
    return getChildren.call(this)
  } as typeof getChildren)
})
afterEach(() => vi.restoreAllMocks())

/** Registers the normalizer, and lets the update that registering makes (every root marked dirty) pass. */
function withNormalizer(editor: LexicalEditor): () => void {
  const unregister = registerRootNormalizer(editor)
  typeInLastParagraph(editor)
  normalizerWalks = 0
  return unregister
}

describe('the root normalizer', () => {
  it('walks the note’s blocks at no keystroke (Lexical’s own walks them at every one)', () => {
    const plain = noteEditor()
    normalizerWalks = 0
    typeInLastParagraph(plain)
    typeInLastParagraph(plain)
    expect(normalizerWalks).toBe(2)

    const editor = noteEditor()
    withNormalizer(editor)
    typeInLastParagraph(editor)
    typeInLastParagraph(editor)
    expect(normalizerWalks).toBe(0)
  })

  it('walks them when the root’s children change: a block added, or a whole note read in', () => {
    const editor = noteEditor()
    withNormalizer(editor)
    addParagraph(editor)
    expect(normalizerWalks).toBe(1)
    editor.setEditorState(editor.parseEditorState(JSON.stringify(editor.getEditorState().toJSON())))
    expect(normalizerWalks).toBe(2)
    typeInLastParagraph(editor)
    expect(normalizerWalks).toBe(2)
  })

  it('puts Lexical’s own back when unregistered', () => {
    const editor = noteEditor()
    withNormalizer(editor)()
    normalizerWalks = 0
    typeInLastParagraph(editor)
    typeInLastParagraph(editor)
    expect(normalizerWalks).toBe(2)
  })
})
