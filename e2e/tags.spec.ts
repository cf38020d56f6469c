import type { Page } from '@playwright/test'
import { noteEditor as editor, paragraph, selectWords } from './support/locators'
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
  await page.getByRole('status').filter({ hasText: 'Notes and sources tagged #methods' }).getByRole('button', { name: 'Show all' }).click()
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

test('sources and highlights are tagged too: a source’s tags in its details, a highlight’s #tags in its comment; the Tags list filters sources, search finds both', async ({ page, pilcrow }) => {
  await page.goto(pilcrow.url)
  const article = 'Russia and Iran – a strategic alliance or something more?'
  await page.getByRole('button', { name: `Edit details of ${article}` }).click()
  const details = page.getByRole('dialog', { name: 'Source details' })
  await details.getByRole('textbox', { name: 'Tags' }).fill('#12 iran')
  await details.getByRole('button', { name: 'Save details' }).click()
  await expect(details.getByRole('alert')).toHaveText(/“#12” cannot be a tag/)
  await details.getByRole('textbox', { name: 'Tags' }).fill('Iran, alliances/russia')
  await details.getByRole('button', { name: 'Save details' }).click()
  await expect(details).toBeHidden()
  await expect(tags(page).getByRole('button')).toHaveText(['#alliances (1)', '#alliances/russia (1)', '#iran (1)'])

  // a note tagged #iran too: the tag counts both, and choosing it keeps both lists to it
  await title(page).fill('Reading')
  await editor(page).click()
  await page.keyboard.type('About #iran.')
  await saved(page)
  await page.getByRole('button', { name: 'New note', exact: true }).click()
  await page.keyboard.type('Untagged')
  await saved(page)
  await expect(tags(page).getByRole('button', { name: '#iran (2)' })).toBeVisible()
  await tags(page).getByRole('button', { name: '#alliances (1)' }).click()
  await expect(page.getByRole('list', { name: 'Sources' }).getByRole('listitem')).toHaveCount(1)
  await expect(notesList(page).getByRole('button')).toHaveCount(0)
  await tags(page).getByRole('button', { name: '#alliances (1)' }).click()
  await expect(notesList(page).getByRole('button')).toHaveCount(2)

  // a highlight whose comment carries a #tag
  const text = await paragraph(page, 6).locator('[data-block-text]').textContent()
  const words = text!.split(/\s+/).slice(3, 7).join(' ')
  await selectWords(page, 6, words)
  await page.getByRole('region', { name: 'Source' }).getByRole('button', { name: 'Highlight', exact: true }).click()
  const popover = page.getByRole('dialog', { name: 'Highlight' })
  await popover.getByRole('textbox', { name: 'Comment' }).fill('Doubtful #disagree')
  await popover.getByRole('button', { name: 'Done' }).click()
  await expect(popover).toBeHidden()

  const box = page.getByRole('combobox', { name: 'Search' })
  await box.fill('tag:disagree')
  await expect(page.getByRole('listbox', { name: 'Search results' }).getByRole('option')).toHaveText([new RegExp(words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))])
  await box.fill('tag:iran')
  await expect(page.getByRole('listbox', { name: 'Search results' }).getByRole('option')).toHaveText([/Russia and Iran/, /^Reading/])
})
