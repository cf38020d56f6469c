import { ElementNode, getRegisteredNode, getStaticNodeConfig, RootNode, type LexicalEditor } from 'lexical'

/**
 * Lexical wraps any inline node found directly under the root in a paragraph (its own transform
 * on every element, for notes read from JSON). For the root it walks every top-level block at
 * every update, every keystroke included: 1.4 ms a key in a note of 10,000 paragraphs. This puts
 * the same normalization in its place, run only in an update that changed the root's children:
 * adding, removing or replacing one makes the root writable, a new object in the new state.
 * Returns the function that puts Lexical's own back.
 */
export function registerRootNormalizer(editor: LexicalEditor): () => void {
  const normalize = getStaticNodeConfig(ElementNode).ownNodeConfig?.$transform
  const transforms = getRegisteredNode(editor, 'root')?.transforms
  // another Lexical: its own stays, as it is
  if (!normalize || !transforms?.delete(normalize)) return () => undefined
  const unregister = editor.registerNodeTransform(RootNode, (root) => {
    if (editor.getEditorState()._nodeMap.get('root') !== root) normalize(root)
  })
  return () => {
    unregister()
    transforms.add(normalize)
  }
}
