import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, expectRevealed, test } from './support/pilcrow'

const PARAGRAPHS = 2000
const editor = (page: Page) => page.getByRole('textbox', { name: 'Note', exact: true })
const status = (page: Page) => page.getByRole('status').filter({ hasText: /Saved|Saving|Edited|Not saved/ })
/** Blocks of the note that are laid out (windowing hides the others with display: none). */
const shownBlocks = (page: Page) => editor(page).evaluate((root) => [...root.children].filter((c) => getComputedStyle(c).display !== 'none').map((c) => c.textContent ?? ''))
const scroller = (page: Page) => page.locator('.note-scroll')

function writeLongNote(workspace: string): string {
  const now = new Date().toISOString()
  const paragraph = (text: string) => ({ type: 'paragraph', version: 1, direction: null, format: '', indent: 0, textFormat: 0, textStyle: '', children: [{ type: 'text', version: 1, text, format: 0, detail: 0, mode: 'normal', style: '' }] })
  const children = Array.from({ length: PARAGRAPHS }, (_, i) => paragraph(`Paragraph ${i + 1} of a long note about the Caspian.`))
  const note = { format: 'pilcrow-note', formatVersion: 1, id: 'n-long', title: 'Long note', createdAt: now, updatedAt: now, trashedAt: null, content: { root: { type: 'root', version: 1, direction: null, format: '', indent: 0, children } } }
  writeFileSync(join(workspace, 'notes', 'n-long.json'), JSON.stringify(note))
  return join(workspace, 'notes', 'n-long.json')
}

const savedTexts = (file: string): string[] =>
  (JSON.parse(readFileSync(file, 'utf8')) as { content: { root: { children: { children: { text: string }[] }[] } } }).content.root.children.map((p) => p.children.map((c) => c.text).join(''))

test.describe('a long note', () => {
  test('lays out only what is near the viewport and the caret, and edits, scrolls, selects and saves the whole note', async ({ page, pilcrow }) => {
    const file = writeLongNote(pilcrow.workspace)
    const restarted = await pilcrow.restart()
    await page.goto(restarted.url)
    await page.getByRole('list', { name: 'Notes' }).getByRole('button', { name: /Long note/ }).click()
    await expect(editor(page).locator('p')).toHaveCount(PARAGRAPHS)

    // only a window of blocks is laid out, yet the scroll height is that of the whole note
    const shown = await shownBlocks(page)
    expect(shown.length).toBeLessThan(200)
    expect(shown[0]).toBe('Paragraph 1 of a long note about the Caspian.')
    expect(shown.at(-1)).toBe(`Paragraph ${PARAGRAPHS} of a long note about the Caspian.`)
    const { scrollHeight, clientHeight } = await scroller(page).evaluate((s) => ({ scrollHeight: s.scrollHeight, clientHeight: s.clientHeight }))
    expect(scrollHeight).toBeGreaterThan(PARAGRAPHS * 20)

    // scrolled to the middle, the paragraphs there are shown and can be clicked and edited
    await scroller(page).evaluate((s) => (s.scrollTop = s.scrollHeight / 2))
    await expect.poll(async () => (await shownBlocks(page)).some((t) => /Paragraph 10\d\d /.test(t))).toBe(true)
    const middle = editor(page).locator('p').filter({ hasText: /^Paragraph 10\d\d / }).first()
    await expect(middle).toBeVisible()
    const middleText = (await middle.textContent())!
    await middle.click()
    await page.keyboard.press('End')
    await page.keyboard.type(' Edited in the middle.')
    expect(clientHeight).toBeGreaterThan(0)

    // the keyboard reaches both ends; Enter makes a new paragraph that is shown and typed into
    await page.keyboard.press('Control+End')
    await page.keyboard.press('Enter')
    await page.keyboard.type('A new last paragraph.')
    await expect(editor(page).locator('p').last()).toHaveText('A new last paragraph.')
    await expect(editor(page).locator('p').last()).toBeInViewport()
    await page.keyboard.press('Control+Home')
    await page.keyboard.type('First words. ')
    await expect(editor(page).locator('p').first()).toBeInViewport()
    await expect(status(page)).toHaveText('Saved')

    let texts = savedTexts(file)
    expect(texts).toHaveLength(PARAGRAPHS + 1)
    expect(texts[0]).toBe('First words. Paragraph 1 of a long note about the Caspian.')
    expect(texts).toContain(`${middleText} Edited in the middle.`)
    expect(texts.at(-1)).toBe('A new last paragraph.')

    // undo takes back the last edit even though the caret's paragraph was far away before
    await page.keyboard.press('Control+z')
    await expect(editor(page).locator('p').first()).toHaveText('Paragraph 1 of a long note about the Caspian.')

    // a search hit in a hidden paragraph opens the note there
    await page.getByRole('combobox', { name: 'Search' }).fill('"paragraph 1500 of"')
    const hit = page.getByRole('listbox', { name: 'Search results' }).getByRole('group', { name: 'Notes' }).getByRole('option')
    await expect(hit).toHaveCount(1)
    await page.keyboard.press('Enter')
    const revealed = editor(page).locator('p', { hasText: /^Paragraph 1500 / })
    await expectRevealed(revealed)
    await editor(page).locator('p').first().click()

    // select all and type: the whole note, hidden blocks included, is replaced
    await page.keyboard.press('Control+a')
    await page.keyboard.type('Only this.')
    await expect(status(page)).toHaveText('Saved')
    texts = savedTexts(file)
    expect(texts).toEqual(['Only this.'])
    expect(await shownBlocks(page)).toEqual(['Only this.'])
    expect(readdirSync(join(pilcrow.workspace, 'notes'))).toContain('n-long.json')
    await restarted.stop()
  })
})

function writeLongSource(workspace: string, blocks: number): void {
  const source = {
    format: 'pilcrow-source',
    formatVersion: 1,
    id: 'long-source',
    meta: { title: 'A long report', authors: ['Bench'] },
    blocks: Array.from({ length: blocks }, (_, i) => ({ id: `p-long${i + 1}`, kind: 'paragraph', paragraph: i + 1, text: `Report paragraph ${i + 1} on Caspian shipping.` }))
  }
  writeFileSync(join(workspace, 'sources', 'long-source.json'), JSON.stringify(source))
}

test.describe('a long source', () => {
  test('is open again at the next start when it was open last', async ({ page, pilcrow }) => {
    writeLongSource(pilcrow.workspace, 40)
    const restarted = await pilcrow.restart()
    await page.goto(restarted.url)
    const heading = page.getByRole('region', { name: 'Source' }).getByRole('heading', { level: 1 })
    const picker = page.getByRole('combobox', { name: 'Open source' })
    const remembered = () => JSON.parse(readFileSync(join(pilcrow.workspace, '.pilcrow', 'settings.json'), 'utf8')).lastSourceId
    let served = restarted
    for (const [id, title] of [['russia-iran-alignment', /^Russia and Iran/], ['long-source', 'A long report']] as const) {
      await picker.selectOption(id)
      await expect(heading).toHaveText(title)
      await expect.poll(remembered).toBe(id) // once it has painted
      served = await served.restart()
      await page.goto(served.url)
      await expect(heading).toHaveText(title)
      await expect(picker).toHaveValue(id)
    }
  })

  test('lays out only what is near the viewport; search, scrolling and citing reach every paragraph', async ({ page, pilcrow }) => {
    writeLongSource(pilcrow.workspace, 1500)
    const restarted = await pilcrow.restart()
    await page.goto(restarted.url)
    await page.getByRole('combobox', { name: 'Open source' }).selectOption('long-source')
    const reader = page.getByRole('region', { name: 'Source' })
    const article = reader.locator('article')
    await expect(article.locator('[data-block-id]')).toHaveCount(1500)
    const laidOut = () => article.evaluate((a) => [...a.querySelectorAll('[data-block-id]')].filter((b) => getComputedStyle(b).display !== 'none').length)
    expect(await laidOut()).toBeLessThan(200)
    await expect(reader.getByText('Report paragraph 1 on Caspian shipping.')).toBeVisible()

    // a search hit far down reveals its paragraph
    await page.getByRole('combobox', { name: 'Search' }).fill('"report paragraph 1200 on"')
    await expect(page.getByRole('listbox', { name: 'Search results' }).getByRole('option')).toHaveCount(1)
    await page.keyboard.press('Enter')
    const target = reader.locator('[data-block-id="p-long1200"]')
    await expectRevealed(target)

    // scrolled through in steps: what comes into view is laid out (the middle of the view is text,
    // not blank space), what leaves it is not
    const middleOfView = () =>
      reader.evaluate((r) => {
        const view = r.getBoundingClientRect()
        const middle = (view.top + view.bottom) / 2
        const block = [...r.querySelectorAll('[data-block-id]')].find((b) => {
          const box = b.getBoundingClientRect()
          return box.height > 0 && box.top < middle + 30 && box.bottom > middle - 30
        })
        return block?.textContent ?? ''
      })
    for (let step = 1; step <= 8; step++) {
      await reader.evaluate((r, at) => (r.scrollTop = (r.scrollHeight * at) / 9), step)
      await expect.poll(middleOfView).toMatch(/Report paragraph \d+ on Caspian shipping/)
      expect(await laidOut()).toBeLessThan(200)
    }

    // scrolled back to the middle by the scrollbar, the paragraphs there are shown and citable
    await reader.evaluate((r) => (r.scrollTop = r.scrollHeight / 2))
    await expect.poll(async () => reader.locator('[data-block-id]:visible').count()).toBeGreaterThan(3)
    const middle = reader.locator('[data-block-id]:visible').nth(2)
    const n = Number((await middle.getAttribute('data-block-id'))!.slice('p-long'.length))
    expect(n).toBeGreaterThan(300)
    expect(n).toBeLessThan(1300)
    await page.getByRole('button', { name: 'New note' }).click()
    await middle.hover()
    await page.getByRole('button', { name: `Cite ¶${n} in note` }).click()
    await expect(editor(page).locator('.chip')).toContainText(`¶${n}`)
    expect(await laidOut()).toBeLessThan(200)
    await restarted.stop()
  })
})
