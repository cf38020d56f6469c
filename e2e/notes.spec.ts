import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './support/pilcrow'

const notesList = (page: Page) => page.getByRole('list', { name: 'Notes' })
const editor = (page: Page) => page.getByRole('textbox', { name: 'Note', exact: true })
const status = (page: Page) => page.getByRole('status').filter({ hasText: /Saved|Saving|Edited|Not saved/ })

async function writeFormattedNote(page: Page, title: string, heading: string, bold: string, items: string[]): Promise<void> {
  await page.getByRole('textbox', { name: 'Note title' }).fill(title)
  await editor(page).click()
  await page.keyboard.type(`# ${heading}`)
  await page.keyboard.press('Enter')
  await page.keyboard.type('Some ')
  await page.keyboard.press('Control+b')
  await page.keyboard.type(bold)
  await page.keyboard.press('Control+b')
  await page.keyboard.press('Enter')
  await page.keyboard.type(`- ${items[0]}`)
  for (const item of items.slice(1)) {
    await page.keyboard.press('Enter')
    await page.keyboard.type(item)
  }
  await expect(status(page)).toHaveText('Saved')
}

test.describe('notes', () => {
  test('two formatted notes survive a server restart exactly; trash and restore', async ({ page, pilcrow }) => {
    await page.goto(pilcrow.url)
    await expect(notesList(page).getByRole('button')).toHaveCount(1) // a new notebook starts with one note
    await writeFormattedNote(page, 'Alignment', 'Not an alliance', 'alignment', ['pragmatism', 'ideology'])
    await page.getByRole('button', { name: 'New note' }).click()
    await expect(page.getByRole('textbox', { name: 'Note title' })).toHaveValue('')
    await writeFormattedNote(page, 'Sanai', 'The ambassador', 'strategic', ['weapons', 'Bushehr', 'S-300'])
    await expect(notesList(page).getByRole('button')).toHaveText([/^Sanai/, /^Alignment/])
    await expect(notesList(page).getByRole('button', { name: /Sanai/ })).toHaveAttribute('aria-current', 'true')
    const htmlBefore = await editor(page).innerHTML()

    const restarted = await pilcrow.restart()
    await page.goto(restarted.url)
    // the last open note reopens, exactly as it was
    await expect(page.getByRole('textbox', { name: 'Note title' })).toHaveValue('Sanai')
    await expect(editor(page).getByRole('heading', { level: 1 })).toHaveText('The ambassador')
    await expect(editor(page).getByRole('listitem')).toHaveText(['weapons', 'Bushehr', 'S-300'])
    expect(await editor(page).innerHTML()).toBe(htmlBefore)
    await notesList(page).getByRole('button', { name: /Alignment/ }).click()
    await expect(editor(page).getByRole('heading', { level: 1 })).toHaveText('Not an alliance')
    await expect(editor(page).locator('strong, .ed-bold').first()).toHaveText('alignment')
    await expect(editor(page).getByRole('listitem')).toHaveText(['pragmatism', 'ideology'])

    await page.getByRole('button', { name: 'Move to trash' }).click()
    await expect(notesList(page).getByRole('button')).toHaveText([/^Sanai/])
    await page.getByRole('button', { name: /Trash \(1\)/ }).click()
    await page.getByRole('button', { name: 'Restore Alignment' }).click()
    await expect(notesList(page).getByRole('button')).toHaveText([/^Sanai/, /^Alignment/])
    await restarted.stop()
  })

  test('a damaged note file is listed with its reason and left untouched; the rest works', async ({ page, pilcrow }) => {
    const broken = join(pilcrow.workspace, 'notes', 'n-broken.json')
    writeFileSync(broken, '{"format":"pilcrow-note","formatVersion":1,"id":"n-bro')
    const restarted = await pilcrow.restart()
    await page.goto(restarted.url)
    const damaged = page.getByRole('region', { name: 'Damaged notes' })
    await expect(damaged).toContainText('n-broken.json')
    await expect(damaged).toContainText('it is not valid JSON (the file may be truncated or overwritten by another program)')
    await page.getByRole('button', { name: 'New note' }).click()
    await editor(page).click()
    await page.keyboard.type('Still working.')
    await expect(status(page)).toHaveText('Saved')
    expect(readFileSync(broken, 'utf8')).toBe('{"format":"pilcrow-note","formatVersion":1,"id":"n-bro')
    await restarted.stop()
  })

  test('an unreadable settings file is set aside, defaults are used, and the user is told', async ({ page, pilcrow }) => {
    await pilcrow.stop()
    writeFileSync(join(pilcrow.workspace, '.pilcrow', 'settings.json'), '{"theme": "da')
    const restarted = await pilcrow.restart()
    await page.goto(restarted.url)
    await expect(page.getByRole('alert')).toContainText(/Your settings file could not be read .* It was set aside as settings\.corrupt-.*\.json and defaults are in use\./)
    expect(readdirSync(join(pilcrow.workspace, '.pilcrow')).some((n) => n.startsWith('settings.corrupt-'))).toBe(true)
    await expect(page.getByRole('region', { name: 'Source' }).getByRole('heading', { level: 1 })).toBeVisible()
    await restarted.stop()
  })

  test('when a save fails the text stays in the editor and the status says why', async ({ page, pilcrow }) => {
    await page.goto(pilcrow.url)
    await editor(page).click()
    await page.keyboard.type('Saved before the server stops.')
    await expect(status(page)).toHaveText('Saved')
    await pilcrow.stop()
    await page.keyboard.type(' Typed while it is down.')
    await expect(status(page)).toContainText('Not saved: Pilcrow’s server cannot be reached')
    await expect(editor(page)).toHaveText('Saved before the server stops. Typed while it is down.')
  })

  test('keys that arrive before the page reports the caret moved still act where the caret is', async ({ page, pilcrow }) => {
    await page.goto(pilcrow.url)
    await editor(page).click()
    await page.keyboard.type('First paragraph.')
    await page.keyboard.press('Enter')
    await page.keyboard.type('Last paragraph.')
    await editor(page).getByText('First paragraph.').click()
    // Ctrl+End, Enter and text sent in one go, in order, as a fast typist or a busy page delivers
    // them: the browser moves the caret at once but tells the editor in a later task
    const cdp = await page.context().newCDPSession(page)
    const key = (type: 'rawKeyDown' | 'keyDown' | 'keyUp', key: string, keyCode: number, modifiers: number, text?: string) =>
      cdp.send('Input.dispatchKeyEvent', { type, key, code: key === 'Control' ? 'ControlLeft' : key, windowsVirtualKeyCode: keyCode, modifiers, ...(text ? { text, unmodifiedText: text } : {}) })
    await Promise.all([
      key('rawKeyDown', 'Control', 17, 2),
      key('rawKeyDown', 'End', 35, 2),
      key('keyUp', 'End', 35, 2),
      key('keyUp', 'Control', 17, 0),
      key('keyDown', 'Enter', 13, 0, '\r'),
      key('keyUp', 'Enter', 13, 0),
      cdp.send('Input.insertText', { text: 'Added at the end.' })
    ])
    await expect(editor(page).locator('p')).toHaveText(['First paragraph.', 'Last paragraph.', 'Added at the end.'])
    await expect(status(page)).toHaveText('Saved')
  })

  test('a notebook of many notes lists the most recent and shows more on request, from the keyboard', async ({ page, pilcrow }) => {
    const now = Date.now()
    for (let i = 0; i < 160; i++) {
      const at = new Date(now - i * 60_000).toISOString()
      const content = { root: { type: 'root', version: 1, direction: null, format: '', indent: 0, children: [] } }
      const note = { format: 'pilcrow-note', formatVersion: 1, id: `n-many-${i}`, title: `Reading note ${i}`, createdAt: at, updatedAt: at, trashedAt: null, content }
      writeFileSync(join(pilcrow.workspace, 'notes', `n-many-${i}.json`), JSON.stringify(note))
    }
    const restarted = await pilcrow.restart()
    await page.goto(restarted.url)
    const rows = notesList(page).getByRole('listitem')
    await expect(rows).toHaveCount(100)
    await expect(rows.first()).toHaveText(/^Reading note 0/)
    await expect(rows.first()).toHaveAttribute('aria-setsize', '160')
    await expect(page.getByRole('list', { name: 'Sources' })).toBeVisible()
    // an older note opened from a search is listed too, marked as open
    await page.getByRole('combobox', { name: 'Search' }).fill('"Reading note 150"')
    await expect(page.getByRole('listbox', { name: 'Search results' }).getByRole('option')).toHaveCount(1)
    await page.keyboard.press('Enter')
    await expect(page.getByRole('textbox', { name: 'Note title' })).toHaveValue('Reading note 150')
    await expect(rows).toHaveCount(101)
    await expect(rows.last()).toHaveAttribute('aria-posinset', '151')
    await expect(rows.last().getByRole('button')).toHaveAttribute('aria-current', 'true')
    const more = page.getByRole('button', { name: 'Show 60 more notes (59 not listed)' })
    await more.focus()
    await page.keyboard.press('Enter')
    await expect(rows).toHaveCount(160)
    await expect(more).toHaveCount(0)
    // the keyboard carries on at the first note added
    await expect(notesList(page).getByRole('button', { name: /^Reading note 100\b/ })).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(page.getByRole('textbox', { name: 'Note title' })).toHaveValue('Reading note 100')
    await restarted.stop()
  })

  test('a title typed while a new note is on its way is saved to the note it was typed in, not lost', async ({ page, pilcrow }) => {
    await page.goto(pilcrow.url)
    const title = page.getByRole('textbox', { name: 'Note title' })
    await title.fill('Kept')
    await expect(page.getByRole('list', { name: 'Notes' }).getByRole('button', { name: /^Kept/ })).toBeVisible()
    // a slow server: the new note arrives once the title is typed, before the autosave's delay
    let answer!: () => void
    const typed = new Promise<void>((resolve) => (answer = resolve))
    await page.route('**/api/createNote', async (route) => {
      await typed
      await route.continue()
    })
    await page.getByRole('button', { name: 'New note' }).click()
    await title.fill('Typed while waiting')
    answer()
    await expect(title).toHaveValue('') // the new note is open now
    const notes = page.getByRole('list', { name: 'Notes' })
    await expect(notes.getByRole('button', { name: /^Typed while waiting/ })).toBeVisible()
    // on disk: the note it was typed in has it, and the new note is still untitled
    const titlesOnDisk = () => readdirSync(join(pilcrow.workspace, 'notes')).map((f) => (JSON.parse(readFileSync(join(pilcrow.workspace, 'notes', f), 'utf8')) as { title: string }).title).sort()
    await expect.poll(titlesOnDisk).toEqual(['', 'Typed while waiting'])
  })

  test('a note changed on disk by another program keeps both versions and says so', async ({ page, pilcrow }) => {
    await page.goto(pilcrow.url)
    await page.getByRole('textbox', { name: 'Note title' }).fill('Draft')
    await editor(page).click()
    await page.keyboard.type('Mine.')
    await expect(status(page)).toHaveText('Saved')
    const [file] = readdirSync(join(pilcrow.workspace, 'notes')).filter((n) => n.endsWith('.json'))
    const path = join(pilcrow.workspace, 'notes', file!)
    const outside = JSON.parse(readFileSync(path, 'utf8'))
    outside.content.root.children[0].children[0].text = 'Theirs.'
    writeFileSync(path, JSON.stringify(outside))
    await page.keyboard.type(' More of mine.')
    await expect(page.getByRole('alert')).toContainText('“Draft” was changed elsewhere at the same time (another window or tab, or another program). Your version was saved; the other version was kept as the note “Draft (other version')
    await expect(notesList(page).getByRole('button', { name: /other version/ })).toHaveCount(1)
    await notesList(page).getByRole('button', { name: /other version/ }).click()
    await expect(editor(page)).toHaveText('Theirs.')
  })

  test('paste from a web page keeps structure and drops scripts, styles and images', async ({ page, pilcrow }) => {
    await page.goto(pilcrow.url)
    await editor(page).click()
    await page.evaluate(() => {
      const data = new DataTransfer()
      data.setData(
        'text/html',
        '<style>p{color:red}</style><h2>Pasted heading</h2><p>A <b>bold</b> claim <img src="https://example.org/x.png"></p><ul><li>one</li><li>two</li></ul><script>window.__pwned = 1</script>'
      )
      data.setData('text/plain', 'Pasted heading A bold claim one two')
      document.querySelector('[aria-label="Note"]')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
    })
    await expect(editor(page).getByRole('heading', { level: 2 })).toHaveText('Pasted heading')
    await expect(editor(page).locator('strong, .ed-bold').first()).toHaveText('bold')
    await expect(editor(page).getByRole('listitem')).toHaveText(['one', 'two'])
    await expect(editor(page).locator('img, script, style')).toHaveCount(0)
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined()
  })

  test('links keep only http, https and mailto targets', async ({ page, pilcrow }) => {
    await page.goto(pilcrow.url)
    await editor(page).click()
    await page.keyboard.type('see [bad](javascript:alert(1)) and [good](https://example.org) ')
    await expect(editor(page).getByRole('link')).toHaveCount(1)
    await expect(editor(page).getByRole('link')).toHaveAttribute('href', 'https://example.org')
    await expect(editor(page)).toContainText('see bad and good')
  })

  test('two settings changed in a row both hold when the first answer comes late (it says the settings as they were then)', async ({ page, pilcrow }) => {
    await page.goto(pilcrow.url)
    await expect(editor(page)).toBeVisible()
    let releaseFirst!: () => void
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve))
    let calls = 0
    let answered = 0
    await page.route('**/api/updateSettings', async (route) => {
      if (!/"(theme|editorFontSize)"/.test(route.request().postData() ?? '')) return route.continue() // the open note, remembered
      const call = ++calls
      const response = await route.fetch()
      if (call === 1) await firstHeld
      await route.fulfill({ response })
      answered++
    })
    await page.getByRole('button', { name: 'Settings' }).click()
    const dialog = page.getByRole('dialog', { name: 'Settings' })
    await dialog.getByRole('radio', { name: 'Dark' }).check()
    await dialog.getByRole('combobox', { name: 'Editor font size' }).selectOption('20')
    await expect(editor(page)).toHaveCSS('font-size', '20px')
    // the first answer (dark, and the font size as it was then) arrives after the second change
    releaseFirst()
    await expect.poll(() => answered).toBe(2)
    await expect(dialog.getByRole('combobox', { name: 'Editor font size' })).toHaveValue('20')
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
    await expect(editor(page)).toHaveCSS('font-size', '20px')
    await page.reload()
    await expect(editor(page)).toHaveCSS('font-size', '20px')
  })

  test('settings dialog changes the theme and the editor font size, and they persist', async ({ page, pilcrow }) => {
    await page.goto(pilcrow.url)
    await page.getByRole('button', { name: 'Settings' }).click()
    const dialog = page.getByRole('dialog', { name: 'Settings' })
    await dialog.getByRole('radio', { name: 'Dark' }).check()
    await dialog.getByRole('combobox', { name: 'Editor font size' }).selectOption('20')
    await dialog.getByRole('button', { name: 'Done' }).click()
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
    await expect(editor(page)).toHaveCSS('font-size', '20px')
    await page.reload()
    await expect(editor(page)).toHaveCSS('font-size', '20px')
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  })
})
