import { revealAndHighlight } from '../ui/reveal-highlight'

/** When a block was last revealed: a reading position being restored gives way to it. */
export let revealedAt = 0

/**
 * Scrolls the block with `blockId` into view and highlights it briefly. Returns false when the
 * open source has no such block. Notes, search and deep links all reveal through here.
 */
export function revealBlock(blockId: string, attempts = 60): boolean {
  revealedAt = performance.now()
  const el = document.querySelector<HTMLElement>(`[data-block-id="${CSS.escape(blockId)}"]`)
  if (!el) {
    // a long source renders progressively: the block may come in the next frames
    if (attempts > 0) requestAnimationFrame(() => revealBlock(blockId, attempts - 1))
    return false
  }
  revealAndHighlight(el, { smooth: true })
  return true
}

/** `#block=<id>` in the address reveals that block (deep links, and the reader's own anchors). */
export function blockIdFromHash(hash: string): string | null {
  const match = /^#block=([a-z0-9-]+)$/.exec(hash)
  return match ? match[1]! : null
}
