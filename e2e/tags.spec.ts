import type { Page } from '@playwright/test'
import { noteEditor as editor } from './support/locators'
import { expect, test } from './support/pilcrow'

// #tags typed in notes: listed with their counts, a filter of the notes list, and tag: in search.

const title = (page: Page) => page.getByRole('textbox', { name: 'Note title' })
const saved = (page: Page) => expect(page.locator('.note-status').getByRole('status')).toHaveText('Saved')
const tags = (page: Page) => page.getByRole('region', { name: 'Tags' })
const notesList = (page: Page) => page.getByRole('list', { name: 'Notes' })

test('#tags typed in notes are listed with their counts; choosing one filters the notes; tag: searches them', async ({ page, pilcrow }) => {
  await page.goto(pilcrow.url)
  await title(page).fill('Sanctions reading')
  await editor(page).click()
  await page.keyboard.type('Notes for #methods and #Iran/sanctions, not #12.')
  await saved(page)
  await page.getByRole('button', { name: 'New note', exact: true }).click()
  await expect(title(page)).toBeFocused()
  await page.keyboard.type('Method notes')
  await editor(page).click()
  await page.keyboard.type('More on #methods here.')
  await saved(page)

  await expect(tags(page).getByRole('button')).toHaveText(['#iran (1)', '#iran/sanctions (1)', '#methods (2)'])
  await tags(page).getByRole('button', { name: '#iran (1)' }).click()
  await expect(notesList(page).getByRole('button')).toHaveText([/^Sanctions reading/])
  await tags(page).getByRole('button', { name: '#methods (2)' }).click()
  await expect(notesList(page).getByRole('button')).toHaveCount(2)
  await page.getByRole('status').filter({ hasText: 'Notes tagged #methods' }).getByRole('button', { name: 'Show all' }).click()
  await expect(tags(page).getByRole('button', { name: '#methods (2)' })).toHaveAttribute('aria-pressed', 'false')

  const box = page.getByRole('combobox', { name: 'Search' })
  await box.fill('tag:iran')
  await expect(page.getByRole('listbox', { name: 'Search results' }).getByRole('option')).toHaveText([/^Sanctions reading/])

  // a tag removed from the text leaves the list
  await notesList(page).getByRole('button', { name: /^Method notes/ }).click()
  await editor(page).click()
  await page.keyboard.press('Control+A')
  await page.keyboard.type('No tags now.')
  await saved(page)
  await expect(tags(page).getByRole('button')).toHaveText(['#iran (1)', '#iran/sanctions (1)', '#methods (1)'])
})
