import { useCallback, useEffect, useState, type ReactNode } from 'react'

/** How long a short message stays. */
const TOAST_MS = 6000

/** A short message that goes by itself: `[text, show]`. Showing the same text again restarts its time. */
export function useToast(): [{ text: string; at: number } | null, (text: string) => void] {
  const [toast, setToast] = useState<{ text: string; at: number } | null>(null)
  useEffect(() => {
    if (!toast) return
    const timer = window.setTimeout(() => setToast(null), TOAST_MS)
    return () => window.clearTimeout(timer)
  }, [toast])
  return [toast, useCallback((text: string) => setToast({ text, at: Date.now() }), [])]
}

/** Where short messages appear, read out by screen readers as they come (a live region that is always there). */
export function Toast({ text }: { text: { text: string } | null }): ReactNode {
  return (
    <p className={text ? 'toast toast-shown' : 'toast'} role="status" aria-live="polite">
      {text?.text}
    </p>
  )
}
