import type { Page } from '@playwright/test'
import { paragraph, selectWords } from './support/locators'
import { audit } from './support/axe'
import { expect, test } from './support/pilcrow'

// Marking words while reading: a colour that means something, a comment, kept across a reload.

const source = (page: Page) => page.getByRole('region', { name: 'Source' })
const popover = (page: Page) => page.getByRole('dialog', { name: 'Highlight' })

/** The words each colour's CSS highlight paints now, as the page has them. */
const painted = (page: Page) =>
  page.evaluate(() => {
    const live = (r: AbstractRange): Range => {
      const range = document.createRange()
      range.setStart(r.startContainer, r.startOffset)
      range.setEnd(r.endContainer, r.endOffset)
      return range
    }
    const out: Record<string, string[]> = {}
    for (const [name, highlight] of CSS.highlights) out[name] = [...highlight].map((r) => live(r).toString())
    return out
  })

test('highlight words of ¶9 in blue with a comment: still marked after a reload; listed, filtered, cited and deleted with undo', async ({ page, pilcrow }) => {
  await page.goto(pilcrow.url)
  await expect(paragraph(page, 9)).toBeVisible()
  const words = 'a strategic alliance'
  const text = await paragraph(page, 9).locator('[data-block-text]').textContent()
  const chosen = text!.includes(words) ? words : text!.split(/\s+/).slice(2, 6).join(' ')
  await selectWords(page, 9, chosen)
  await source(page).getByRole('button', { name: 'Highlight', exact: true }).click()
  await expect(popover(page)).toBeVisible()
  await popover(page).getByRole('radio', { name: 'blue' }).check()
  await popover(page).getByRole('textbox', { name: 'Comment' }).fill('The claim the whole piece rests on.\nCheck against ¶12.')
  await popover(page).getByRole('button', { name: 'Done' }).click()
  await expect(popover(page)).toBeHidden()
  await expect.poll(() => painted(page)).toMatchObject({ 'pilcrow-hl-blue': [chosen] })
  await expect(paragraph(page, 9).getByRole('img', { name: '¶9 has highlights: blue' })).toBeVisible()

  await page.reload()
  await expect.poll(() => painted(page)).toMatchObject({ 'pilcrow-hl-blue': [chosen] })
  // clicking the marked words opens it, with its comment
  const box = await page.evaluate(() => {
    const painted = [...CSS.highlights.get('pilcrow-hl-blue')!][0]!
    const range = document.createRange()
    range.setStart(painted.startContainer, painted.startOffset)
    range.setEnd(painted.endContainer, painted.endOffset)
    const rect = range.getClientRects()[0]!
    return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 }
  })
  await page.mouse.click(box.x, box.y)
  await expect(popover(page).getByRole('textbox', { name: 'Comment' })).toHaveValue('The claim the whole piece rests on.\nCheck against ¶12.')
  await expect(popover(page).getByRole('radio', { name: 'blue' })).toBeChecked()
  await popover(page).getByRole('button', { name: 'Done' }).click()
  await source(page).getByRole('button', { name: 'Highlights (1)' }).click()
  const panel = page.getByRole('region', { name: 'Highlights' })
  await expect(panel).toContainText(chosen)
  await expect(panel).toContainText('The claim the whole piece rests on.')
  await panel.getByRole('combobox', { name: 'Show' }).selectOption('yellow')
  await expect(panel).toContainText('No highlights in this colour.')
  await panel.getByRole('combobox', { name: 'Show' }).selectOption('blue')
  await panel.getByRole('button', { name: new RegExp(chosen) }).click()
  await expect(popover(page).getByRole('textbox', { name: 'Comment' })).toHaveValue('The claim the whole piece rests on.\nCheck against ¶12.')
  // the panel, the popover and the marked words pass an axe audit, light and dark
  expect(await audit(page)).toEqual([])
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'))
  expect(await audit(page)).toEqual([])
  await page.evaluate(() => document.documentElement.removeAttribute('data-theme'))

  // search finds it by its comment, and by its colour
  const searchBox = page.getByRole('combobox', { name: 'Search' })
  await searchBox.fill('whole piece rests')
  const found = page.getByRole('listbox', { name: 'Search results' }).getByRole('group', { name: 'Highlights' }).getByRole('option')
  await expect(found).toHaveCount(1)
  await expect(found).toContainText('blue · ¶9')
  await searchBox.fill('color:blue')
  await expect(found).toHaveCount(1)
  await searchBox.fill('color:pink')
  await expect(page.getByRole('listbox', { name: 'Search results' }).getByRole('option')).toHaveCount(0)
  await searchBox.fill('')
  await searchBox.press('Escape')

  // cited: a chip quoting its words in the note
  await popover(page).getByRole('button', { name: 'Cite highlight in note' }).click()
  const note = page.getByRole('textbox', { name: 'Note', exact: true })
  await expect(note).toContainText(chosen)
  await expect(note.locator('.chip')).toHaveCount(1)

  // deleted, then put back
  await panel.getByRole('button', { name: new RegExp(chosen) }).click()
  await popover(page).getByRole('button', { name: 'Delete highlight' }).click()
  await expect.poll(() => painted(page)).not.toHaveProperty('pilcrow-hl-blue')
  await page.getByRole('status').filter({ hasText: 'Highlight deleted.' }).getByRole('button', { name: 'Undo' }).click()
  await expect.poll(() => painted(page)).toMatchObject({ 'pilcrow-hl-blue': [chosen] })
})

test('a colour’s meaning, named in settings, shows wherever the colour is', async ({ page, pilcrow }) => {
  await page.goto(pilcrow.url)
  await page.getByRole('button', { name: 'Settings' }).click()
  const settings = page.getByRole('dialog', { name: 'Settings' })
  await settings.getByRole('textbox', { name: 'Meaning of blue' }).fill('Evidence')
  await settings.getByRole('button', { name: 'Done' }).click()
  await expect(paragraph(page, 9)).toBeVisible()
  const text = await paragraph(page, 9).locator('[data-block-text]').textContent()
  await selectWords(page, 9, text!.split(/\s+/).slice(0, 3).join(' '))
  await source(page).getByRole('button', { name: 'Highlight', exact: true }).click()
  await popover(page).getByRole('radio', { name: 'Evidence (blue)' }).check()
  await expect(popover(page)).toContainText('Evidence (blue)')
})

test('from the keyboard: words selected with Shift and the arrows are highlighted with Ctrl+Shift+H, coloured with the arrow keys', async ({ page, pilcrow }) => {
  await page.goto(pilcrow.url)
  await expect(paragraph(page, 9)).toBeVisible()
  await page.keyboard.press('Control+1')
  const onNine = () => paragraph(page, 9).evaluate((el) => el === document.activeElement)
  for (let i = 0; i < 12 && !(await onNine()); i++) await page.keyboard.press('ArrowDown')
  await expect(paragraph(page, 9)).toBeFocused()
  for (let i = 0; i < 3; i++) await page.keyboard.press('Control+Shift+ArrowRight')
  await expect.poll(() => page.evaluate(() => document.getSelection()!.toString())).toBe('Willing to work')
  await page.keyboard.press('Control+Shift+H')
  // the colour has the focus: the arrows choose another, Tab reaches the comment
  await expect(popover(page).getByRole('radio', { name: 'yellow' })).toBeFocused()
  await page.keyboard.press('ArrowRight')
  await expect(popover(page).getByRole('radio', { name: 'green' })).toBeChecked()
  await page.keyboard.press('Tab')
  await expect(popover(page).getByRole('textbox', { name: 'Comment' })).toBeFocused()
  await page.keyboard.type('Typed without a mouse.')
  await page.keyboard.press('Escape')
  await expect(popover(page)).toBeHidden()
  await expect.poll(() => painted(page)).toMatchObject({ 'pilcrow-hl-green': ['Willing to work'] })
  await source(page).getByRole('button', { name: 'Highlights (1)' }).click()
  await expect(page.getByRole('region', { name: 'Highlights' })).toContainText('Typed without a mouse.')
})
