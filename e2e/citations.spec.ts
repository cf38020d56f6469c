import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { strFromU8, unzipSync } from 'fflate'
import { noteEditor as editor, paragraph, selectWords } from './support/locators'
import { join } from 'node:path'
import { APP_ROOT, expect, test } from './support/pilcrow'

// Citations a paper can use: the style chosen in Settings, copied from a paragraph, a highlight,
// the note's references and the source, and the kind of work set in the source's details.

const source = (page: Page) => page.getByRole('region', { name: 'Source' })
const toast = (page: Page) => page.locator('.toast')
const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText())

test('Copy citation in the style chosen in Settings: from a paragraph (Y, R), a highlight, the note’s references and the source', async ({ page, pilcrow, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await page.goto(pilcrow.url)

  // APA unless chosen otherwise: ¶6 from the keyboard
  await page.keyboard.press('Control+1')
  const isFocused = () => paragraph(page, 6).evaluate((el) => el === document.activeElement)
  for (let i = 0; i < 12 && !(await isFocused()); i++) await page.keyboard.press('ArrowDown')
  await page.keyboard.press('y')
  await expect(toast(page)).toContainText('Copied the citation (APA Style 7th edition): (Tazmini, 2021, para. 6)')
  expect(await clipboard(page)).toBe('(Tazmini, 2021, para. 6)')
  await page.keyboard.press('r')
  await expect(toast(page)).toContainText('Copied the reference')
  expect(await clipboard(page)).toMatch(/^Tazmini, G\. \(2021, January 18\)\. Russia and Iran – a strategic alliance or something more\?/)

  // Chicago author-date, in Settings
  await page.getByRole('button', { name: 'Settings' }).click()
  const settings = page.getByRole('dialog', { name: 'Settings' })
  await settings.getByRole('combobox', { name: 'Citation style' }).selectOption({ label: 'Chicago Manual of Style 18th edition (author-date)' })
  await expect(settings).toContainText('from the Citation Style Language project')
  await settings.getByRole('button', { name: 'Done' }).click()

  // from a highlight of ¶9
  await selectWords(page, 9, 'while Russia did not deliver on time')
  await source(page).getByRole('button', { name: 'Highlight', exact: true }).click()
  const popover = page.getByRole('dialog', { name: 'Highlight' })
  await popover.getByRole('button', { name: 'Copy citation' }).click()
  await expect(toast(page)).toContainText('(Tazmini 2021, para. 9)')
  expect(await clipboard(page)).toBe('(Tazmini 2021, para. 9)')
  await popover.getByRole('button', { name: 'Done' }).click()

  // from the note's references (its chips)
  await editor(page).click()
  await paragraph(page, 5).hover()
  await page.getByRole('button', { name: 'Cite ¶5 in note' }).click()
  await page.getByRole('region', { name: 'References' }).getByRole('button', { name: 'Copy citation ¶5' }).click()
  await expect(toast(page)).toContainText('(Tazmini 2021, para. 5)')
  expect(await clipboard(page)).toBe('(Tazmini 2021, para. 5)')

  // the note exported formatted in that style: its citation, still a link to ¶5, and its references
  await page.getByRole('button', { name: 'Export…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Export to Markdown' })
  await dialog.getByRole('combobox', { name: 'Citations' }).selectOption('csl')
  const downloading = page.waitForEvent('download')
  await dialog.getByRole('button', { name: 'Export' }).click()
  const files = unzipSync(readFileSync((await (await downloading).path())!))
  const note = strFromU8(Object.entries(files).find(([path]) => /\/notes\/[^/]+\.md$/.test(path))![1])
  expect(note).toContain('[(Tazmini 2021, para. 5)](../sources/russia-iran-alignment.md#^p5)')
  expect(note).toContain('## References')

  // the whole work's reference, from its header
  await source(page).getByRole('button', { name: 'Copy reference' }).click()
  await expect.poll(() => clipboard(page)).toMatch(/^Tazmini, Ghoncheh\. 2021\. “Russia and Iran – a Strategic Alliance or Something More\?”/)
})

test('a source’s kind of work: the details show its fields by their names, and its reference follows', async ({ page, pilcrow, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await page.goto(pilcrow.url)
  await page.getByRole('button', { name: 'Edit details of Russia and Iran – a strategic alliance or something more?' }).click()
  const details = page.getByRole('dialog', { name: 'Source details' })
  await details.getByRole('combobox', { name: 'Type' }).selectOption({ label: 'Journal article' })
  await expect(details.getByRole('textbox', { name: 'Publisher' })).toHaveCount(0)
  await details.getByRole('textbox', { name: 'Journal' }).fill('Journal of Eurasian Studies')
  await details.getByRole('textbox', { name: 'Pages' }).fill('117–134')
  await details.getByRole('textbox', { name: 'DOI' }).fill('10.1000/xyz123')
  await details.getByRole('button', { name: 'Save details' }).click()
  await expect(details).toBeHidden()
  await source(page).getByRole('button', { name: 'Copy reference' }).click()
  await expect.poll(() => clipboard(page)).toBe('Tazmini, G. (2021). Russia and Iran – a strategic alliance or something more? Journal of Eurasian Studies, 117–134. https://doi.org/10.1000/xyz123')
})

test('Export as a Word document: the note with its citations in the chosen style, a .docx whose document holds them', async ({ page, pilcrow }) => {
  await page.goto(pilcrow.url)
  await page.getByRole('textbox', { name: 'Note title' }).fill('Kremlin reading')
  await editor(page).click()
  await page.keyboard.type('The bulwark claim ')
  await paragraph(page, 6).hover()
  await page.getByRole('button', { name: 'Cite ¶6 in note' }).click()
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible()
  await page.getByRole('button', { name: 'Export…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Export to Markdown' })
  await dialog.getByRole('radio', { name: /Word document/ }).check()
  await expect(dialog.getByRole('combobox', { name: 'Citations' })).toBeDisabled()
  const downloading = page.waitForEvent('download')
  await dialog.getByRole('button', { name: 'Export' }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toBe('Kremlin reading.docx')
  const files = unzipSync(readFileSync((await download.path())!))
  const xml = strFromU8(files['word/document.xml']!)
  expect(xml).toContain('(Tazmini, 2021, para. 6)')
  expect(xml).toContain('References')
})

test('Settings: a .csl style the user adds is listed, chosen, and cites; a damaged one is refused with where it breaks', async ({ page, pilcrow, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await page.goto(pilcrow.url)
  await page.getByRole('button', { name: 'Settings' }).click()
  const settings = page.getByRole('dialog', { name: 'Settings' })
  const apa = readFileSync(join(APP_ROOT, 'resources', 'csl', 'styles', 'apa.csl'), 'utf8')
  await settings.getByLabel('Citation style file').setInputFiles({ name: 'broken.csl', mimeType: 'application/xml', buffer: Buffer.from(apa.slice(0, apa.indexOf('<citation') + 200)) })
  await expect(settings.getByRole('alert')).toHaveText(/^broken\.csl is damaged: line \d+:\d+/)
  const mine = apa.replace(/<title>[^<]*<\/title>/, '<title>My department’s APA</title>')
  await settings.getByLabel('Citation style file').setInputFiles({ name: 'dept.csl', mimeType: 'application/xml', buffer: Buffer.from(mine) })
  await expect(settings.getByRole('combobox', { name: 'Citation style' })).toHaveValue('user-dept')
  await expect(settings).toContainText('A style you added')
  await settings.getByRole('button', { name: 'Done' }).click()
  await page.keyboard.press('Control+1')
  await page.keyboard.press('y')
  await expect(toast(page)).toContainText('Copied the citation (My department’s APA): (Tazmini, 2021, para. 1)')
})
