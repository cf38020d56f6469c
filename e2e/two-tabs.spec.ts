import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { noteEditor as editor } from './support/locators'
import { expect, test } from './support/pilcrow'

// Two tabs on one `pilcrow serve`, on the same note: until live co-editing exists, they take turns.

const status = (page: Page) => page.locator('.note-status').getByRole('status')
const title = (page: Page) => page.getByRole('textbox', { name: 'Note title' })

test('two tabs on one note follow each other: no copies of the note pile up, a rename is not undone, nothing is lost', async ({ page, pilcrow, context }) => {
  await page.goto(pilcrow.url)
  await editor(page).click()
  await page.keyboard.type('From the first tab.')
  await expect(status(page)).toHaveText('Saved')
  const second = await context.newPage()
  await second.goto(pilcrow.url)
  await expect(editor(second)).toHaveText('From the first tab.')

  // turns, at a person's pace: each tab types, pauses (it saves), the other follows
  for (let turn = 0; turn < 3; turn++) {
    for (const [tab, other, name] of [[page, second, 'first'], [second, page, 'second']] as const) {
      await editor(tab).click()
      await tab.keyboard.press('Control+End')
      await tab.keyboard.type(` ${name} ${turn}.`)
      await expect(status(tab)).toHaveText('Saved')
      await expect(editor(other)).toContainText(`${name} ${turn}.`)
      if (turn === 0) await expect(other.locator('.toast')).toContainText('was changed elsewhere (another window or tab, or another program): this one now shows that version.')
    }
  }
  await title(page).fill('Renamed in the first tab')
  await title(page).press('Tab')
  await expect(title(second)).toHaveValue('Renamed in the first tab')
  await editor(second).click()
  await second.keyboard.press('Control+End')
  await second.keyboard.type(' After the rename.')
  await expect(status(second)).toHaveText('Saved')
  await expect(title(page)).toHaveValue('Renamed in the first tab')
  await expect(editor(page)).toContainText('After the rename.')

  const notes = readdirSync(join(pilcrow.workspace, 'notes')).filter((n) => n.endsWith('.json'))
  expect(notes).toHaveLength(1) // no "(other version…)" copies
  const file = JSON.parse(readFileSync(join(pilcrow.workspace, 'notes', notes[0]!), 'utf8'))
  expect(file.title).toBe('Renamed in the first tab')
  expect(JSON.stringify(file.content)).toContain('first 2. second 2. After the rename.')
})
