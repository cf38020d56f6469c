import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { useEffect } from 'react'
import { NoteWindow } from './note-window'

/** Keeps long notes fast to type in: only the blocks near the viewport and the caret are laid out. */
export function WindowingPlugin(): null {
  const [editor] = useLexicalComposerContext()
  useEffect(() => {
    let detach = (): void => undefined
    const unregisterRoot = editor.registerRootListener((root) => {
      detach()
      detach = () => undefined
      if (!root) return
      const scroller = root.closest<HTMLElement>('.note-scroll') ?? root.parentElement
      if (!scroller) return
      const noteWindow = new NoteWindow(root, scroller)
      const onViewportChange = (): void => noteWindow.onViewportChange()
      scroller.addEventListener('scroll', onViewportChange, { passive: true })
      const resize = new ResizeObserver(onViewportChange)
      resize.observe(scroller)
      // update listeners run after Lexical has written the DOM and before the browser paints
      const unregisterUpdate = editor.registerUpdateListener(() => noteWindow.refresh())
      noteWindow.refresh()
      detach = () => {
        scroller.removeEventListener('scroll', onViewportChange)
        resize.disconnect()
        unregisterUpdate()
        noteWindow.dispose()
      }
    })
    return () => {
      unregisterRoot()
      detach()
    }
  }, [editor])
  return null
}
