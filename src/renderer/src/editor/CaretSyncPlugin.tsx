import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { $createRangeSelectionFromDom, $getSelection, $isRangeSelection, $isTextNode, $setSelection, COMMAND_PRIORITY_CRITICAL, KEY_DOWN_COMMAND, type LexicalEditor } from 'lexical'
import { useEffect } from 'react'

/**
 * Lexical learns where the caret went from `selectionchange`, an event the browser queues as a
 * task, while a key's own handlers (Enter, Backspace, arrows, shortcuts) act on the selection
 * Lexical last learned. A key that comes before that task (a fast Ctrl+End then Enter, or any
 * keys typed while the page is busy laying out a long note) acted where the caret had been:
 * Enter split the paragraph clicked earlier. Before each key, this takes the caret from the
 * page when Lexical's idea of it is stale.
 */
export function CaretSyncPlugin(): null {
  const [editor] = useLexicalComposerContext()
  useEffect(
    () =>
      editor.registerCommand(
        KEY_DOWN_COMMAND,
        () => {
          $takeCaretFromPage(editor)
          return false // the key goes on to its own handlers
        },
        COMMAND_PRIORITY_CRITICAL
      ),
    [editor]
  )
  return null
}

function $takeCaretFromPage(editor: LexicalEditor): void {
  const known = $getSelection()
  // a selected chip or rule (a node selection) is not where the page's caret is
  if (known !== null && !$isRangeSelection(known)) return
  const root = editor.getRootElement()
  const page = root?.ownerDocument.getSelection()
  if (!root || !page || page.rangeCount === 0 || !root.contains(page.anchorNode) || !root.contains(page.focusNode)) return
  const fresh = $createRangeSelectionFromDom(page, editor)
  if (!fresh || (known && known.anchor.is(fresh.anchor) && known.focus.is(fresh.focus))) return
  // as Lexical does on selectionchange: a caret types in the format of the text it is in
  const node = fresh.anchor.getNode()
  if (fresh.isCollapsed() && $isTextNode(node)) {
    fresh.format = node.getFormat()
    fresh.style = node.getStyle()
  }
  $setSelection(fresh)
}
