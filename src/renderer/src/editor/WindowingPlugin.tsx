import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { useEffect } from 'react'
import { attachBlockWindow } from '../ui/block-window'

/** Notes with fewer top-level blocks are left alone. */
const WINDOW_FROM = 400

/** Keeps long notes fast to type in: only the blocks near the viewport and the caret are laid out. */
export function WindowingPlugin(): null {
  const [editor] = useLexicalComposerContext()
  useEffect(() => {
    let detach = (): void => undefined
    const unregisterRoot = editor.registerRootListener((root) => {
      detach()
      detach = () => undefined
      const scroller = root?.closest<HTMLElement>('.note-scroll')
      if (!root || !scroller) return
      const attached = attachBlockWindow(root, scroller, WINDOW_FROM)
      // update listeners run after Lexical has written the DOM and before the browser paints
      const unregisterUpdate = editor.registerUpdateListener(() => attached.blockWindow.refresh())
      detach = () => {
        unregisterUpdate()
        attached.detach()
      }
    })
    return () => {
      unregisterRoot()
      detach()
    }
  }, [editor])
  return null
}
