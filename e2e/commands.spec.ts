import { expect, pageSettled, test } from './support/pilcrow'

test.describe('commands, palette, shortcuts and theme', () => {
  test('the command palette finds commands by fuzzy match and runs them', async ({ page, pilcrow }) => {
    await page.goto(pilcrow.url)
    await expect(page.getByRole('textbox', { name: 'Note', exact: true })).toBeVisible()
    // something written in the first note: a new note is then another note
    await page.getByRole('textbox', { name: 'Note title' }).fill('Written')
    await page.keyboard.press('Control+Shift+P')
    const palette = page.getByRole('dialog', { name: 'Command palette' })
    await expect(palette).toBeVisible()
    const input = palette.getByRole('combobox', { name: 'Command' })
    await expect(input).toBeFocused()
    await input.fill('nw nt')
    await expect(palette.getByRole('option').first()).toContainText('New note')
    await page.keyboard.press('Enter')
    await expect(palette).not.toBeVisible()
    await expect(page.getByRole('list', { name: 'Notes' }).getByRole('button')).toHaveCount(2)

    await page.keyboard.press('Control+Shift+P')
    await input.fill('keyboard')
    await page.keyboard.press('Enter')
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    await expect(sheet).toBeVisible()
    await expect(sheet.getByRole('row', { name: /Command palette… Ctrl\+Shift\+P/ })).toBeVisible()
    await expect(sheet.getByRole('row', { name: /Search sources and notes Ctrl\+K/ })).toBeVisible()
    await page.keyboard.press('Escape')
    await expect(sheet).not.toBeVisible()
  })

  test('a dialog opened by a shortcut right after Escape closed another stays open', async ({ page, pilcrow }) => {
    await page.goto(pilcrow.url)
    await expect(page.getByRole('textbox', { name: 'Note', exact: true })).toBeVisible()
    await page.keyboard.press('Control+,')
    await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible()
    // Escape and Ctrl+/ in one go, as a fast hand sends them to a busy page: the keys wait their
    // turn together, and the closed dialog's close event comes after the shortcut opened the next
    const cdp = await page.context().newCDPSession(page)
    await page.evaluate(() => setTimeout(() => { for (const end = performance.now() + 300; performance.now() < end; ); }, 0))
    const key = (type: 'rawKeyDown' | 'keyUp', key: string, code: string, keyCode: number, modifiers: number) =>
      cdp.send('Input.dispatchKeyEvent', { type, key, code, windowsVirtualKeyCode: keyCode, modifiers })
    await Promise.all([
      key('rawKeyDown', 'Escape', 'Escape', 27, 0),
      key('keyUp', 'Escape', 'Escape', 27, 0),
      key('rawKeyDown', 'Control', 'ControlLeft', 17, 2),
      key('rawKeyDown', '/', 'Slash', 191, 2),
      key('keyUp', '/', 'Slash', 191, 2),
      key('keyUp', 'Control', 'ControlLeft', 17, 0)
    ])
    await expect(page.getByRole('dialog', { name: 'Settings' })).toBeHidden()
    await pageSettled(page) // the close event comes a task after Escape
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible()
  })

  test('declared shortcuts work: search, settings, new note, notes list, theme', async ({ page, pilcrow }) => {
    await page.goto(pilcrow.url)
    await expect(page.getByRole('textbox', { name: 'Note', exact: true })).toBeVisible()
    await page.keyboard.press('Control+k')
    await expect(page.getByRole('combobox', { name: 'Search' })).toBeFocused()
    await page.keyboard.press('Escape')
    await page.keyboard.press('Control+,')
    await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible()
    await page.keyboard.press('Escape')
    await page.getByRole('textbox', { name: 'Note title' }).fill('Written')
    await page.keyboard.press('Control+Alt+n')
    await expect(page.getByRole('list', { name: 'Notes' }).getByRole('button')).toHaveCount(2)
    await expect(page.getByRole('textbox', { name: 'Note title' })).toBeFocused() // ready for the new note's title
    await page.keyboard.press('Control+\\')
    await expect(page.getByRole('list', { name: 'Notes' })).toHaveCount(0)
    await page.keyboard.press('Control+\\')
    await expect(page.getByRole('list', { name: 'Notes' })).toBeVisible()
    // system → light → dark, remembered across a reload
    await page.keyboard.press('Control+Shift+L')
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light')
    await page.keyboard.press('Control+Shift+L')
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
    await page.reload()
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  })

  test('a dark theme is applied before the first paint (no flash of light)', async ({ page, pilcrow }) => {
    await page.goto(pilcrow.url)
    await expect(page.getByRole('textbox', { name: 'Note', exact: true })).toBeVisible()
    await page.keyboard.press('Control+Shift+L')
    await page.keyboard.press('Control+Shift+L')
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
    // observe the document as the parser builds it: the theme must be set before <body> exists
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (document.body) {
          ;(window as unknown as { themeAtBody: string | undefined }).themeAtBody = document.documentElement.dataset['theme']
          observer.disconnect()
        }
      }).observe(document, { childList: true, subtree: true })
    })
    await page.reload()
    expect(await page.evaluate(() => (window as unknown as { themeAtBody?: string }).themeAtBody)).toBe('dark')
  })
})
