import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { noteEditor } from './support/locators'
import { dragOver, LNCS_PDF } from './support/pdf-pages'
import { expect, test } from './support/pilcrow'

// A PDF read as its pages: words selected on the page are quoted and highlighted on the same words the text view shows.

const source = (page: Page) => page.getByRole('region', { name: 'Source' })
const pdfPage = (page: Page, n: number) => source(page).getByRole('group', { name: `Page ${n}` })

/**
 * The words each CSS highlight paints now, white space collapsed; on a page, its text layer has
 * no spaces between lines, so the page's words are compared without white space (`squeezed`).
 */
const painted = (page: Page) =>
  page.evaluate(() => {
    const out: Record<string, string[]> = {}
    for (const [name, highlight] of CSS.highlights) {
      out[name] = [...highlight].map((r) => {
        const range = document.createRange()
        range.setStart(r.startContainer, r.startOffset)
        range.setEnd(r.endContainer, r.endOffset)
        return range.toString().replace(/\s+/g, ' ').trim()
      })
    }
    return out
  })
const squeezed = (words: string) => words.replace(/\s+/g, '')
const paintedOnPage = async (page: Page, name: string) => (await painted(page))[name]?.map(squeezed)

test('open a PDF as its pages, quote words of page 2 into a note, the text view reveals the same words; a highlight made on the page stays after a reload', async ({ page, pilcrow }) => {
  await page.setViewportSize({ width: 1400, height: 900 })
  await page.goto(pilcrow.url)
  await page.getByLabel('Files to import').setInputFiles([{ name: 'springer-lncs.pdf', mimeType: 'application/pdf', buffer: readFileSync(LNCS_PDF) }])

  // a PDF opens as its pages, drawn with their words selectable
  await expect(source(page).getByRole('button', { name: 'Page view' })).toHaveAttribute('aria-pressed', 'true')
  const second = pdfPage(page, 2)
  await second.scrollIntoViewIfNeeded()
  await expect(second.locator('canvas')).toBeVisible()
  const layer = second.locator('.textLayer')
  await expect(layer).toContainText('All words in titles should be capitalized')

  // words running over a line end, selected with the mouse and quoted
  const quoted = 'Formula letters are typeset as in the text'
  await noteEditor(page).click()
  await dragOver(page, layer, quoted)
  await source(page).getByRole('button', { name: 'Quote in note' }).click()
  const chip = noteEditor(page).getByRole('button', { name: /^p\. 2, ¶\d+ · Instructions for Using/ })
  await expect(chip).toBeVisible()
  await expect(noteEditor(page)).toContainText(quoted)

  // the text view: the chip reveals the same words in the reflowed paragraph
  await source(page).getByRole('button', { name: 'Text view' }).click()
  await expect(source(page).getByRole('button', { name: 'Text view' })).toHaveAttribute('aria-pressed', 'true')
  await chip.click()
  await expect.poll(async () => (await painted(page))['pilcrow-revealed-words']).toEqual([quoted])

  // back on the page (its shortcut): revealing marks the words there too
  await page.keyboard.press('Control+Alt+V')
  await expect(source(page).getByRole('button', { name: 'Page view' })).toHaveAttribute('aria-pressed', 'true')
  await expect(layer).toContainText('All words in titles')
  await chip.click()
  await expect.poll(() => paintedOnPage(page, 'pilcrow-revealed-words')).toEqual([squeezed(quoted)])

  // a highlight made on the page
  const marked = 'Long titles that run over multiple lines can be wrapped'
  await dragOver(page, layer, marked)
  await source(page).getByRole('button', { name: 'Highlight', exact: true }).click()
  const popover = page.getByRole('dialog', { name: 'Highlight' })
  await popover.getByRole('radio', { name: 'green' }).check()
  await popover.getByRole('button', { name: 'Done' }).click()
  await expect.poll(() => paintedOnPage(page, 'pilcrow-hl-green')).toEqual([squeezed(marked)])

  // read on to page 3, then reload: still the page view, at the place the reader left
  await pdfPage(page, 3).evaluate((el) => el.scrollIntoView({ block: 'start' }))
  await page.reload()
  await expect(source(page).getByRole('button', { name: 'Page view' })).toHaveAttribute('aria-pressed', 'true')
  await expect(pdfPage(page, 3).locator('canvas')).toBeInViewport()
  // the highlight still on its words
  await pdfPage(page, 2).scrollIntoViewIfNeeded()
  await expect(layer).toContainText('All words in titles')
  await expect.poll(() => paintedOnPage(page, 'pilcrow-hl-green')).toEqual([squeezed(marked)])
  // and the text view paints it on the same words of the paragraph
  await source(page).getByRole('button', { name: 'Text view' }).click()
  await expect.poll(async () => (await painted(page))['pilcrow-hl-green']).toEqual([marked])
})
