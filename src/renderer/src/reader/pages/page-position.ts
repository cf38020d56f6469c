import type { SourcePages } from './page-map'

// Where blocks are in the page view's scrolled pane: to reveal one, and to keep the reading position.

/** Where a block's first line is, as the pane's scroll offset; null when its page is not laid out. */
export function blockTop(holder: HTMLElement, scroller: HTMLElement, map: SourcePages, blockId: string, scale: number): number | null {
  const page = map.pagesOf(blockId)[0]
  const el = page !== undefined ? holder.querySelector<HTMLElement>(`[data-page-number="${page}"]`) : null
  if (!el) return null
  const box = map.boxesOn(blockId, page!)[0]
  return el.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop + (box ? box[2] * scale : 0)
}

/** The block whose line is at the top of the pane now (a little below its edge, as the text view reads it). */
export function blockAtTopOfPages(scroller: HTMLElement, holder: HTMLElement, map: SourcePages, scale: number): string | null {
  const y = scroller.getBoundingClientRect().top + 60
  for (const el of holder.querySelectorAll<HTMLElement>('.pdf-page')) {
    const rect = el.getBoundingClientRect()
    if (rect.bottom < y) continue
    if (rect.top > y) return null
    const page = Number(el.dataset['pageNumber'])
    const at = (y - rect.top) / scale
    // the first block on the page with a line reaching down to that point, else the page's last
    const blocks = map.blocksOn(page)
    const found = blocks.find((block) => map.boxesOn(block.id, page).some((box) => box[4] >= at))
    return (found ?? blocks[blocks.length - 1])?.id ?? null
  }
  return null
}
