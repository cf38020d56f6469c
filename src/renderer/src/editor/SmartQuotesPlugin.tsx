import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { $isCodeNode } from '@lexical/code'
import { $getSelection, $isRangeSelection, $isTextNode, COMMAND_PRIORITY_LOW, KEY_DOWN_COMMAND } from 'lexical'
import { useEffect } from 'react'

/** The curly quote for a straight one typed after `before` (the character before the caret, '' at a line's start). */
export function curlyQuote(straight: '"' | "'", before: string): string {
  // opening after nothing, white space or an opening bracket or dash; closing (or an apostrophe) after anything else
  const opening = before === '' || /[\s([{\u2014\u2013-]/u.test(before) || (straight === "'" && before === '“')
  if (straight === '"') return opening ? '“' : '”'
  return opening ? '‘' : '’'
}

/**
 * Straight quotes typed in a note become curly, as a word processor does: “ ” for ", ‘ ’ for '
 * (an apostrophe inside a word is ’). Never in code (a code block, or text marked as code), and
 * only for typed keys: pasted text keeps its quotes. Undo takes the curly quote back like any key.
 */
export function SmartQuotesPlugin(): null {
  const [editor] = useLexicalComposerContext()
  useEffect(
    () =>
      editor.registerCommand(
        KEY_DOWN_COMMAND,
        (event) => {
          if ((event.key !== '"' && event.key !== "'") || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return false
          const selection = $getSelection()
          if (!$isRangeSelection(selection)) return false
          const node = selection.anchor.getNode()
          if (selection.hasFormat('code') || $isCodeNode(node.getTopLevelElement()) || $isCodeNode(node)) return false
          const before = selection.isCollapsed() && $isTextNode(node) ? node.getTextContent().slice(0, selection.anchor.offset).slice(-1) : selection.isCollapsed() ? '' : ' '
          event.preventDefault()
          selection.insertText(curlyQuote(event.key, before))
          return true
        },
        COMMAND_PRIORITY_LOW
      ),
    [editor]
  )
  return null
}
