import type { Page } from '@playwright/test'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { audit } from './support/axe'
import { noteEditor, paragraph } from './support/locators'
import { expect, test } from './support/pilcrow'


/** The dialogs, by their shortcut and name. */
const DIALOGS: [keys: string, name: string][] = [
  ['Control+Shift+P', 'Command palette'],
  ['Control+,', 'Settings'],
  ['Control+Shift+S', 'Export to Markdown'],
  ['Control+/', 'Keyboard shortcuts']
]

/** Presses the theme shortcut (system → light → dark → system) until the window is in `theme`. */
async function switchTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  const html = page.locator('html')
  for (let presses = 0; presses < 3; presses++) {
    const now = await html.getAttribute('data-theme')
    if (now === theme) return
    await page.keyboard.press('Control+Shift+L')
    await expect(html).not.toHaveAttribute('data-theme', now ?? '') // applied before the next press
  }
  await expect(html).toHaveAttribute('data-theme', theme)
}

/** A note citing ¶5: a chip in the note, its reference below, the paragraph's margin badge. */
async function citeParagraph5(page: Page): Promise<void> {
  await noteEditor(page).click()
  await page.keyboard.type('Alignment rather than alliance ')
  await paragraph(page, 5).hover()
  await page.getByRole('button', { name: 'Cite ¶5 in note' }).click()
  await expect(page.getByRole('region', { name: 'References' })).toContainText('¶5')
  await page.mouse.move(0, 0)
}

test('the main window, its search, palette and dialogs pass an axe audit in light and dark', async ({ page, pilcrow }) => {
  await page.goto(pilcrow.url)
  await expect(noteEditor(page)).toBeVisible()
  await citeParagraph5(page)
  for (const theme of ['light', 'dark'] as const) {
    await switchTheme(page, theme)
    expect(await audit(page), `the main window (${theme})`).toEqual([])

    await page.keyboard.press('Control+k')
    await page.keyboard.type('russia')
    await expect(page.getByRole('option').first()).toBeVisible()
    expect(await audit(page), `search results (${theme})`).toEqual([])
    await page.keyboard.press('Escape')

    for (const [keys, name] of DIALOGS) {
      await page.keyboard.press(keys)
      const dialog = page.getByRole('dialog', { name })
      await expect(dialog).toBeVisible()
      expect(await audit(page), `the ${name} dialog (${theme})`).toEqual([])
      await page.keyboard.press('Escape')
      await expect(dialog).not.toBeVisible()
    }
  }
})

test('a chip showing its paragraph, the notes citing a paragraph, the source dialogs and a failed import pass an axe audit', async ({ page, pilcrow, workspace }) => {
  await page.goto(pilcrow.url)
  await citeParagraph5(page)
  const garbage = join(workspace, 'scan.pdf')
  writeFileSync(garbage, 'not a PDF at all')
  await page.getByLabel('Files to import').setInputFiles(garbage)
  await expect(page.getByRole('region', { name: 'Import' }).getByRole('alert')).toContainText('scan.pdf')

  for (const theme of ['light', 'dark'] as const) {
    await switchTheme(page, theme)
    expect(await audit(page), `the import results (${theme})`).toEqual([])

    await noteEditor(page).getByRole('button', { name: /^¶5/ }).hover()
    await expect(page.getByRole('tooltip')).toBeVisible()
    expect(await audit(page), `a chip showing its paragraph (${theme})`).toEqual([])

    await page.getByRole('region', { name: 'Source' }).getByRole('button', { name: '1 note cites ¶5' }).click()
    const citing = page.getByRole('dialog', { name: 'Notes citing ¶5' })
    await expect(citing).toBeVisible()
    expect(await audit(page), `the notes citing ¶5 (${theme})`).toEqual([])
    await page.keyboard.press('Escape')
    await expect(citing).not.toBeVisible()

    for (const [button, name] of [
      [/^Edit details of Russia and Iran/, 'Source details'],
      [/^Delete Russia and Iran/, 'Delete source']
    ] as const) {
      await page.getByRole('button', { name: button }).click()
      const dialog = page.getByRole('dialog', { name })
      await expect(dialog).toBeVisible()
      expect(await audit(page), `the ${name} dialog (${theme})`).toEqual([])
      await page.keyboard.press('Escape')
      await expect(dialog).not.toBeVisible()
    }
  }
})

test('with reduced motion, a revealed paragraph and a revealed chip are highlighted without animating', async ({ page, pilcrow }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' })
  await page.goto(pilcrow.url)
  await citeParagraph5(page)
  const animation = (element: Element): string => getComputedStyle(element).animationName

  const chip = noteEditor(page).getByRole('button', { name: /^¶5/ })
  await chip.click()
  const revealed = page.getByRole('region', { name: 'Source' }).locator('.is-revealed')
  await expect(revealed).toContainText('The term “alliance”')
  expect(await revealed.evaluate(animation)).toBe('none')

  await page.getByRole('region', { name: 'Source' }).getByRole('button', { name: '1 note cites ¶5' }).click()
  await page.getByRole('dialog', { name: 'Notes citing ¶5' }).getByRole('button').first().click()
  await expect(chip).toBeFocused()
  await expect(chip).toHaveClass(/is-revealed/)
  expect(await chip.evaluate(animation)).toBe('none')
})

test('Tab indents in the note; Escape, then Tab or Shift+Tab, leaves it (no keyboard trap)', async ({ page, pilcrow }) => {
  await page.goto(pilcrow.url)
  const editor = noteEditor(page)
  await expect(editor).toHaveAccessibleDescription('Tab indents. Press Escape, then Tab or Shift+Tab, to leave the note.')
  await editor.click()
  await page.keyboard.type('- first point')
  await page.keyboard.press('Enter')
  await page.keyboard.type('a detail')
  await page.keyboard.press('Home')
  await page.keyboard.press('Tab')
  await expect(editor.locator('li li')).toHaveText('a detail') // indented under the first point
  await expect(editor).toBeFocused()

  // Escape, then another key: Tab (here Shift+Tab, outdenting) is the note's again
  await page.keyboard.press('Escape')
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('Home')
  await page.keyboard.press('Shift+Tab')
  await expect(editor.locator('li li')).toHaveCount(0)
  await expect(editor).toBeFocused()

  // nothing comes after the note yet: Tab goes round to the page's start (its skip links)
  await page.keyboard.press('Escape')
  await page.keyboard.press('Tab')
  await expect(page.getByRole('button', { name: 'Skip to the source' })).toBeFocused()

  // with a citation, the note's references come after it
  await editor.click()
  await page.keyboard.press('Control+End')
  await paragraph(page, 5).hover()
  await page.getByRole('button', { name: 'Cite ¶5 in note' }).click()
  await expect(editor).toBeFocused()
  await page.keyboard.press('Escape')
  await page.keyboard.press('Shift+Tab')
  await expect(page.getByRole('toolbar', { name: 'Formatting' }).getByRole('button', { name: 'Link' })).toBeFocused()
  await editor.click()
  await page.keyboard.press('Escape')
  await page.keyboard.press('Tab')
  await expect(page.getByRole('region', { name: 'References' }).locator(':focus')).toHaveCount(1)
  await expect(editor.locator('li')).toHaveText(['first point', /^a detail¶5/]) // the keys that left changed nothing
})

test('the notes list is one Tab stop: the arrow keys, Home and End move between its notes', async ({ page, pilcrow }) => {
  await page.goto(pilcrow.url)
  const titles = ['Third', 'Second', 'First'] // most recent first
  const noteTitle = page.getByRole('textbox', { name: 'Note title' })
  for (const title of [...titles].reverse()) {
    await page.getByRole('button', { name: 'New note' }).click()
    await expect(noteTitle).toHaveValue('') // the new note is open
    await noteTitle.fill(title)
  }
  const notes = page.getByRole('list', { name: 'Notes' })
  const row = (title: string) => notes.getByRole('button', { name: new RegExp(`^${title}`) })
  await expect(notes.getByRole('button')).toHaveCount(3) // the first, empty note became “First”: no empty note is kept beside it
  await page.getByRole('button', { name: 'New note' }).focus()
  await page.keyboard.press('Tab')
  await expect(row('Third')).toBeFocused() // the open note's row
  await page.keyboard.press('ArrowDown')
  await expect(row('Second')).toBeFocused()
  await page.keyboard.press('End')
  await expect(row('First')).toBeFocused()
  await page.keyboard.press('Home')
  await expect(row('Third')).toBeFocused()
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Tab')
  await expect(page.getByRole('button', { name: 'Import sources…' })).toBeFocused() // past the list in one press
  await page.keyboard.press('Shift+Tab')
  await expect(row('Second')).toBeFocused() // back where the list was left
  await page.keyboard.press('Enter')
  await expect(page.getByRole('textbox', { name: 'Note title' })).toHaveValue('Second')
})

test("a chip's paragraph preview, shown on hover, is dismissed with Escape and shown again when the chip is entered anew", async ({ page, pilcrow }) => {
  await page.goto(pilcrow.url)
  await citeParagraph5(page)
  const chip = noteEditor(page).getByRole('button', { name: /^¶5/ })
  const preview = page.getByRole('tooltip')
  await chip.hover()
  await expect(preview).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(preview).toBeHidden()
  await expect(chip).toBeVisible() // the pointer stays; only the preview goes
  await page.mouse.move(0, 0)
  await chip.hover()
  await expect(preview).toBeVisible()
  // with the focus elsewhere too
  await page.getByRole('combobox', { name: 'Search' }).focus()
  await page.keyboard.press('Escape')
  await expect(preview).toBeHidden()
})
