import { useSyncExternalStore } from 'react'

/** Whether a CSS media query matches now, following changes (a window resized, zoom changed). */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query)
      list.addEventListener('change', onChange)
      return () => list.removeEventListener('change', onChange)
    },
    () => window.matchMedia(query).matches
  )
}

/**
 * Windows too narrow for the notes list, the source and the note side by side (a laptop at 200%
 * zoom is 640 CSS px wide): one of them is shown at a time, switched by the view tabs.
 */
export const COMPACT_LAYOUT = '(max-width: 760px)'
