import { join } from 'node:path'
import { expect, type Locator, type Page } from '@playwright/test'
import { APP_ROOT } from './serve'

/** A real PDF (Springer's LNCS guide, 7 pages, typeset by its LaTeX class). */
export const LNCS_PDF = join(APP_ROOT, 'src', 'main', 'core', 'importers', 'fixtures', 'pdfs', 'springer-lncs.pdf')

/** Where the first and last letters of `words` are drawn in a page's text layer (its spans run line by line, without the spaces between lines). */
async function wordsOnPage(layer: Locator, words: string): Promise<{ from: { x: number; y: number }; to: { x: number; y: number } }> {
  return layer.evaluate((el, target) => {
    const nodes: Text[] = []
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT)
    for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text)
    // letters only, each remembering its node and offset
    const letters: { node: Text; offset: number }[] = []
    let squeezed = ''
    for (const node of nodes) for (let i = 0; i < node.data.length; i++) if (!/\s/.test(node.data[i]!)) (squeezed += node.data[i], letters.push({ node, offset: i }))
    const at = squeezed.indexOf(target.replace(/\s+/g, ''))
    if (at < 0) throw new Error(`“${target}” is not on this page`)
    const rectOf = (letter: { node: Text; offset: number }) => {
      const range = document.createRange()
      range.setStart(letter.node, letter.offset)
      range.setEnd(letter.node, letter.offset + 1)
      return range.getBoundingClientRect()
    }
    const first = rectOf(letters[at]!)
    const last = rectOf(letters[at + target.replace(/\s+/g, '').length - 1]!)
    return { from: { x: first.left + 1, y: first.top + first.height / 2 }, to: { x: last.right - 1, y: last.top + last.height / 2 } }
  }, words)
}

/** Selects words on a page with the mouse, from their first letter to their last, once they stand still (a reveal scrolls the pane smoothly). */
export async function dragOver(page: Page, layer: Locator, words: string): Promise<void> {
  let at = await wordsOnPage(layer, words)
  await expect
    .poll(async () => {
      const was = at
      at = await wordsOnPage(layer, words)
      return JSON.stringify(at) === JSON.stringify(was)
    })
    .toBe(true)
  const { from, to } = at
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  await page.mouse.move(to.x, to.y, { steps: 8 })
  await page.mouse.up()
}
