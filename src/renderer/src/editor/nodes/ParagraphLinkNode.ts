import {
  $applyNodeReplacement,
  DecoratorNode,
  type DOMConversionMap,
  type DOMExportOutput,
  type LexicalNode,
  type NodeKey,
  type SerializedLexicalNode,
  type Spread
} from 'lexical'
import type { ParagraphAnchor } from '../../../../shared/anchors'
import { linkLabel, PARAGRAPH_LINK_TYPE } from '../../../../shared/links'

export type SerializedParagraphLinkNode = Spread<{ anchor: ParagraphAnchor; sourceTitle: string }, SerializedLexicalNode>

/**
 * A link from a note to a paragraph (or words in it) of a source: stored as an anchor (source
 * id, block id, the quoted words with context, optional range, ¶ number at linking time) and
 * shown as a chip. Its text content is its label, so search and export see it.
 *
 * A decorator without a React component (`decorate` is null): the chip is plain DOM, drawn into
 * this node's element by ChipsPlugin, against its source as it is now.
 */
export class ParagraphLinkNode extends DecoratorNode<null> {
  __anchor: ParagraphAnchor
  __sourceTitle: string

  static override getType(): string {
    return PARAGRAPH_LINK_TYPE
  }

  static override clone(node: ParagraphLinkNode): ParagraphLinkNode {
    return new ParagraphLinkNode(node.__anchor, node.__sourceTitle, node.__key)
  }

  constructor(anchor: ParagraphAnchor, sourceTitle: string, key?: NodeKey) {
    super(key)
    this.__anchor = anchor
    this.__sourceTitle = sourceTitle
  }

  static override importJSON(json: SerializedParagraphLinkNode): ParagraphLinkNode {
    return $createParagraphLinkNode(json.anchor, json.sourceTitle)
  }

  override exportJSON(): SerializedParagraphLinkNode {
    return { ...super.exportJSON(), type: PARAGRAPH_LINK_TYPE, version: 1, anchor: this.getAnchor(), sourceTitle: this.getSourceTitle() }
  }

  /** Copying a chip into another note keeps the link (see importDOM). */
  override exportDOM(): DOMExportOutput {
    const element = document.createElement('span')
    element.dataset['pilcrowLink'] = JSON.stringify({ anchor: this.getAnchor(), sourceTitle: this.getSourceTitle() })
    element.textContent = this.getTextContent()
    return { element }
  }

  static override importDOM(): DOMConversionMap | null {
    return {
      span: (node: HTMLElement) =>
        node.dataset['pilcrowLink']
          ? {
              priority: 2,
              conversion: (element: HTMLElement) => {
                try {
                  const { anchor, sourceTitle } = JSON.parse(element.dataset['pilcrowLink']!) as SerializedParagraphLinkNode
                  return { node: $createParagraphLinkNode(anchor, sourceTitle) }
                } catch {
                  return { node: null }
                }
              }
            }
          : null
    }
  }

  override createDOM(): HTMLElement {
    const span = document.createElement('span')
    span.className = 'chip-host'
    return span
  }

  override updateDOM(): false {
    return false
  }

  override isInline(): true {
    return true
  }

  override getTextContent(): string {
    return linkLabel(this.getAnchor().paragraph, this.getSourceTitle())
  }

  getAnchor(): ParagraphAnchor {
    return this.getLatest().__anchor
  }

  getSourceTitle(): string {
    return this.getLatest().__sourceTitle
  }

  /** Points the link somewhere else (re-attaching an orphan). */
  setAnchor(anchor: ParagraphAnchor): void {
    this.getWritable().__anchor = anchor
  }

  override decorate(): null {
    return null
  }
}

export function $createParagraphLinkNode(anchor: ParagraphAnchor, sourceTitle: string): ParagraphLinkNode {
  return $applyNodeReplacement(new ParagraphLinkNode(anchor, sourceTitle))
}

export function $isParagraphLinkNode(node: LexicalNode | null | undefined): node is ParagraphLinkNode {
  return node instanceof ParagraphLinkNode
}
