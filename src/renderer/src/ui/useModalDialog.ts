import { useEffect, useRef, type RefObject } from 'react'

/**
 * Keeps a native <dialog> modal in step with `open` (focus trap, Escape and the backdrop come
 * from the browser). `onOpen` runs each time it opens, to reset its fields. Closed, the focus
 * goes back where it was when it opened, never to the page's body.
 */
export function useModalDialog(open: boolean, onOpen?: () => void): RefObject<HTMLDialogElement | null> {
  const dialog = useRef<HTMLDialogElement>(null)
  const opened = useRef(onOpen)
  opened.current = onOpen
  const returnTo = useRef<HTMLElement | null>(null)
  useEffect(() => {
    const el = dialog.current
    if (!el) return
    if (open && !el.open) {
      returnTo.current = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null
      opened.current?.()
      el.showModal()
    }
    if (!open && el.open) el.close()
  }, [open])
  // Escape closes the dialog before React hears of it: the focus is put back on its close event
  useEffect(() => {
    const el = dialog.current
    if (!el) return
    const onClose = (): void => {
      const focus = document.activeElement
      if (returnTo.current?.isConnected && (!focus || focus === document.body || el.contains(focus))) returnTo.current.focus()
    }
    el.addEventListener('close', onClose)
    return () => el.removeEventListener('close', onClose)
  }, [])
  return dialog
}
