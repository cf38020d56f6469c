import type { Page } from '@playwright/test'
import { startZoteroFixture } from '../src/main/core/references/testing/zotero-fixture'
import { expect, servePilcrow, test } from './support/pilcrow'

// The references list: works from a reference manager read in, matched to the sources holding
// their documents, found by search.

const BIB = `@article{tazminiRussia,
  title = {Russia and {Iran} – a strategic alliance or something more?},
  author = {Tazmini, Ghoncheh},
  journaltitle = {Research for the World},
  date = {2021-01-18}
}

@book{doe1999,
  title = {Grain and Arms},
  author = {Doe, Jane and Roe, Richard},
  publisher = {Example Press},
  year = {1999}
}
`
const references = (page: Page) => page.getByRole('dialog', { name: 'References' })
const file = (name: string, text: string) => ({ name, mimeType: 'text/plain', buffer: Buffer.from(text) })

test('References…: a .bib read in, a garbled one refused with its line; the open source matched to its work; search finds works with ref:', async ({ page, pilcrow }) => {
  await page.goto(pilcrow.url)
  // the way in fits the sidebar: nothing there scrolls sideways
  await expect(page.getByRole('button', { name: 'References…' })).toBeVisible()
  expect(await page.getByRole('navigation', { name: 'Notebook' }).evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true)
  await page.getByRole('button', { name: 'References…' }).click()
  await expect(references(page).getByRole('status').filter({ hasText: 'No references yet.' })).toBeVisible()
  await references(page).getByLabel('References files to import').setInputFiles([file('broken.bib', '@book{b, title={U}\n  year={1999}}\n')])
  await expect(references(page).getByRole('alert')).toHaveText(/^broken\.bib cannot be read: .* at line 2 col 3\. Nothing was imported\.$/)
  await references(page).getByLabel('References files to import').setInputFiles([file('library.bib', BIB)])
  await expect(references(page).getByRole('status').filter({ hasText: 'library.bib: 2 added.' })).toBeVisible()
  await expect(references(page).getByRole('list', { name: 'References list' }).getByRole('listitem')).toHaveCount(2)
  await references(page).getByRole('searchbox', { name: 'Filter references' }).fill('doe 1999')
  await expect(references(page).getByRole('list', { name: 'References list' }).getByRole('listitem')).toHaveText([/^Grain and Arms/])
  await references(page).getByRole('searchbox', { name: 'Filter references' }).fill('')

  // the open source (the article) may be the first work: the same title and year
  const maybe = references(page).getByRole('region', { name: 'May be the open source' })
  await expect(maybe).toContainText('check it is the same work')
  await maybe.getByRole('button', { name: 'Use for this source' }).click()
  await expect(references(page).getByRole('status').filter({ hasText: 'is now cited as' })).toBeVisible()
  await expect(references(page).getByRole('button', { name: 'Open “Russia and Iran – a strategic alliance or something more?”' })).toBeVisible()
  await references(page).getByRole('button', { name: 'Done' }).click()

  // search: ref: words; a work without a document opens the list at it
  const box = page.getByRole('combobox', { name: 'Search' })
  await box.fill('ref:roe')
  const results = page.getByRole('listbox', { name: 'Search results' })
  await expect(results.getByRole('group', { name: 'References' }).getByRole('option')).toHaveText([/Grain and Arms/])
  await page.keyboard.press('Enter')
  await expect(references(page)).toBeVisible()
  await expect(references(page).getByRole('searchbox', { name: 'Filter references' })).toHaveValue('Grain and Arms')
  await expect(references(page).getByRole('list', { name: 'References list' }).getByRole('listitem')).toHaveText([/^Grain and Arms/])
})

test('Import from Zotero reads the library from Zotero’s local API (a stand-in answering as its documentation says), and says so when Zotero is not running', async ({ page, workspace }) => {
  const zotero = await startZoteroFixture({ items: 500 })
  const served = await servePilcrow(workspace, { env: { PILCROW_ZOTERO_URL: zotero.url } })
  try {
    await page.goto(served.url)
    await page.getByRole('button', { name: 'References…' }).click()
    await references(page).getByRole('button', { name: 'Import from Zotero' }).click()
    await expect(references(page).getByRole('status').filter({ hasText: 'Zotero: 500 works read (in 2 collections, 50 attachments listed); 500 added.' })).toBeVisible()
    await expect(references(page).getByRole('status').filter({ hasText: '500 of 500 references; the first 200 are shown' })).toBeVisible()
    await references(page).getByRole('searchbox', { name: 'Filter references' }).fill('work number 10 ')
    await expect(references(page).getByRole('list', { name: 'References list' }).getByRole('listitem').first()).toContainText('attached in Zotero: Full Text PDF 10')
  } finally {
    await served.stop()
    await zotero.close()
  }
  // Zotero gone: the message says what to do
  const again = await servePilcrow(workspace, { env: { PILCROW_ZOTERO_URL: zotero.url } })
  try {
    await page.goto(again.url)
    await page.getByRole('button', { name: 'References…' }).click()
    await references(page).getByRole('button', { name: 'Import from Zotero' }).click()
    await expect(references(page).getByRole('alert')).toHaveText(/^Zotero is not running: nothing answers at 127\.0\.0\.1:\d+\. Start Zotero 7/)
  } finally {
    await again.stop()
  }
})
