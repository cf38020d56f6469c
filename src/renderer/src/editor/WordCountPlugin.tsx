import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { $dfs } from '@lexical/utils'
import { $isTextNode } from 'lexical'
import { useEffect, useState, type ReactNode } from 'react'

/** Words in a text, counting runs of letters or digits (works for accented and non-Latin text). */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0
}

const COUNT_DELAY_MS = 250

/** The words the user wrote: text nodes only (citation chips are not prose). */
function $countNoteWords(): number {
  let words = 0
  for (const { node } of $dfs()) if ($isTextNode(node)) words += countWords(node.getTextContent())
  return words
}

/** Shows the note's word count, updated as the user types. */
export function WordCountPlugin(): ReactNode {
  const [editor] = useLexicalComposerContext()
  const [words, setWords] = useState(0)
  useEffect(() => {
    editor.getEditorState().read(() => setWords($countNoteWords()))
    // counting walks the whole note: do it when typing pauses, not on every keystroke
    let timer: number | undefined
    const unregister = editor.registerUpdateListener(({ dirtyElements, dirtyLeaves }) => {
      if (dirtyElements.size === 0 && dirtyLeaves.size === 0) return
      window.clearTimeout(timer)
      timer = window.setTimeout(() => editor.getEditorState().read(() => setWords($countNoteWords())), COUNT_DELAY_MS)
    })
    return () => {
      window.clearTimeout(timer)
      unregister()
    }
  }, [editor])
  return (
    <span className="word-count" aria-live="polite">
      {words === 1 ? '1 word' : `${words.toLocaleString()} words`}
    </span>
  )
}
