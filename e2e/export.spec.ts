import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { noteEditor as editor, paragraph, selectWords } from './support/locators'
import { APP_ROOT, expect, test } from './support/pilcrow'

test('export a note citing ¶6 and quoting ¶9: the file holds the quote and links that land on their anchors', async ({ page, pilcrow }) => {
  await page.goto(pilcrow.url)
  await page.getByRole('textbox', { name: 'Note title' }).fill('Kremlin reading')
  await editor(page).click()
  await page.keyboard.type('The bulwark claim ')
  await paragraph(page, 6).hover()
  await page.getByRole('button', { name: 'Cite ¶6 in note' }).click()
  await page.keyboard.type('. Then')
  await selectWords(page, 9, 'while Russia did not deliver on time')
  await page.getByRole('button', { name: 'Quote in note' }).click()
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible()

  await page.getByRole('button', { name: 'Export…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Export to Markdown' })
  await expect(dialog.getByRole('radio', { name: /This note/ })).toBeChecked()
  const downloading = page.waitForEvent('download')
  await dialog.getByRole('button', { name: 'Export' }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toBe('Kremlin reading.zip')
  const files = unzipSync(readFileSync((await download.path())!))
  // everything in one folder named after the note
  const note = strFromU8(files['Kremlin reading/notes/Kremlin reading.md']!)
  const source = strFromU8(files['Kremlin reading/sources/russia-iran-alignment.md']!)
  expect(note).toContain('> “while Russia did not deliver on time” [¶9](../sources/russia-iran-alignment.md#^p9)')
  // a full stop typed right after a citation follows the chip, with no space before it
  expect(note).toContain('The bulwark claim [¶6](../sources/russia-iran-alignment.md#^p6). Then')
  const links = [...note.matchAll(/\]\(\.\.\/sources\/russia-iran-alignment\.md#\^(p\d+)\)/g)].map((m) => m[1])
  expect(links).toEqual(['p6', 'p9'])
  for (const anchor of links) expect(source).toContain(`<a id="^${anchor}"></a>`)
  expect(Object.keys(files)).toContain('Kremlin reading/index.md')
})

test('pilcrow export --all then pilcrow import into a fresh workspace reproduces the notebook', async ({ page, pilcrow }) => {
  await page.goto(pilcrow.url)
  await page.getByRole('textbox', { name: 'Note title' }).fill('First')
  await editor(page).click()
  await page.keyboard.type('Alpha with a *star* ')
  await paragraph(page, 3).hover()
  await page.getByRole('button', { name: 'Cite ¶3 in note' }).click()
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible()
  await page.getByRole('button', { name: 'New note' }).click()
  await expect(page.getByRole('list', { name: 'Notes' }).getByRole('button')).toHaveCount(2) // the new note is open
  await expect(page.getByRole('textbox', { name: 'Note title' })).toHaveValue('')
  await page.getByRole('textbox', { name: 'Note title' }).fill('Second')
  await editor(page).click()
  await page.keyboard.type('- [ ] check the S-300 dates')
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible()
  await pilcrow.stop()

  const out = mkdtempSync(join(tmpdir(), 'pilcrow-export-'))
  const fresh = mkdtempSync(join(tmpdir(), 'pilcrow-fresh-'))
  const cli = (...args: string[]) => spawnSync(process.execPath, [join(APP_ROOT, 'bin', 'pilcrow.js'), ...args], { encoding: 'utf8' })
  try {
    const exported = cli('export', '--all', '--out', out, '--workspace', pilcrow.workspace)
    expect(exported.stderr).toBe('')
    expect(exported.stdout).toMatch(/^Exported 2 notes \(links citations\)/)
    expect(cli('export', '--all', '--out', out, '--workspace', pilcrow.workspace).status).toBe(1) // no overwrite without --force
    expect(cli('export', '--all', '--out', out, '--force', '--workspace', pilcrow.workspace).status).toBe(0)
    const imported = cli('import', out, '--workspace', fresh, '--json')
    expect(imported.status).toBe(0)
    const result = JSON.parse(imported.stdout)[0]
    expect(result.notes.map((n: { title: string }) => n.title).sort()).toEqual(['First', 'Second'])

    const read = (dir: string) =>
      readdirSync(join(dir, 'notes'))
        .filter((n) => n.endsWith('.json'))
        .map((n) => JSON.parse(readFileSync(join(dir, 'notes', n), 'utf8')))
        .map((n) => ({
          id: n.id,
          title: n.title,
          createdAt: n.createdAt,
          // white space at the very end of a block is invisible, and Markdown does not keep it
          text: JSON.stringify(n.content, ['root', 'children', 'type', 'text', 'format', 'checked', 'listType', 'anchor', 'sourceId', 'blockId', 'quote', 'exact', 'paragraph']).replace(
            /,\{"type":"text","text":"\s+","format":0\}\]/g,
            ']'
          )
        }))
        .sort((a, b) => a.title.localeCompare(b.title))
    expect(read(fresh)).toEqual(read(pilcrow.workspace))
  } finally {
    rmSync(out, { recursive: true, force: true })
    rmSync(fresh, { recursive: true, force: true })
  }
})

test('the Export dialog’s “Highlights only” downloads a Markdown file per highlighted source (and the source it links to), which unzip opens', async ({ page, pilcrow }) => {
  await page.goto(pilcrow.url)
  const words = 'while Russia did not deliver on time'
  await selectWords(page, 9, words)
  await page.getByRole('region', { name: 'Source' }).getByRole('button', { name: 'Highlight', exact: true }).click()
  const popover = page.getByRole('dialog', { name: 'Highlight' })
  await popover.getByRole('radio', { name: 'pink' }).check()
  await popover.getByRole('textbox', { name: 'Comment' }).fill('Late, but delivered.')
  await popover.getByRole('button', { name: 'Done' }).click()
  await expect(popover).toBeHidden()

  await page.getByRole('button', { name: 'Export…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Export to Markdown' })
  await dialog.getByRole('radio', { name: /Highlights only/ }).check()
  await expect(dialog.getByRole('combobox', { name: 'Citations' })).toBeDisabled()
  const downloading = page.waitForEvent('download')
  await dialog.getByRole('button', { name: 'Export' }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toBe('Pilcrow highlights.zip')
  const folder = mkdtempSync(join(tmpdir(), 'pilcrow-highlights-'))
  try {
    const run = spawnSync('unzip', ['-q', (await download.path())!, '-d', folder], { encoding: 'utf8' })
    expect(run.status, run.stderr).toBe(0)
    expect(readdirSync(join(folder, 'Pilcrow highlights')).sort()).toEqual(['highlights', 'sources'])
    const highlights = readFileSync(join(folder, 'Pilcrow highlights', 'highlights', 'russia-iran-alignment.md'), 'utf8')
    expect(highlights).toContain(words)
    expect(highlights).toContain('Late, but delivered.')
    expect(highlights).toContain('../sources/russia-iran-alignment.md#^p9')
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
})
