import { CodeHighlightNode, CodeNode } from '@lexical/code'
import { AutoLinkNode, LinkNode } from '@lexical/link'
import { ListItemNode, ListNode } from '@lexical/list'
import { HorizontalRuleNode } from '@lexical/react/LexicalHorizontalRuleNode'
import { HeadingNode, QuoteNode } from '@lexical/rich-text'
import type { EditorThemeClasses, Klass, LexicalNode } from 'lexical'
import { OpaqueNode } from './nodes/OpaqueNode'
import { NoteLinkNode } from './nodes/NoteLinkNode'
import { ParagraphLinkNode } from './nodes/ParagraphLinkNode'

/** Every node a note can hold. */
export const NOTE_NODES: Klass<LexicalNode>[] = [
  HeadingNode,
  QuoteNode,
  ListNode,
  ListItemNode,
  CodeNode,
  CodeHighlightNode,
  LinkNode,
  AutoLinkNode,
  HorizontalRuleNode,
  ParagraphLinkNode,
  NoteLinkNode,
  OpaqueNode
]

/** Class names Lexical puts on what it renders; styled in styles/editor.css. */
export const NOTE_THEME: EditorThemeClasses = {
  paragraph: 'ed-p',
  quote: 'ed-quote',
  heading: { h1: 'ed-h1', h2: 'ed-h2', h3: 'ed-h3' },
  list: {
    ul: 'ed-ul',
    ol: 'ed-ol',
    listitem: 'ed-li',
    listitemChecked: 'ed-li-checked',
    listitemUnchecked: 'ed-li-unchecked',
    nested: { listitem: 'ed-li-nested' }
  },
  link: 'ed-link',
  code: 'ed-code',
  text: {
    bold: 'ed-bold',
    italic: 'ed-italic',
    underline: 'ed-underline',
    strikethrough: 'ed-strike',
    underlineStrikethrough: 'ed-underline-strike',
    code: 'ed-inline-code'
  }
}
