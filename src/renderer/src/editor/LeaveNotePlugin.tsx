import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { mergeRegister } from '@lexical/utils'
import { COMMAND_PRIORITY_HIGH, COMMAND_PRIORITY_LOW, KEY_DOWN_COMMAND, KEY_ESCAPE_COMMAND, KEY_TAB_COMMAND } from 'lexical'
import { useEffect } from 'react'
import { isTabbable, tabbable, type FocusableElement } from 'tabbable'

/** The id of the note's hidden description, which tells keyboard users how to leave it. */
export const LEAVE_NOTE_HINT_ID = 'note-keyboard-hint'

/**
 * Tab indents in the note, which would keep keyboard users in it (a trap, WCAG 2.1.2). As in
 * CodeMirror: Escape, then Tab or Shift+Tab, moves the focus to the control after or before the
 * note. (Lexical's own Escape blurs the note instead, after which Shift+Tab led back into it.)
 */
export function LeaveNotePlugin(): null {
  const [editor] = useLexicalComposerContext()
  useEffect(() => {
    let leaving = false
    return mergeRegister(
      editor.registerCommand(
        KEY_DOWN_COMMAND,
        (event) => {
          if (event.key !== 'Shift') leaving = leaving && event.key === 'Tab'
          return false
        },
        COMMAND_PRIORITY_LOW
      ),
      editor.registerCommand(
        KEY_ESCAPE_COMMAND,
        () => {
          leaving = true
          return true // the note keeps the focus until Tab says where it goes
        },
        COMMAND_PRIORITY_HIGH
      ),
      editor.registerCommand(
        KEY_TAB_COMMAND,
        (event) => {
          const root = editor.getRootElement()
          if (!leaving || !root) return false
          leaving = false
          event.preventDefault()
          neighbourOutside(root, event.shiftKey ? 'previous' : 'next')?.focus()
          return true
        },
        COMMAND_PRIORITY_HIGH
      )
    )
  }, [editor])
  return null
}

/**
 * The control Tab (or Shift+Tab) reaches from `element` when skipping what is inside it: walked
 * from the element, not listed from the whole page (a long source holds thousands of controls).
 * Wraps around the page's ends, as the browser's own Tab does.
 */
function neighbourOutside(element: HTMLElement, direction: 'next' | 'previous'): FocusableElement | null {
  const walker = element.ownerDocument.createTreeWalker(element.ownerDocument.body, NodeFilter.SHOW_ELEMENT)
  walker.currentNode = element
  if (direction === 'next') {
    // past the element's own subtree: its last descendant, then onwards
    while (walker.lastChild()) continue
    for (let node = walker.nextNode(); node; node = walker.nextNode()) if (isTabbable(node as Element)) return node as FocusableElement
    return tabbable(element.ownerDocument.body).find((node) => !element.contains(node)) ?? null
  }
  for (let node = walker.previousNode(); node; node = walker.previousNode()) if (!node.contains(element) && isTabbable(node as Element)) return node as FocusableElement
  return tabbable(element.ownerDocument.body).findLast((node) => !element.contains(node)) ?? null
}
