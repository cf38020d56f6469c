import { revealInWindow } from '../ui/block-window'
import { revealedAt } from './reveal'

/**
 * Where the reader was in each source (the block at the top of the view), kept by the browser
 * (localStorage) so a reload, or the next start, opens the source there.
 */
const KEY = 'pilcrow-reading:'

export function rememberPosition(sourceId: string, blockId: string): void {
  try {
    localStorage.setItem(KEY + sourceId, blockId)
  } catch {
    // storage full or off: the position is not kept, nothing else is lost
  }
}

export function rememberedPosition(sourceId: string): string | null {
  try {
    return localStorage.getItem(KEY + sourceId)
  } catch {
    return null
  }
}

/** The block at the top of the reading pane now. */
export function blockAtTop(pane: HTMLElement): string | null {
  const rect = pane.getBoundingClientRect()
  for (const y of [rect.top + 60, rect.top + 120, rect.top + 200]) {
    const hit = document.elementFromPoint(rect.left + rect.width / 2, y)?.closest<HTMLElement>('[data-block-id]')
    if (hit && pane.contains(hit)) return hit.dataset['blockId'] ?? null
  }
  return null
}

/** Scrolls block `blockId` to the top of the view (waiting for a long source to render it), without a highlight. */
export function restorePosition(blockId: string, attempts = 60, since = performance.now()): void {
  // a search hit, a chip or a link revealed a block meanwhile: that is where the reader goes
  if (revealedAt > since) return
  const el = document.querySelector<HTMLElement>(`[data-block-id="${CSS.escape(blockId)}"]`)
  if (!el) {
    if (attempts > 0) requestAnimationFrame(() => restorePosition(blockId, attempts - 1, since))
    return
  }
  // a long source shows the block first (centring it); it is then put at the top once the heights around it settle
  const windowed = revealInWindow(el)
  const top = (): void => {
    if (revealedAt <= since) el.scrollIntoView({ block: 'start' })
  }
  if (!windowed) top()
  else requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(top)))
}

/**
 * Calls `keep` once the pane has stopped scrolling for a moment, and as the page goes (a reload
 * right after scrolling, before the pause); returns the function that stops it.
 */
export function keepPositionWhileScrolling(scroller: HTMLElement, keep: () => void): () => void {
  let timer: number | undefined
  const onScroll = (): void => {
    window.clearTimeout(timer)
    timer = window.setTimeout(keep, 400)
  }
  const onPageHide = (): void => {
    window.clearTimeout(timer)
    keep()
  }
  scroller.addEventListener('scroll', onScroll, { passive: true })
  window.addEventListener('pagehide', onPageHide)
  return () => {
    window.clearTimeout(timer)
    scroller.removeEventListener('scroll', onScroll)
    window.removeEventListener('pagehide', onPageHide)
  }
}
