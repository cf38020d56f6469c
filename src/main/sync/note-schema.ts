import { CodeHighlightNode, CodeNode } from '@lexical/code'
import { AutoLinkNode, LinkNode } from '@lexical/link'
import { ListItemNode, ListNode } from '@lexical/list'
import { HorizontalRuleNode } from '@lexical/react/LexicalHorizontalRuleNode'
import { HeadingNode, QuoteNode } from '@lexical/rich-text'
import { createEditor, DecoratorNode, type Klass, type LexicalEditor, type LexicalNode, type NodeKey, type SerializedLexicalNode } from 'lexical'
import { PARAGRAPH_LINK_TYPE } from '../../shared/links'
import { NOTE_LINK_TYPE } from '../../shared/note-links'
import { OPAQUE_TYPE } from '../../shared/opaque-content'

type Fields = Record<string, unknown>

/**
 * A decorator node of the note editor as data: the same type, the same `__` properties and the
 * same JSON as the editor's own class (src/renderer/src/editor/nodes), without the DOM it draws.
 * Lexical's Yjs binding syncs a node by its type and `__` properties, so a headless editor made of
 * these reads and writes a note's Yjs document exactly as the window's editor does. Their likeness
 * to the editor's classes is checked by note-schema.test.ts.
 */
function dataDecorator(type: string, fields: readonly string[], inline: (node: Fields) => boolean): Klass<LexicalNode> {
  class DataDecorator extends DecoratorNode<null> {
    static override getType(): string {
      return type
    }

    static override clone(node: DataDecorator): DataDecorator {
      const copy = new DataDecorator(node.__key)
      for (const field of fields) (copy as unknown as Fields)[`__${field}`] = (node as unknown as Fields)[`__${field}`]
      return copy
    }

    static override importJSON(json: SerializedLexicalNode & Fields): DataDecorator {
      const node = new DataDecorator()
      for (const field of fields) (node as unknown as Fields)[`__${field}`] = json[field]
      return node
    }

    constructor(key?: NodeKey) {
      super(key)
      for (const field of fields) (this as unknown as Fields)[`__${field}`] = undefined
    }

    override exportJSON(): SerializedLexicalNode {
      const self = this.getLatest() as unknown as Fields
      return { ...super.exportJSON(), type, version: 1, ...Object.fromEntries(fields.map((field) => [field, self[`__${field}`]])) }
    }

    override createDOM(): never {
      throw new Error('A headless note has no DOM.')
    }

    override updateDOM(): false {
      return false
    }

    override isInline(): boolean {
      return inline(this.getLatest() as unknown as Fields)
    }

    override decorate(): null {
      return null
    }
  }
  return DataDecorator as unknown as Klass<LexicalNode>
}

/** The editor's decorator nodes, as data (see dataDecorator). */
export const DATA_DECORATORS = {
  [PARAGRAPH_LINK_TYPE]: dataDecorator(PARAGRAPH_LINK_TYPE, ['anchor', 'sourceTitle'], () => true),
  [NOTE_LINK_TYPE]: dataDecorator(NOTE_LINK_TYPE, ['noteId', 'title'], () => true),
  [OPAQUE_TYPE]: dataDecorator(OPAQUE_TYPE, ['original', 'reason', 'inline'], (node) => node['__inline'] === true)
}

/**
 * Every node a note can hold, as the headless editor knows them: the window's NOTE_NODES
 * (src/renderer/src/editor/editor-config.ts), its decorators as data. The two lists are checked
 * to name the same types by src/renderer/src/editor/sync-schema.test.ts.
 */
export const HEADLESS_NOTE_NODES: Klass<LexicalNode>[] = [
  HeadingNode,
  QuoteNode,
  ListNode,
  ListItemNode,
  CodeNode,
  CodeHighlightNode,
  LinkNode,
  AutoLinkNode,
  HorizontalRuleNode,
  ...Object.values(DATA_DECORATORS)
]

/** A Lexical editor without a window, holding a note. */
export function createHeadlessNoteEditor(): LexicalEditor {
  return createEditor({
    namespace: 'pilcrow-note',
    nodes: HEADLESS_NOTE_NODES,
    onError: (error) => {
      throw error
    }
  })
}
