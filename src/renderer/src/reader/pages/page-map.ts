import type { Block, PageBox } from '../../../../shared/model'
import type { PageMap } from './page-locator'

/** What a PDF source's page view needs to know of its blocks: which are on each page, where they start. */
export interface SourcePages extends PageMap {
  /** The numbered blocks starting on a page, with their first box there (for the page's cite buttons). */
  startsOn(page: number): readonly { block: Block; box: PageBox }[]
  boxesOn(blockId: string, page: number): readonly PageBox[]
}

const NONE: never[] = []

/**
 * Pages of blocks from their boxes; a block imported before blocks had boxes is taken to be on
 * the pages from its own to the next block's.
 */
export function sourcePages(blocks: readonly Block[]): SourcePages {
  const byPage = new Map<number, Block[]>()
  const pagesOf = new Map<string, number[]>()
  const starts = new Map<number, { block: Block; box: PageBox }[]>()
  const byId = new Map<string, Block>()
  blocks.forEach((block, i) => {
    byId.set(block.id, block)
    let pages: number[]
    if (block.boxes && block.boxes.length > 0) pages = [...new Set(block.boxes.map((b) => b[0]))]
    else if (block.page !== undefined) {
      const next = blocks.slice(i + 1).find((b) => b.page !== undefined)?.page ?? block.page
      pages = Array.from({ length: Math.max(1, next - block.page + 1) }, (_, k) => block.page! + k)
    } else pages = []
    pagesOf.set(block.id, pages)
    for (const page of pages) byPage.set(page, [...(byPage.get(page) ?? []), block])
    const first = block.boxes?.[0]
    if (first && block.paragraph !== null) starts.set(first[0], [...(starts.get(first[0]) ?? []), { block, box: first }])
  })
  return {
    blocksOn: (page) => byPage.get(page) ?? NONE,
    pagesOf: (blockId) => pagesOf.get(blockId) ?? NONE,
    block: (blockId) => byId.get(blockId),
    startsOn: (page) => starts.get(page) ?? NONE,
    boxesOn: (blockId, page) => {
      const boxes = byId.get(blockId)?.boxes?.filter((b) => b[0] === page)
      // the same empty list every time: a page shown without a revealed block is not drawn again
      return boxes && boxes.length > 0 ? boxes : NONE
    }
  }
}
