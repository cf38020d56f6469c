import type { Page } from '@playwright/test'
import { audit } from './support/axe'
import { noteEditor as editor } from './support/locators'
import { expect, test } from './support/pilcrow'

// Links between notes: [[ opens a picker of notes; the link shows its note's title now, opens it,
// and the note linked to lists who links to it ("Linked from"); search finds notes by their links.

const title = (page: Page) => page.getByRole('textbox', { name: 'Note title' })
const saved = (page: Page) => expect(page.locator('.note-status').getByRole('status')).toHaveText('Saved')
const notesList = (page: Page) => page.getByRole('list', { name: 'Notes' })
const picker = (page: Page) => page.getByRole('listbox', { name: 'Link to note' })
const linkedFrom = (page: Page) => page.getByRole('region', { name: 'Linked from' })

async function newNote(page: Page, name: string, text: string): Promise<void> {
  await page.getByRole('button', { name: 'New note', exact: true }).click()
  await expect(title(page)).toBeFocused()
  await page.keyboard.type(name)
  await page.keyboard.press('Enter')
  await page.keyboard.type(text)
  await saved(page)
}

test('[[ links a note to another by title; the link follows a rename, opens the note, and the other note lists it under "Linked from"', async ({ page, pilcrow }) => {
  await page.goto(pilcrow.url)
  await title(page).fill('Buffer states')
  await editor(page).click()
  await page.keyboard.type('Russia wants buffers on its borders.')
  await saved(page)
  await newNote(page, 'Alliance', 'Background first. The idea of [[buf')

  await expect(picker(page).getByRole('option')).toHaveText(['Buffer states', 'Create note “buf”'])
  expect(await audit(page)).toEqual([])
  await page.keyboard.press('Enter')
  await expect(picker(page)).toBeHidden()
  await page.keyboard.type(' explains the pact.')
  await expect(editor(page).getByRole('link', { name: 'Buffer states' })).toBeVisible()
  await expect(editor(page)).toContainText('The idea of Buffer states explains the pact.')
  await saved(page)

  // the note linked to lists the linking note, with its sentence
  await notesList(page).getByRole('button', { name: /^Buffer states/ }).click()
  await expect(linkedFrom(page).getByRole('listitem')).toHaveText([/^Alliance\s*The idea of Buffer states explains the pact\.$/])
  expect(await audit(page)).toEqual([])

  // renamed: the link shows the new title; following it opens the note
  await title(page).fill('Buffer zones')
  await saved(page)
  await linkedFrom(page).getByRole('button', { name: /^Alliance/ }).click()
  await expect(title(page)).toHaveValue('Alliance')
  const link = editor(page).getByRole('link', { name: 'Buffer zones' })
  await expect(link).toBeVisible()
  await link.click()
  await expect(title(page)).toHaveValue('Buffer zones')

  // search finds the linking note by its link's title
  await page.getByRole('combobox', { name: 'Search' }).fill('zones')
  await expect(page.getByRole('listbox', { name: 'Search results' }).getByRole('option', { name: /^Alliance/ })).toBeVisible()
})

test('"Create note …" makes the note and links to it; a linked note in the trash shows so, and restoring it heals the link', async ({ page, pilcrow }) => {
  await page.goto(pilcrow.url)
  await title(page).fill('Reading plan')
  await editor(page).click()
  await page.keyboard.type('Next: [[Energy routes')
  await expect(picker(page).getByRole('option')).toHaveText(['Create note “Energy routes”'])
  await page.keyboard.press('Enter')
  const link = editor(page).getByRole('link', { name: 'Energy routes' })
  await expect(link).toBeVisible()
  await page.keyboard.type(' and more.')
  await saved(page)
  await expect(notesList(page).getByRole('button', { name: /^Energy routes/ })).toBeVisible()
  await expect(title(page)).toHaveValue('Reading plan')

  // the target in the trash: the link says so and does not open it
  await notesList(page).getByRole('button', { name: /^Energy routes/ }).click()
  await expect(linkedFrom(page).getByRole('listitem')).toHaveText([/^Reading plan/])
  await page.getByRole('button', { name: 'Move to trash' }).click()
  await notesList(page).getByRole('button', { name: /^Reading plan/ }).click()
  await expect(editor(page).getByRole('link', { name: 'Energy routes (in trash)' })).toBeVisible()
  await editor(page).getByRole('link', { name: 'Energy routes (in trash)' }).click()
  await expect(page.getByText('“Energy routes” is in the trash.')).toBeVisible()
  await expect(title(page)).toHaveValue('Reading plan')

  await page.getByRole('button', { name: /Trash \(1\)/ }).click()
  await page.getByRole('button', { name: 'Restore Energy routes' }).click()
  await expect(editor(page).getByRole('link', { name: 'Energy routes', exact: true })).toBeVisible()
})

test('a fast typist: Enter right after the last letters links the note those letters name, and leaves no [[ behind', async ({ page, pilcrow }) => {
  await page.goto(pilcrow.url)
  await title(page).fill('Alignment')
  await editor(page).click()
  await page.keyboard.type('One.')
  await saved(page)
  await newNote(page, 'Alliance', 'Two.')
  await newNote(page, 'Reading', 'See [[al')
  // the last edited first: Enter now would take Alliance
  await expect(picker(page).getByRole('option')).toHaveText(['Alliance', 'Alignment', 'Create note “al”'])
  // the rest of the word and Enter, without waiting for the list to follow
  await page.keyboard.type('ign\n')
  await expect(editor(page).getByRole('link', { name: 'Alignment' })).toBeVisible()
  await expect(editor(page)).toHaveText('See Alignment')
  // from the keyboard: the caret is just after the link; Ctrl+Enter opens it
  await page.keyboard.press('Control+Enter')
  await expect(title(page)).toHaveValue('Alignment')
})

test('Enter arriving with the last letters, before the page has drawn the list (a busy machine), still makes the note and links it', async ({ page, pilcrow }) => {
  await page.goto(pilcrow.url)
  await title(page).fill('Alignment')
  await editor(page).click()
  await page.keyboard.type('What holds it: ')
  // the words and the Enter in one task: the list cannot open between them (CI met this once)
  await page.evaluate(() => {
    document.execCommand('insertText', false, '[[Shared worldview')
    document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', keyCode: 13, bubbles: true, cancelable: true }))
  })
  await expect(editor(page).getByRole('link', { name: 'Shared worldview' })).toBeVisible()
  await expect(editor(page)).not.toContainText('[[')
  await expect(editor(page).locator('p')).toHaveCount(1)
  // after Escape closed the list, Enter is a new line again
  await page.keyboard.type(' and [[Other thing')
  await expect(picker(page)).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(picker(page)).toBeHidden()
  await page.keyboard.press('Enter')
  await expect(editor(page).locator('p')).toHaveCount(2)
  await expect(editor(page)).toContainText('[[Other thing')
})
