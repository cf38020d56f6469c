import { chmodSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import fc from 'fast-check'
import { noteChildrenArbitrary } from '../src/main/core/testing/note-arbitrary'
import { expect, test, type ServedPilcrow } from './support/pilcrow'

// What the editor and the core must survive: content this build does not know, damaged chips,
// steady typing, read-only files. Each test writes note files as another tool (or a newer
// Pilcrow) would, then uses the app as a person does.

type Json = Record<string, unknown>
const editor = (page: Page) => page.getByRole('textbox', { name: 'Note', exact: true })
const status = (page: Page) => page.locator('.note-status').getByRole('status')
const text = (t: string): Json => ({ type: 'text', text: t, format: 0, detail: 0, mode: 'normal', style: '', version: 1 })
const paragraph = (...children: Json[]): Json => ({ type: 'paragraph', children, direction: null, format: '', indent: 0, version: 1 })
const TABLE = { type: 'table', version: 1, colWidths: [90, 90], children: [{ type: 'tablerow', children: [{ type: 'tablecell', headerState: 1, children: [paragraph(text('cell words'))] }] }] }

/** Writes a note file as another program would. */
function writeNote(workspace: string, id: string, title: string, children: unknown[]): string {
  const path = join(workspace, 'notes', `${id}.json`)
  const now = new Date().toISOString()
  writeFileSync(path, JSON.stringify({ format: 'pilcrow-note', formatVersion: 1, id, title, createdAt: now, updatedAt: now, trashedAt: null, content: { root: { type: 'root', children, direction: null, format: '', indent: 0, version: 1 } } }))
  return path
}

const savedChildren = (path: string): Json[] => JSON.parse(readFileSync(path, 'utf8')).content.root.children as Json[]

/** The notebook restarted so it finds the files just written. */
async function reopen(page: Page, pilcrow: ServedPilcrow): Promise<ServedPilcrow> {
  const served = await pilcrow.restart()
  await page.goto(served.url)
  return served
}

test.describe('content this build does not know', () => {
  for (const where of ['between two paragraphs', 'first'] as const) {
    test(`a table ${where} is kept, shown as such, and saved back untouched after typing`, async ({ page, pilcrow }) => {
      const children = where === 'first' ? [TABLE, paragraph(text('Last words'))] : [paragraph(text('First words')), TABLE, paragraph(text('Last words'))]
      const path = writeNote(pilcrow.workspace, 'n-table', 'From a newer Pilcrow', children)
      await reopen(page, pilcrow)
      await expect(page.getByRole('textbox', { name: 'Note title' })).toHaveValue('From a newer Pilcrow')
      await expect(editor(page).getByRole('note', { name: 'Kept as it is: table' })).toContainText('cell words')
      await expect(page.getByRole('status').filter({ hasText: 'Part of this note cannot be shown' })).toContainText('saved unchanged')
      await editor(page).getByText('Last words').click()
      await page.keyboard.press('End')
      await page.keyboard.type(' and more')
      await expect(status(page)).toHaveText('Saved')
      const saved = savedChildren(path)
      expect(saved).toHaveLength(children.length)
      expect(saved[children.indexOf(TABLE)]).toEqual(TABLE)
      expect(JSON.stringify(saved.at(-1))).toContain('Last words and more')
      if (where !== 'first') expect(JSON.stringify(saved[0])).toContain('First words')
    })
  }

  test('a malformed chip leaves the app working: shown as damaged, kept on disk, and a reload is not blank', async ({ page, pilcrow }) => {
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    const bad = { type: 'paragraph-link', version: 1 }
    const path = writeNote(pilcrow.workspace, 'n-badchip', 'Bad chip', [paragraph(text('A claim '), bad, text(' and on.'))])
    const served = await reopen(page, pilcrow)
    await expect(editor(page).getByRole('note', { name: 'Kept as it is: paragraph-link' })).toBeVisible()
    await expect(page.getByRole('heading', { level: 1, name: /Russia and Iran/ })).toBeVisible()
    await editor(page).getByText('and on.').click()
    await page.keyboard.press('End')
    await page.keyboard.type(' Typed.')
    await expect(status(page)).toHaveText('Saved')
    expect((savedChildren(path)[0]!['children'] as Json[]).filter((c) => c['type'] === 'paragraph-link')).toEqual([bad])
    await page.goto(served.url)
    await expect(editor(page)).toContainText('Typed.')
    await expect(page.getByRole('heading', { level: 1, name: /Russia and Iran/ })).toBeVisible()
    expect(errors).toEqual([])
  })

  test('generated note files (fuzz): no crash, no blank window, and nothing the editor could not show is lost', async ({ page, pilcrow }) => {
    test.slow()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    const files = fc.sample(noteChildrenArbitrary, { seed: 2026, numRuns: 12 }).map((children, i) => ({ id: `n-fuzz-${i}`, title: `Fuzz ${i}`, children, path: writeNote(pilcrow.workspace, `n-fuzz-${i}`, `Fuzz ${i}`, children) }))
    const before = new Map(files.map((f) => [f.id, readFileSync(f.path, 'utf8')]))
    await reopen(page, pilcrow)
    for (const file of files) {
      await page.getByRole('list', { name: 'Notes' }).getByRole('button', { name: new RegExp(`^${file.title} `) }).click()
      await expect(page.getByRole('textbox', { name: 'Note title' })).toHaveValue(file.title)
      const editable = (await editor(page).getAttribute('contenteditable')) === 'true'
      if (editable) {
        await editor(page).click()
        await page.keyboard.press('Control+End')
        await page.keyboard.type('zq')
        await expect(status(page)).toHaveText('Saved')
      }
      await expect(page.getByRole('main')).toBeVisible()
      const after = readFileSync(file.path, 'utf8')
      if (!editable) expect(after).toBe(before.get(file.id))
      // every top-level node this build does not know is on disk exactly as it was
      for (const child of file.children) if (!KNOWN.has(String((child as Json)?.['type']))) expect(after).toContain(JSON.stringify(child))
    }
    expect(errors).toEqual([])
  })
})

test.describe('what the core must survive', () => {
  test('typing steadily (8 characters a second) is saved while it goes on, not only after a pause', async ({ page, pilcrow }) => {
    test.slow()
    await page.goto(pilcrow.url)
    await editor(page).click()
    const words = 'steady typing without a pause for ten seconds or so, '.repeat(2)
    let typing = true
    const typed = page.keyboard.type(words, { delay: 125 }).finally(() => (typing = false))
    const noteFile = async (): Promise<string> => {
      const id = await page.evaluate(() => fetch('/api/listNotes', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Pilcrow-Token': sessionStorage.getItem('pilcrow-token') ?? '' }, body: '{"args":[]}' }).then((r) => r.json()).then((b: { result: { notes: { id: string }[] } }) => b.result.notes[0]!.id))
      return readFileSync(join(pilcrow.workspace, 'notes', `${id}.json`), 'utf8')
    }
    await expect.poll(noteFile, { timeout: 8000 }).toContain('steady typing without')
    expect(typing, 'the text was on disk before the typing stopped').toBe(true)
    await typed
    await expect(status(page)).toHaveText('Saved')
    expect(await noteFile()).toContain(words.trim())
  })

  test('a note file made read-only on disk opens read-only, says so, and is never written', async ({ page, pilcrow }) => {
    const path = writeNote(pilcrow.workspace, 'n-locked', 'Locked note', [paragraph(text('Do not change me.'))])
    chmodSync(path, 0o444)
    const before = readFileSync(path, 'utf8')
    await reopen(page, pilcrow)
    await expect(status(page)).toHaveText('Read-only: this note is read-only on disk. Make its file writable to edit it here.')
    await expect(editor(page)).toHaveAttribute('contenteditable', 'false')
    await expect(page.getByRole('textbox', { name: 'Note title' })).toHaveAttribute('readonly', '')
    await editor(page).click()
    await page.keyboard.type('typed anyway')
    await page.getByRole('textbox', { name: 'Note title' }).press('End')
    await page.keyboard.type(' more')
    await expect(editor(page)).toHaveText('Do not change me.')
    expect(readFileSync(path, 'utf8')).toBe(before)
  })
})

const KNOWN = new Set(['paragraph', 'heading', 'quote', 'list', 'listitem', 'code', 'code-highlight', 'link', 'autolink', 'text', 'tab', 'linebreak', 'horizontalrule', 'paragraph-link', 'root'])
