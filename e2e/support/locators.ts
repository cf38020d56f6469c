import type { Page } from '@playwright/test'

/** The note editor. */
export const noteEditor = (page: Page) => page.getByRole('textbox', { name: 'Note', exact: true })

/** The block of the reader showing ¶n. */
export const paragraph = (page: Page, n: number) =>
  page.getByRole('region', { name: 'Source' }).locator('.numbered', { has: page.getByText(`¶${n}`, { exact: true }) })

/** Selects `words` inside the text of ¶n, as a reader's mouse would. */
export async function selectWords(page: Page, n: number, words: string): Promise<void> {
  await paragraph(page, n)
    .locator('[data-block-text]')
    .evaluate((el, target) => {
      const start = el.textContent!.indexOf(target)
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT)
      const range = document.createRange()
      let offset = 0
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const length = node.textContent!.length
        if (offset <= start && start < offset + length) range.setStart(node, start - offset)
        if (offset < start + target.length && start + target.length <= offset + length) range.setEnd(node, start + target.length - offset)
        offset += length
      }
      document.getSelection()!.removeAllRanges()
      document.getSelection()!.addRange(range)
    }, words)
}
