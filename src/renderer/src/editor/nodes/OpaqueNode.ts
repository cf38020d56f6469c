import { $applyNodeReplacement, DecoratorNode, type LexicalNode, type NodeKey, type SerializedLexicalNode, type Spread } from 'lexical'
import { OPAQUE_TYPE, textOf, type SerializedOpaque } from '../../../../shared/opaque-content'

export type SerializedOpaqueNode = Spread<Omit<SerializedOpaque, 'type' | 'version'>, SerializedLexicalNode>

/**
 * Content of a note this build cannot show (a table from a newer Pilcrow, a damaged citation):
 * carried through the editor untouched and written back as it was, shown as a placeholder that
 * says why. Edits around it are safe; deleting it is the user's choice (and can be undone).
 */
export class OpaqueNode extends DecoratorNode<null> {
  __original: unknown
  __reason: string
  __inline: boolean

  static override getType(): string {
    return OPAQUE_TYPE
  }

  static override clone(node: OpaqueNode): OpaqueNode {
    return new OpaqueNode(node.__original, node.__reason, node.__inline, node.__key)
  }

  constructor(original: unknown, reason: string, inline: boolean, key?: NodeKey) {
    super(key)
    this.__original = original
    this.__reason = reason
    this.__inline = inline
  }

  static override importJSON(json: SerializedOpaqueNode): OpaqueNode {
    return $createOpaqueNode(json.original, String(json.reason), json.inline === true)
  }

  override exportJSON(): SerializedOpaqueNode {
    const self = this.getLatest()
    return { ...super.exportJSON(), type: OPAQUE_TYPE, version: 1, original: self.__original, reason: self.__reason, inline: self.__inline }
  }

  override createDOM(): HTMLElement {
    const self = this.getLatest()
    const element = document.createElement(self.__inline ? 'span' : 'div')
    element.className = self.__inline ? 'opaque-node opaque-inline' : 'opaque-node'
    element.contentEditable = 'false'
    element.setAttribute('role', 'note')
    const type = (self.__original as { type?: unknown } | null)?.type
    const what = typeof type === 'string' ? type.slice(0, 40) : 'content'
    element.setAttribute('aria-label', `Kept as it is: ${what}`)
    element.title = `Kept as it is: ${self.__reason}. Pilcrow saves it unchanged.`
    const label = document.createElement('span')
    label.className = 'opaque-label'
    label.textContent = self.__inline ? `[${what}]` : `${what} — kept as it is (${self.__reason})`
    element.append(label)
    const words = textOf(self.__original, 300)
    if (!self.__inline && words.trim()) {
      const preview = document.createElement('span')
      preview.className = 'opaque-text'
      preview.textContent = words
      element.append(preview)
    }
    return element
  }

  override updateDOM(): false {
    return false
  }

  override isInline(): boolean {
    return this.getLatest().__inline
  }

  override getTextContent(): string {
    return textOf(this.getLatest().__original)
  }

  override decorate(): null {
    return null
  }
}

export function $createOpaqueNode(original: unknown, reason: string, inline: boolean): OpaqueNode {
  return $applyNodeReplacement(new OpaqueNode(original, reason, inline))
}

export function $isOpaqueNode(node: LexicalNode | null | undefined): node is OpaqueNode {
  return node instanceof OpaqueNode
}
