import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { $getRoot } from 'lexical'
import { useEffect, useState, type ReactNode } from 'react'

/** Words in a text, counting runs of letters or digits (works for accented and non-Latin text). */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0
}

/** Shows the note's word count, updated as the user types. */
export function WordCountPlugin(): ReactNode {
  const [editor] = useLexicalComposerContext()
  const [words, setWords] = useState(0)
  useEffect(
    () =>
      editor.registerTextContentListener((text) => setWords(countWords(text))) ??
      undefined,
    [editor]
  )
  useEffect(() => editor.getEditorState().read(() => setWords(countWords($getRoot().getTextContent()))), [editor])
  return (
    <span className="word-count" aria-live="polite">
      {words === 1 ? '1 word' : `${words.toLocaleString()} words`}
    </span>
  )
}
