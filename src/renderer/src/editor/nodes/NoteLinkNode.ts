import { $applyNodeReplacement, DecoratorNode, type DOMConversionMap, type DOMExportOutput, type LexicalNode, type NodeKey, type SerializedLexicalNode, type Spread } from 'lexical'
import { NOTE_ID, NOTE_LINK_TYPE } from '../../../../shared/note-links'
import { UNTITLED } from '../../../../shared/notes'

export type SerializedNoteLinkNode = Spread<{ noteId: string; title: string }, SerializedLexicalNode>

/**
 * A link from this note to another, by the other note's id (so it survives renames), keeping the
 * title it had when linked (shown only when that note is gone). Like a chip, plain DOM drawn into
 * its element by NoteLinksPlugin with the target's title now; its text content is the saved title.
 */
export class NoteLinkNode extends DecoratorNode<null> {
  __noteId: string
  __title: string

  static override getType(): string {
    return NOTE_LINK_TYPE
  }

  static override clone(node: NoteLinkNode): NoteLinkNode {
    return new NoteLinkNode(node.__noteId, node.__title, node.__key)
  }

  constructor(noteId: string, title: string, key?: NodeKey) {
    super(key)
    this.__noteId = noteId
    this.__title = title
  }

  static override importJSON(json: SerializedNoteLinkNode): NoteLinkNode {
    return $createNoteLinkNode(json.noteId, json.title)
  }

  override exportJSON(): SerializedNoteLinkNode {
    return { ...super.exportJSON(), type: NOTE_LINK_TYPE, version: 1, noteId: this.getNoteId(), title: this.getTitle() }
  }

  /** Copying a link into another note keeps it a link (see importDOM). */
  override exportDOM(): DOMExportOutput {
    const element = document.createElement('span')
    element.dataset['pilcrowNoteLink'] = JSON.stringify({ noteId: this.getNoteId(), title: this.getTitle() })
    element.textContent = this.getTextContent()
    return { element }
  }

  static override importDOM(): DOMConversionMap | null {
    return {
      span: (node: HTMLElement) =>
        node.dataset['pilcrowNoteLink']
          ? {
              priority: 2,
              conversion: (element: HTMLElement) => {
                try {
                  const { noteId, title } = JSON.parse(element.dataset['pilcrowNoteLink']!) as SerializedNoteLinkNode
                  return { node: typeof noteId === 'string' && NOTE_ID.test(noteId) ? $createNoteLinkNode(noteId, String(title ?? '')) : null }
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
    span.className = 'note-link-host'
    return span
  }

  override updateDOM(): false {
    return false
  }

  override isInline(): true {
    return true
  }

  override getTextContent(): string {
    return this.getTitle() || UNTITLED
  }

  getNoteId(): string {
    return this.getLatest().__noteId
  }

  getTitle(): string {
    return this.getLatest().__title
  }

  override decorate(): null {
    return null
  }
}

export function $createNoteLinkNode(noteId: string, title: string): NoteLinkNode {
  return $applyNodeReplacement(new NoteLinkNode(noteId, title))
}

export function $isNoteLinkNode(node: LexicalNode | null | undefined): node is NoteLinkNode {
  return node instanceof NoteLinkNode
}
