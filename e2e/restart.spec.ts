import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { noteEditor as editor } from './support/locators'
import { expect, test, type ServedPilcrow } from './support/pilcrow'

// Browser mode when `pilcrow serve` stops and starts again: nothing typed meanwhile is lost.

const status = (page: Page) => page.locator('.note-status').getByRole('status')

/** The text of every note file of the workspace, as one string. */
function notesOnDisk(workspace: string, id: string): string {
  return readFileSync(join(workspace, 'notes', `${id}.json`), 'utf8')
}

async function openNoteId(page: Page): Promise<string> {
  return page.evaluate(() => fetch('/api/getSettings', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Pilcrow-Token': sessionStorage.getItem('pilcrow-token') ?? '' }, body: '{"args":[]}' }).then((r) => r.json()).then((b: { result: { lastNoteId: string } }) => b.result.lastNoteId))
}

/** Types `before` and waits for it to be saved, stops the server, types `during`: returns the note's id. */
async function typeThroughAnOutage(page: Page, pilcrow: ServedPilcrow, before: string, during: string): Promise<string> {
  await page.goto(pilcrow.url)
  await editor(page).click()
  await page.keyboard.type(before)
  await expect(status(page)).toHaveText('Saved')
  const id = await openNoteId(page)
  await pilcrow.stop()
  await page.keyboard.type(during)
  await expect(status(page)).toContainText('Pilcrow’s server cannot be reached')
  return id
}

test.describe('a restart of pilcrow serve', () => {
  test('text typed while the server is down is saved when it is back, with no action from the user', async ({ page, pilcrow }) => {
    const id = await typeThroughAnOutage(page, pilcrow, 'Before the outage.', ' Typed while it was down.')
    const restarted = await pilcrow.restart({ port: 'last' })
    expect(restarted.origin).toBe(pilcrow.origin) // the same address: the page reaches it
    await expect(status(page)).toHaveText('Saved', { timeout: 15_000 })
    expect(notesOnDisk(restarted.workspace, id)).toContain('Before the outage. Typed while it was down.')
  })

  test('text typed while the server is down survives a reload too, and is saved when the page opens again', async ({ page, pilcrow }) => {
    page.on('dialog', (dialog) => void dialog.accept()) // "leave the page?" — the user says yes
    const id = await typeThroughAnOutage(page, pilcrow, 'Kept across a reload.', ' Typed during the outage.')
    // the page is reloaded while the server is still down: the browser shows its error page
    await page.reload().catch(() => undefined)
    const restarted = await pilcrow.restart({ port: 'last' })
    await page.goto(pilcrow.origin + '/') // the address without the key, as a bookmark has it
    await expect(editor(page)).toContainText('Kept across a reload. Typed during the outage.')
    await expect(page.getByRole('alert').or(page.getByRole('status')).filter({ hasText: 'that had not been saved' })).toBeVisible()
    await expect(status(page)).toHaveText('Saved')
    expect(notesOnDisk(restarted.workspace, id)).toContain('Kept across a reload. Typed during the outage.')
  })

  test("the token is kept for the workspace in a file only its owner can read, and a page with an old key is told what to do", async ({ page, pilcrow }) => {
    const file = join(pilcrow.workspace, '.pilcrow', 'server.json')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    // the port is written just after the address is printed
    await expect.poll(() => JSON.parse(readFileSync(file, 'utf8'))).toEqual({ token: pilcrow.token, port: Number(new URL(pilcrow.origin).port) })
    const response = await page.goto(pilcrow.origin + '/?token=an-old-key-from-another-run')
    expect(response?.status()).toBe(401)
    await expect(page.getByRole('heading', { name: 'This address needs its key' })).toBeVisible()
    await expect(page.getByText('pilcrow serve', { exact: true })).toBeVisible()
  })
})
