import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page, Request } from '@playwright/test'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { noteEditor as editor } from './support/locators'
import { APP_ROOT, expect, test } from './support/pilcrow'

// Changes flow as events: whoever makes a change (another tab, the CLI, another program writing
// the workspace's files), every open page follows it without a reload.

const notesList = (page: Page) => page.getByRole('list', { name: 'Notes' })
const sourcesList = (page: Page) => page.getByRole('list', { name: 'Sources' })
const title = (page: Page) => page.getByRole('textbox', { name: 'Note title' })
const saved = (page: Page) => expect(page.locator('.note-status').getByRole('status')).toHaveText('Saved')
const source = (page: Page) => page.getByRole('region', { name: 'Source' })
const noteFiles = (workspace: string) => readdirSync(join(workspace, 'notes')).filter((f) => /^n-.*\.json$/.test(f))

/** The API calls a page makes while `work` runs (the event stream aside). */
async function apiCallsDuring(page: Page, work: () => Promise<void>): Promise<string[]> {
  const calls: string[] = []
  const record = (request: Request): void => {
    const path = new URL(request.url()).pathname
    if (path.startsWith('/api/') && path !== '/api/events') calls.push(path.slice(5))
  }
  page.on('request', record)
  await work()
  page.off('request', record)
  return calls
}

test('two pages on one notebook: a note made, renamed, cited and trashed in one shows in the other without a reload', async ({ page, pilcrow, context }) => {
  await page.goto(pilcrow.url)
  await expect(editor(page)).toBeVisible()
  const other = await context.newPage()
  await other.goto(pilcrow.url)
  await expect(editor(other)).toBeVisible()

  await page.getByRole('button', { name: 'New note', exact: true }).click()
  await expect(title(page)).toBeFocused()
  await page.keyboard.type('Made in the first tab')
  await saved(page)
  await expect(notesList(other).getByRole('button', { name: /^Made in the first tab/ })).toBeVisible()

  await title(page).fill('Renamed in the first tab')
  await saved(page)
  await expect(notesList(other).getByRole('button', { name: /^Renamed in the first tab/ })).toBeVisible()
  await expect(notesList(other).getByRole('button', { name: /^Made in the first tab/ })).toBeHidden()

  // a citation made in one page counts in the other's ¶ margin
  await editor(page).click()
  await source(page).locator('.numbered').nth(5).hover()
  await page.getByRole('button', { name: 'Cite ¶6 in note' }).click()
  await saved(page)
  await expect(other.getByRole('button', { name: '1 note cites ¶6' })).toBeVisible()

  await page.getByRole('button', { name: 'Move to trash' }).click()
  await expect(notesList(other).getByRole('button', { name: /^Renamed in the first tab/ })).toBeHidden()
  await expect(other.getByRole('button', { name: '1 note cites ¶6' })).toBeHidden()
})

test('a source imported with the CLI while the app is open appears in its sources list, and is searchable, without a reload', async ({ page, pilcrow, workspace }, testInfo) => {
  await page.goto(pilcrow.url)
  await expect(editor(page)).toBeVisible()
  const file = testInfo.outputPath('field-notes.md')
  writeFileSync(file, '# Field notes from the steppe\n\nThe saiga antelope crossed the frozen river at dawn.\n')
  const cli = spawnSync(process.execPath, [join(APP_ROOT, 'bin', 'pilcrow.js'), 'import', file, '--workspace', workspace], { encoding: 'utf8' })
  expect(cli.status, cli.stderr).toBe(0)
  await expect(sourcesList(page).getByRole('button', { name: /^Field notes from the steppe/ })).toBeVisible()
  const box = page.getByRole('combobox', { name: 'Search' })
  await box.fill('saiga')
  await expect(page.getByRole('listbox').getByRole('option', { name: /saiga antelope/ })).toBeVisible()
})

test('a note file rewritten by another program: the open page shows the new text; with unsaved edits, both versions are kept and the user told', async ({ page, pilcrow, workspace }) => {
  await page.goto(pilcrow.url)
  await editor(page).click()
  await page.keyboard.type('Written in Pilcrow.')
  await saved(page)
  const [file] = noteFiles(workspace)
  const path = join(workspace, 'notes', file!)
  const rewrite = (from: string, to: string): void => writeFileSync(path, readFileSync(path, 'utf8').replace(from, to))

  // unedited here: the editor follows the file
  rewrite('Written in Pilcrow.', 'Rewritten by another editor.')
  await expect(editor(page)).toHaveText('Rewritten by another editor.')
  await expect(page.getByRole('status').filter({ hasText: 'was changed elsewhere' })).toBeVisible()

  // edited here and there at once: both kept, and said
  await editor(page).press('End')
  await page.keyboard.type(' Typed here.')
  rewrite('Rewritten by another editor.', 'Changed on disk meanwhile.')
  await expect(page.getByRole('alert').filter({ hasText: 'was changed elsewhere at the same time' })).toBeVisible()
  await saved(page)
  await expect(editor(page)).toHaveText('Rewritten by another editor. Typed here.')
  await expect(notesList(page).getByRole('button', { name: /other version/ })).toBeVisible()
  const texts = noteFiles(workspace).map((f) => readFileSync(join(workspace, 'notes', f), 'utf8'))
  expect(texts.some((t) => t.includes('Changed on disk meanwhile.'))).toBe(true)
  expect(texts.some((t) => t.includes('Rewritten by another editor. Typed here.'))).toBe(true)
})

test('one autosave is one request, and an import’s progress is announced, not polled', async ({ page, pilcrow }) => {
  await page.goto(pilcrow.url)
  await editor(page).click()
  await page.keyboard.type('A first sentence.')
  await saved(page)
  const autosave = await apiCallsDuring(page, async () => {
    await page.keyboard.type(' A second one.')
    await expect(page.locator('.note-status').getByRole('status')).toHaveText('Saved')
  })
  expect(autosave).toEqual(['saveNote'])

  const document = await PDFDocument.create()
  const font = await document.embedFont(StandardFonts.TimesRoman)
  for (let n = 1; n <= 60; n++) document.addPage().drawText(`Finding number ${n} is written on page ${n} of the report.`, { x: 72, y: 700, size: 12, font })
  const pdf = Buffer.from(await document.save())
  const importing = await apiCallsDuring(page, async () => {
    const chooser = page.waitForEvent('filechooser')
    await page.getByRole('button', { name: 'Import sources…' }).click()
    await (await chooser).setFiles([{ name: 'paper.pdf', mimeType: 'application/pdf', buffer: pdf }])
    await expect(page.getByRole('region', { name: 'Import' })).toContainText('Imported')
  })
  expect(importing.filter((call) => call === 'getImportStatus')).toEqual([])
})
