import { $exportNodeJSON, $getRoot, $isElementNode, HISTORIC_TAG, type LexicalEditor, type LexicalNode, type NodeKey } from 'lexical'
import { JsonText } from '../../../shared/json-text'
import { fromEditorState } from '../../../shared/opaque-content'

type Json = Record<string, unknown>

/** A top-level block's JSON as stored, and every node it was written from, in document order. */
interface WrittenBlock {
  nodes: LexicalNode[]
  text: string
}

/**
 * Keeps the note's top-level blocks written as JSON, and writes again only the blocks that
 * changed. A save of a 10,000-paragraph note wrote all of it (Lexical's `toJSON`, then
 * `JSON.stringify`): 15–30 ms every two seconds while one types, and 3 MB of garbage each time.
 *
 * Which blocks changed: attached (`attach`), it hears Lexical mark what each update touched (every
 * ancestor of a changed node, so a word typed deep in a list marks its top-level list). Where the
 * marks do not tell (before it was attached, or after an undo or a redo, which set an earlier state
 * whole and mark nothing; a note read in whole has new keys), a block changed unless every node in it is the very
 * object it was written from: Lexical never changes a node of a committed state, it changes a
 * copy (`getWritable`). That walk is the safe way, and costs 3–5 ms at 10,000 paragraphs.
 */
export class SerializedBlocks {
  private written = new Map<NodeKey, WrittenBlock>()
  private attached = false
  /** Whether the marks heard since the last `content()` leave a change untold: then every node is compared. */
  private checkAll = true

  constructor(private readonly editor: LexicalEditor) {}

  /** Hears what each update marks; returns the way to stop. */
  attach(): () => void {
    this.attached = true
    this.checkAll = true // what changed before is not known
    const unregister = this.editor.registerUpdateListener(({ dirtyElements, dirtyLeaves, tags }) => {
      // an undo or a redo sets an earlier state whole, and marks nothing it changed
      if (tags.has(HISTORIC_TAG)) this.checkAll = true
      for (const key of dirtyElements.keys()) this.written.delete(key)
      for (const key of dirtyLeaves) this.written.delete(key)
    })
    return () => {
      unregister()
      this.attached = false
      this.checkAll = true
    }
  }

  /** The editor's content now, as stored (`fromEditorState(editorState.toJSON())`), as JSON text. */
  content(): JsonText {
    return this.editor.getEditorState().read(() => {
      const next = new Map<NodeKey, WrittenBlock>()
      const blocks: string[] = []
      for (let node = $getRoot().getFirstChild(); node; node = node.getNextSibling()) {
        const known = this.written.get(node.getKey())
        const unchanged = known !== undefined && known.nodes[0] === node && (!this.checkAll || writtenFrom(node, known.nodes))
        const block = unchanged ? known : write(node)
        next.set(node.getKey(), block)
        blocks.push(block.text)
      }
      this.written = next
      this.checkAll = !this.attached
      // the root's own fields (and any this build does not read), its children left to the blocks
      const { children: _children, ...root } = stored($exportNodeJSON($getRoot()) as Json)
      const head = JSON.stringify(root) // {"type":"root",…}: never without fields
      return new JsonText(`{"root":${head.slice(0, -1)},"children":[${blocks.join(',')}]}}`)
    })
  }
}

/** A block and everything in it, as `editorState.toJSON()` writes it and a note stores it. */
function write(block: LexicalNode): WrittenBlock {
  const nodes: LexicalNode[] = []
  const exportTree = (node: LexicalNode): Json => {
    nodes.push(node)
    const json = $exportNodeJSON(node) as Json
    if ($isElementNode(node)) {
      const children = json['children'] as Json[]
      for (let child = node.getFirstChild(); child; child = child.getNextSibling()) children.push(exportTree(child))
    }
    return json
  }
  return { text: JSON.stringify(stored(exportTree(block))), nodes }
}

/** Whether `block` holds exactly `nodes`, the same objects in the same order. */
function writtenFrom(block: LexicalNode, nodes: readonly LexicalNode[]): boolean {
  let at = 0
  const same = (node: LexicalNode): boolean => {
    if (nodes[at++] !== node) return false
    if (!$isElementNode(node)) return true
    for (let child = node.getFirstChild(); child; child = child.getNextSibling()) if (!same(child)) return false
    return true
  }
  return same(block) && at === nodes.length
}

/** A node's JSON as stored: what the editor kept aside (opaque nodes, fields this build does not read) put back. */
function stored(json: Json): Json {
  return fromEditorState({ root: { type: 'root', children: [json] } }).root.children[0] as Json
}
