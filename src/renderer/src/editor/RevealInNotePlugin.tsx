import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { $getRoot, $isElementNode, type LexicalEditor, type LexicalNode } from 'lexical'
import { useEffect } from 'react'
import { noteBlocks } from '../../../shared/note-content'
import type { SerializedEditorState } from '../../../shared/notes'
import { revealAndHighlight } from '../ui/reveal-highlight'

/** Something to bring into view in a note: its n-th citation (backlinks), or a passage (search). */
export interface RevealInNoteRequest {
  noteId: string
  target: { kind: 'citation'; occurrence: number } | { kind: 'passage'; index: number }
  /** Changes on every request, so the same place can be shown twice. */
  nonce: number
}

function highlight(element: HTMLElement, focus: boolean): void {
  revealAndHighlight(element)
  if (focus) element.focus({ preventScroll: true })
}

/** The DOM element of a passage, found by the same walk search used to name it. */
function passageElement(editor: LexicalEditor, index: number): HTMLElement | null {
  const content = editor.getEditorState().toJSON() as unknown as SerializedEditorState
  const path = noteBlocks(content)[index]?.path
  if (!path) return null
  return editor.getEditorState().read(() => {
    let node: LexicalNode | undefined = $getRoot()
    for (const i of path) node = $isElementNode(node) ? node.getChildAtIndex(i) ?? undefined : undefined
    return node ? editor.getElementByKey(node.getKey()) : null
  })
}

/** Scrolls to a citation chip or a passage of this note and highlights it briefly. */
export function RevealInNotePlugin({ request }: { request: RevealInNoteRequest | null }): null {
  const [editor] = useLexicalComposerContext()
  useEffect(() => {
    if (!request) return
    const frame = requestAnimationFrame(() => {
      const { target } = request
      if (target.kind === 'citation') {
        const chip = editor.getRootElement()?.querySelectorAll<HTMLElement>('.chip')[target.occurrence]
        if (chip) highlight(chip, true)
      } else {
        const element = passageElement(editor, target.index)
        if (element) highlight(element, false)
      }
    })
    return () => cancelAnimationFrame(frame)
  }, [editor, request])
  return null
}
