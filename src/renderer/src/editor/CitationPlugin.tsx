import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { $createQuoteNode } from '@lexical/rich-text'
import { mergeRegister } from '@lexical/utils'
import {
  $createParagraphNode,
  $createRangeSelection,
  $createTextNode,
  $getRoot,
  $getSelection,
  $isParagraphNode,
  $isRangeSelection,
  $setSelection,
  COMMAND_PRIORITY_HIGH,
  DRAGOVER_COMMAND,
  DROP_COMMAND,
  KEY_DOWN_COMMAND,
  COMMAND_PRIORITY_LOW,
  $isTextNode,
  type LexicalEditor
} from 'lexical'
import { useEffect } from 'react'
import { CITATION_MIME, type Citation, type CitationBus } from '../ui/citations'
import { $createParagraphLinkNode, $isParagraphLinkNode } from './nodes/ParagraphLinkNode'

/** Inserts a citation at the caret (or at the end of the note when it has never had one). */
function $insertCitation(citation: Citation): void {
  let selection = $getSelection()
  if (!$isRangeSelection(selection)) {
    $getRoot().selectEnd()
    selection = $getSelection()
  }
  if (!$isRangeSelection(selection)) return
  const chip = $createParagraphLinkNode(citation.anchor, citation.sourceTitle)
  if (citation.quoteText) {
    // The quote is a block of its own, after the caret's block (which it replaces when empty).
    const quote = $createQuoteNode()
    quote.append($createTextNode(`“${citation.quoteText}” `), chip)
    const current = selection.anchor.getNode().getTopLevelElement()
    if (!current) $getRoot().append(quote)
    else if (current.getTextContentSize() === 0 && $isParagraphNode(current)) current.replace(quote)
    else current.insertAfter(quote)
    // leave the caret on a fresh line after the quote, ready to comment on it
    const after = $createParagraphNode()
    quote.insertAfter(after)
    after.select()
  } else {
    const space = $createTextNode(' ')
    selection.insertNodes([chip, space])
    space.select(1, 1)
  }
}

/** Punctuation that belongs against the word (or chip) before it. */
const CLOSING_PUNCTUATION = /^[.,;:!?)\]…”’]$/

/**
 * A citation is inserted with a space after it, ready for the next word; a full stop or comma
 * typed right after it takes that space's place, so the note (and its export) reads "¶6." not "¶6 .".
 */
function $punctuationHugsChip(event: KeyboardEvent): boolean {
  if (!CLOSING_PUNCTUATION.test(event.key) || event.ctrlKey || event.metaKey || event.altKey) return false
  const selection = $getSelection()
  if (!$isRangeSelection(selection) || !selection.isCollapsed() || selection.anchor.offset !== 1) return false
  const node = selection.anchor.getNode()
  if (!$isTextNode(node) || !node.getTextContent().startsWith(' ') || !$isParagraphLinkNode(node.getPreviousSibling())) return false
  event.preventDefault()
  node.spliceText(0, 1, event.key, true)
  return true
}

/** Moves the Lexical selection to where a drop happened. */
function $selectAtPoint(editor: LexicalEditor, x: number, y: number): void {
  const range = document.caretRangeFromPoint?.(x, y)
  const root = editor.getRootElement()
  if (!range || !root?.contains(range.startContainer)) return
  const selection = $createRangeSelection()
  selection.applyDOMRange(range)
  $setSelection(selection)
}

/**
 * Receives citations for this note: from the reader's buttons and shortcut (through the bus),
 * and from paragraphs or selections dragged out of the reader.
 */
export function CitationPlugin({ bus }: { bus: CitationBus }): null {
  const [editor] = useLexicalComposerContext()
  useEffect(
    () =>
      mergeRegister(
        bus.register((citation) => {
          editor.update(() => $insertCitation(citation))
          editor.focus()
        }),
        // a key handler, not a text transform: registering a transform marks every text node of the
        // note dirty, an extra full update each time a long note opens
        editor.registerCommand(KEY_DOWN_COMMAND, $punctuationHugsChip, COMMAND_PRIORITY_LOW),
        editor.registerCommand(
          DRAGOVER_COMMAND,
          (event) => {
            if (!event.dataTransfer?.types.includes(CITATION_MIME)) return false
            event.preventDefault()
            event.dataTransfer.dropEffect = 'copy'
            return true
          },
          COMMAND_PRIORITY_HIGH
        ),
        editor.registerCommand(
          DROP_COMMAND,
          (event) => {
            const raw = event.dataTransfer?.getData(CITATION_MIME)
            if (!raw) return false
            event.preventDefault()
            let citation: Citation
            try {
              citation = JSON.parse(raw) as Citation
            } catch {
              return true
            }
            editor.update(() => {
              $selectAtPoint(editor, event.clientX, event.clientY)
              $insertCitation(citation)
            })
            editor.focus()
            return true
          },
          COMMAND_PRIORITY_HIGH
        )
      ),
    [editor, bus]
  )
  return null
}
