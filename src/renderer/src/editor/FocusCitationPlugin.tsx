import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { useEffect } from 'react'

/** A request to bring the n-th citation of the open note into view (from a backlink). */
export interface FocusCitationRequest {
  noteId: string
  occurrence: number
  /** Changes on every request, so the same citation can be shown twice. */
  nonce: number
}

/** Scrolls to a citation chip of this note, focuses it and highlights it briefly. */
export function FocusCitationPlugin({ request }: { request: FocusCitationRequest | null }): null {
  const [editor] = useLexicalComposerContext()
  useEffect(() => {
    if (!request) return
    const frame = requestAnimationFrame(() => {
      const chip = editor.getRootElement()?.querySelectorAll<HTMLElement>('.chip')[request.occurrence]
      if (!chip) return
      chip.scrollIntoView({ block: 'center' })
      chip.focus({ preventScroll: true })
      chip.classList.remove('is-revealed')
      void chip.offsetWidth
      chip.classList.add('is-revealed')
      window.setTimeout(() => chip.classList.remove('is-revealed'), 1800)
    })
    return () => cancelAnimationFrame(frame)
  }, [editor, request])
  return null
}
