import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { mergeRegister } from '@lexical/utils'
import { COMMAND_PRIORITY_HIGH, COMMAND_PRIORITY_LOW, KEY_DOWN_COMMAND, KEY_ESCAPE_COMMAND, KEY_TAB_COMMAND } from 'lexical'
import { useEffect } from 'react'
import { isTabbable, type FocusableElement } from 'tabbable'

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
 * The control Tab (or Shift+Tab) reaches from `element` when skipping what is inside it, wrapping
 * around the page's ends as the browser's own Tab does. Walked from the element rather than listed
 * from the whole page: a long source holds thousands of controls.
 */
function neighbourOutside(element: HTMLElement, direction: 'next' | 'previous'): FocusableElement | null {
  const body = element.ownerDocument.body
  const walker = element.ownerDocument.createTreeWalker(body, NodeFilter.SHOW_ELEMENT)
  const step = (): Node | null => (direction === 'next' ? walker.nextNode() : walker.previousNode())
  const found = (node: Node): boolean => !element.contains(node) && !node.contains(element) && isTabbable(node as Element)
  walker.currentNode = element
  if (direction === 'next') while (walker.lastChild()) continue // past the element's own subtree
  for (let node = step(); node; node = step()) if (found(node)) return node as FocusableElement
  // from the page's other end, up to the element
  walker.currentNode = body
  if (direction === 'previous') while (walker.lastChild()) continue
  for (let node: Node | null = direction === 'next' ? step() : walker.currentNode; node && node !== element; node = step()) if (found(node)) return node as FocusableElement
  return null
}
