import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { noteEditor as editor, paragraph } from './support/locators'
import { APP_ROOT, expect, servePilcrow, stopAllServers, test } from './support/pilcrow'

// Two workspaces (two devices) joined to one sync server, one page each; the server is a real
// `pilcrow sync-server` process, killed and started again as a crash would.

const pilcrowCli = (...args: string[]): string => execFileSync(process.execPath, [join(APP_ROOT, 'bin', 'pilcrow.js'), ...args], { cwd: APP_ROOT, encoding: 'utf8' })

class SyncServer {
  private child: ChildProcess | null = null
  port = 0
  constructor(readonly data: string) {}

  async start(): Promise<void> {
    const child = spawn(process.execPath, [join(APP_ROOT, 'bin', 'pilcrow.js'), 'sync-server', '--data', this.data, '--port', String(this.port)], { cwd: APP_ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
    this.child = child
    const line = await new Promise<string>((resolve, reject) => {
      let out = ''
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString()
        const match = /^Pilcrow sync server is running at (ws:\/\/127\.0\.0\.1:(\d+))$/m.exec(out)
        if (match) resolve(match[1]!)
      })
      child.once('exit', (code) => reject(new Error(`the sync server exited (${code}): ${out}`)))
    })
    this.port = Number(new URL(line).port)
  }

  /** As a crash: SIGKILL, nothing stored on the way out. */
  async kill(): Promise<void> {
    const child = this.child
    if (!child || child.exitCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGKILL')
    await exited
  }
}

const syncStatus = (page: Page) => page.getByRole('banner').getByRole('status')

/** Joins from the Sync dialog, as a person would, and waits for the status it should reach. */
async function joinFromDialog(page: Page, address: string, token: string, expected: string, deviceName?: string): Promise<void> {
  await page.getByRole('button', { name: 'Sync' }).click()
  const dialog = page.getByRole('dialog', { name: 'Sync' })
  await dialog.getByRole('textbox', { name: 'Server address' }).fill(address)
  await dialog.getByLabel('Token').fill(token)
  if (deviceName) await dialog.getByRole('textbox', { name: "This device's name (optional)" }).fill(deviceName)
  await dialog.getByRole('button', { name: 'Join' }).click()
  await expect(dialog.getByRole('status')).toHaveText(expected)
  await dialog.getByRole('button', { name: 'Done' }).click()
}
const noteStatus = (page: Page) => page.locator('.note-status').getByRole('status')

let work: string
let server: SyncServer
test.beforeEach(async () => {
  work = mkdtempSync(join(tmpdir(), 'pilcrow-sync-e2e-'))
  server = new SyncServer(join(work, 'server'))
})
test.afterEach(async () => {
  await server.kill()
  // device B's server writes into `work` until it stops; the fixture would stop it only after this hook
  await stopAllServers()
  rmSync(work, { recursive: true, force: true })
})

test('two devices on one sync server: a cited note crosses, both type offline, both texts meet when the server is back, and search finds them', async ({ page, pilcrow, context }) => {
  const token = pilcrowCli('sync-server', 'token', 'add', 'co-authors', '--data', server.data).trim()
  await server.start()
  const address = `ws://127.0.0.1:${server.port}/thesis`

  // device A joins from the Sync dialog
  await page.goto(pilcrow.url)
  await page.getByRole('button', { name: 'Sync' }).click()
  const dialog = page.getByRole('dialog', { name: 'Sync' })
  await dialog.getByRole('textbox', { name: 'Server address' }).fill(address)
  await dialog.getByLabel('Token').fill(token)
  await dialog.getByRole('button', { name: 'Join' }).click()
  await expect(dialog.getByRole('status')).toHaveText('Synced')
  await dialog.getByRole('button', { name: 'Done' }).click()
  await expect(syncStatus(page)).toHaveText('Synced')

  // a note written and cited on A
  await page.getByRole('button', { name: 'New note' }).click()
  await page.getByRole('textbox', { name: 'Note title' }).fill('Shared reading')
  // a note made in a shared notebook is shared from the start: its editor takes keys once its document is bound
  await expect(editor(page)).toHaveAttribute('contenteditable', 'true')
  await editor(page).click()
  await page.keyboard.type('Both resist Western hegemony ')
  await paragraph(page, 6).hover()
  await page.getByRole('button', { name: 'Cite ¶6 in note' }).click()
  await expect(editor(page).locator('.chip')).toHaveCount(1)
  await expect(noteStatus(page)).toHaveText('Saved')

  // device B joined from the command line, then opened
  const workspaceB = join(work, 'b')
  expect(pilcrowCli('sync', 'join', address, '--token', token, '--workspace', workspaceB)).toMatch(/Synced with .*: 1 notes\./)
  const b = await servePilcrow(workspaceB)
  const pageB = await context.newPage()
  await pageB.goto(b.url)
  await expect(syncStatus(pageB)).toHaveText('Synced')
  await pageB.getByRole('button', { name: /^Shared reading/ }).click()
  await expect(editor(pageB)).toContainText('Both resist Western hegemony')
  await expect(editor(pageB).locator('.chip')).toHaveText(/¶6/)

  // the server dies; both keep typing
  await server.kill()
  await expect(syncStatus(page)).toHaveText('Offline — changes kept here')
  await expect(syncStatus(pageB)).toHaveText('Offline — changes kept here')
  await editor(page).click()
  await page.keyboard.press('Control+End')
  await page.keyboard.press('Enter')
  await page.keyboard.type('Typed on the laptop while offline.')
  await expect(noteStatus(page)).toHaveText('Saved')
  await editor(pageB).click()
  await pageB.keyboard.press('Control+Home')
  await pageB.keyboard.type('From the desktop, offline too. ')
  await expect(noteStatus(pageB)).toHaveText('Saved')
  // offline, the note file follows what was typed: search finds it
  await expect.poll(() => pilcrowCli('search', 'desktop', '--workspace', workspaceB)).toContain('note · Shared reading')

  // the server is back: both pages show both texts
  await server.start()
  await expect(syncStatus(page)).toHaveText('Synced')
  await expect(syncStatus(pageB)).toHaveText('Synced')
  for (const each of [page, pageB]) {
    await expect(editor(each)).toContainText('From the desktop, offline too.')
    await expect(editor(each)).toContainText('Typed on the laptop while offline.')
    await expect(editor(each).locator('.chip')).toHaveCount(1)
  }
  // search in either workspace finds the words typed in the other
  expect(pilcrowCli('search', 'laptop', '--workspace', workspaceB)).toContain('note · Shared reading')
  expect(pilcrowCli('search', 'desktop', '--workspace', pilcrow.workspace)).toContain('note · Shared reading')
  expect(readdirSync(join(workspaceB, 'notes')).filter((n) => n.endsWith('.json'))).toHaveLength(1)
})

test('two windows on two devices edit one note live: each sees the other type, chips and all, and undo takes back only its own words', async ({ page, pilcrow, context }) => {
  const token = pilcrowCli('sync-server', 'token', 'add', 'co-authors', '--data', server.data).trim()
  await server.start()
  const address = `ws://127.0.0.1:${server.port}/thesis`
  await page.goto(pilcrow.url)
  await page.getByRole('button', { name: 'New note' }).click()
  await page.getByRole('textbox', { name: 'Note title' }).fill('Written together')
  await editor(page).click()
  await page.keyboard.type('Opening line.')
  await expect(noteStatus(page)).toHaveText('Saved')
  await joinFromDialog(page, address, token, 'Synced', 'Laptop')
  const workspaceB = join(work, 'b')
  expect(pilcrowCli('sync', 'join', address, '--token', token, '--name', 'Desktop', '--workspace', workspaceB)).toMatch(/Synced/)
  const b = await servePilcrow(workspaceB)
  const pageB = await context.newPage()
  await pageB.goto(b.url)
  await page.reload()
  for (const each of [page, pageB]) {
    await each.getByRole('button', { name: /^Written together/ }).click()
    await expect(editor(each)).toHaveText('Opening line.')
    await expect(editor(each)).toHaveAttribute('contenteditable', 'true')
  }
  // each sees, quietly, who else is in the note
  const presence = (p: Page) => p.locator('.note-header').getByRole('status')
  await expect(presence(page)).toHaveText('Also here: Desktop')
  await expect(presence(pageB)).toHaveText('Also here: Laptop')

  // A types and cites; B sees it while A is still in the note (no pause, no save of a file between)
  await editor(page).click()
  await page.keyboard.press('Control+End')
  await page.keyboard.type(' Laptop words')
  await expect(editor(pageB)).toHaveText('Opening line. Laptop words')
  await paragraph(page, 6).hover()
  await page.getByRole('button', { name: 'Cite ¶6 in note' }).click()
  await expect(editor(pageB).locator('.chip')).toHaveText(/¶6/)

  // B types at the start at the same time; A sees it
  await editor(pageB).click()
  await pageB.keyboard.press('Control+Home')
  await pageB.keyboard.type('Desktop words. ')
  await expect(editor(page)).toContainText('Desktop words. Opening line. Laptop words')

  // undo in A takes back A's last edit (the chip, with the words typed just before it when they
  // were one step), never B's words, which were typed after it
  await editor(page).click()
  await page.keyboard.press('Control+z')
  await expect(editor(page).locator('.chip')).toHaveCount(0)
  await expect(editor(pageB).locator('.chip')).toHaveCount(0)
  await expect(editor(page)).toContainText('Desktop words. Opening line.')
  await expect(editor(pageB)).toContainText('Desktop words. Opening line.')
  // and B's undo takes back B's words only
  await editor(pageB).click()
  await pageB.keyboard.press('Control+z')
  await expect(editor(pageB)).not.toContainText('Desktop words.')
  await expect(editor(page)).not.toContainText('Desktop words.')
  await expect(editor(page)).toContainText('Opening line.')
  await editor(page).click()
  await page.keyboard.press('Control+End')
  await page.keyboard.type(' Written after the undos.')
  await expect(editor(pageB)).toContainText('Written after the undos.')
  // whether the words typed just before the chip went with it depends on Yjs' undo grouping (500 ms): both windows agree either way
  await expect.poll(async () => (await editor(pageB).textContent()) === (await editor(page).textContent())).toBe(true)

  // a rename in the live editor leaves every word where it is
  await page.getByRole('textbox', { name: 'Note title' }).fill('Written together, revised')
  await page.getByRole('textbox', { name: 'Note title' }).press('Tab')
  await expect(pageB.getByRole('textbox', { name: 'Note title' })).toHaveValue('Written together, revised')
  await expect(editor(pageB)).toContainText('Written after the undos.')
  await expect(editor(page)).toContainText('Written after the undos.')

  // the note files follow the documents: search in B finds what A typed
  await expect.poll(() => pilcrowCli('search', 'undos', '--workspace', workspaceB)).toContain('note · Written together, revised')

  // B leaves the note: A's marker goes
  await pageB.getByRole('button', { name: 'New note' }).click()
  await expect(presence(page)).toHaveText('')
})

test('a read-only token shows the notes and refuses typing with a message; a wrong token is refused and nothing here is lost', async ({ page, pilcrow, context }) => {
  const writer = pilcrowCli('sync-server', 'token', 'add', 'author', '--data', server.data).trim()
  const reader = pilcrowCli('sync-server', 'token', 'add', 'supervisor', '--read-only', '--data', server.data).trim()
  await server.start()
  const address = `ws://127.0.0.1:${server.port}/thesis`

  // the author's notebook, with a note, on the server
  await page.goto(pilcrow.url)
  await page.getByRole('button', { name: 'New note' }).click()
  await page.getByRole('textbox', { name: 'Note title' }).fill('Chapter draft')
  await editor(page).click()
  await page.keyboard.type('For the supervisor to read.')
  await expect(noteStatus(page)).toHaveText('Saved')
  expect(pilcrowCli('sync', 'join', address, '--token', writer, '--workspace', pilcrow.workspace)).toMatch(/Synced/)
  // the server makes its documents folder with the first document it stores
  const serverFiles = (): string[] => (existsSync(join(server.data, 'documents')) ? readdirSync(join(server.data, 'documents'), { recursive: true }).map(String).sort() : [])
  await expect.poll(serverFiles).toContain(join('thesis', 'notebook.yjs'))
  const stored = Object.fromEntries(serverFiles().filter((f) => f.endsWith('.yjs')).map((f) => [f, readFileSync(join(server.data, 'documents', f)).toString('base64')]))

  // the supervisor joins read-only
  const supervisor = await servePilcrow(join(work, 'supervisor'))
  const pageS = await context.newPage()
  await pageS.goto(supervisor.url)
  await pageS.getByRole('button', { name: 'Sync' }).click()
  const dialog = pageS.getByRole('dialog', { name: 'Sync' })
  await dialog.getByRole('textbox', { name: 'Server address' }).fill(address)
  await dialog.getByLabel('Token').fill(reader)
  await dialog.getByRole('button', { name: 'Join' }).click()
  await expect(dialog.getByRole('status')).toHaveText('Synced (read only)')
  await dialog.getByRole('button', { name: 'Done' }).click()
  await pageS.getByRole('button', { name: /^Chapter draft/ }).click()
  await expect(editor(pageS)).toHaveText('For the supervisor to read.')
  await expect(editor(pageS)).toHaveAttribute('contenteditable', 'false')
  await expect(pageS.getByText(/shared with you read-only/).first()).toBeVisible()
  await pageS.keyboard.type('Supervisor typing')
  await expect(editor(pageS)).toHaveText('For the supervisor to read.')
  // nothing from the supervisor reached the server
  for (const [file, bytes] of Object.entries(stored)) expect(readFileSync(join(server.data, 'documents', file)).toString('base64')).toBe(bytes)

  // a wrong token: refused, said so, and the notebook here untouched
  const stranger = await servePilcrow(join(work, 'stranger'))
  const pageW = await context.newPage()
  await pageW.goto(stranger.url)
  await pageW.getByRole('button', { name: 'New note' }).click()
  await pageW.getByRole('textbox', { name: 'Note title' }).fill('Mine alone')
  await editor(pageW).click()
  await pageW.keyboard.type('Words of my own.')
  await expect(noteStatus(pageW)).toHaveText('Saved')
  await pageW.getByRole('button', { name: 'Sync' }).click()
  const wrong = pageW.getByRole('dialog', { name: 'Sync' })
  await wrong.getByRole('textbox', { name: 'Server address' }).fill(address)
  await wrong.getByLabel('Token').fill('pct_this-token-was-never-made-000000')
  await wrong.getByRole('button', { name: 'Join' }).click()
  await expect(wrong.getByRole('status')).toHaveText('Sync refused: the token is wrong or was revoked.')
  await wrong.getByRole('button', { name: 'Done' }).click()
  await expect(syncStatus(pageW)).toHaveText('Sync refused: the token is wrong or was revoked.')
  await expect(editor(pageW)).toHaveText('Words of my own.')
  await pageW.reload()
  await expect(editor(pageW)).toHaveText('Words of my own.')
})
