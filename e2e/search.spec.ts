import type { Page } from '@playwright/test'
import { noteEditor as editor, paragraph } from './support/locators'
import { expect, expectRevealed, test } from './support/pilcrow'

const results = (page: Page) => page.getByRole('listbox', { name: 'Search results' })

test.describe('search', () => {
  test('finds ¶ hits in the article and hits in a note just written; Enter reveals the paragraph', async ({ page, pilcrow }) => {
    await page.goto(pilcrow.url)
    await page.getByRole('textbox', { name: 'Note title' }).fill('Weapons')
    await editor(page).click()
    await page.keyboard.type('Notes on the S-300 missiles and Bushehr delays.')
    await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible()

    await page.keyboard.press('Control+k')
    await expect(page.getByRole('combobox', { name: 'Search' })).toBeFocused()
    await page.keyboard.type('bushe') // as you type: a prefix
    const sources = results(page).getByRole('group', { name: 'Sources' })
    const notes = results(page).getByRole('group', { name: 'Notes' })
    await expect(sources.getByRole('option').first()).toContainText('¶9 · Russia and Iran – a strategic alliance or something more?')
    await expect(sources.getByRole('option').first().locator('mark')).toHaveText(['Bushehr'])
    await expect(notes.getByRole('option')).toHaveText([/^Weapons.*Bushehr/])

    await expect(paragraph(page, 9)).not.toBeInViewport()
    await page.keyboard.press('Enter')
    await expectRevealed(paragraph(page, 9))
  })

  test('arrow keys move through results and Enter opens a note at the match', async ({ page, pilcrow }) => {
    await page.goto(pilcrow.url)
    await page.getByRole('textbox', { name: 'Note title' }).fill('Long note')
    await editor(page).click()
    for (let i = 0; i < 25; i++) {
      await page.keyboard.insertText(`Filler line ${i}.`) // a line at a time: typing is slow on a loaded machine
      await page.keyboard.press('Enter')
    }
    await page.keyboard.type('The zeppelin passage is here.')
    await page.getByRole('button', { name: 'New note' }).click()
    await expect(page.getByRole('textbox', { name: 'Note title' })).toHaveValue('')

    const box = page.getByRole('combobox', { name: 'Search' })
    await box.click()
    await box.fill('zeppelin')
    const option = results(page).getByRole('option')
    await expect(option).toHaveCount(1)
    await expect(option).toHaveAttribute('aria-selected', 'true')
    await page.keyboard.press('ArrowDown') // wraps around to the same single hit
    await page.keyboard.press('Enter')
    await expect(page.getByRole('textbox', { name: 'Note title' })).toHaveValue('Long note')
    const passage = editor(page).locator('p', { hasText: 'The zeppelin passage is here.' })
    await expectRevealed(passage)
  })

  test('says so when nothing matches, and filters with in:notes', async ({ page, pilcrow }) => {
    await page.goto(pilcrow.url)
    const box = page.getByRole('combobox', { name: 'Search' })
    const said = page.locator('.search-panel').getByRole('status')
    await box.fill('xylophonequartz')
    await expect(said).toHaveText('Nothing matches “xylophonequartz”.')
    await box.fill('Kremlin in:notes')
    await expect(said).toHaveText('No matches. Try fewer words, or part of a word.')
    await box.fill('Kremlin in:sources')
    await expect(results(page).getByRole('option').first()).toContainText('¶')
  })
})
