import { revealInWindow } from './block-window'

/** How long a revealed paragraph or chip stays highlighted. */
const HIGHLIGHT_MS = 1800

/**
 * Brings an element into view (a long source or note centres it in its window; a short one
 * scrolls, smoothly unless the user asked for reduced motion) and highlights it for a moment.
 * Paragraphs in the reader and chips and passages in a note are revealed through here.
 */
export function revealAndHighlight(element: HTMLElement, options: { smooth?: boolean } = {}): void {
  if (!revealInWindow(element)) {
    const reduceMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches
    element.scrollIntoView({ block: 'center', behavior: options.smooth && !reduceMotion ? 'smooth' : 'auto' })
  }
  element.classList.remove('is-revealed')
  void element.offsetWidth // restart the highlight animation when the same element is revealed twice
  element.classList.add('is-revealed')
  window.setTimeout(() => element.classList.remove('is-revealed'), HIGHLIGHT_MS)
}
