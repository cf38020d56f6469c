import { useEffect, useRef, type RefObject } from 'react'

/**
 * Keeps a native <dialog> modal in step with `open` (focus trap, Escape and the backdrop come
 * from the browser). `onOpen` runs each time it opens, to reset its fields.
 */
export function useModalDialog(open: boolean, onOpen?: () => void): RefObject<HTMLDialogElement | null> {
  const dialog = useRef<HTMLDialogElement>(null)
  const opened = useRef(onOpen)
  opened.current = onOpen
  useEffect(() => {
    const el = dialog.current
    if (!el) return
    if (open && !el.open) {
      opened.current?.()
      el.showModal()
    }
    if (!open && el.open) el.close()
  }, [open])
  return dialog
}
