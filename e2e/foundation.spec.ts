import { expect, expectRevealed, servePilcrow, test } from './support/pilcrow'

test.describe('the reader and the editor in browser mode', () => {
  test('serve prints exactly one line: the URL with a token', async ({ pilcrow }) => {
    expect(pilcrow.stdout).toEqual([`Pilcrow is running at ${pilcrow.url}`])
  })

  test('a stop right after the start (the search index still waiting to load) exits cleanly and leaves the workspace whole', async ({ page, workspace }) => {
    const first = await servePilcrow(workspace)
    expect(await first.stop()).toBe(0)
    const again = await servePilcrow(workspace)
    try {
      await page.goto(again.url)
      await expect(page.getByRole('region', { name: 'Source' }).getByRole('heading', { level: 1 })).toHaveText('Russia and Iran – a strategic alliance or something more?')
      await expect(page.getByRole('alert')).toHaveCount(0)
    } finally {
      await again.stop()
    }
  })

  test('shows the whole article beside a working editor', async ({ page, pilcrow }) => {
    await page.goto(pilcrow.url)
    const source = page.getByRole('region', { name: 'Source' })
    await expect(source.getByRole('heading', { level: 1 })).toHaveText('Russia and Iran – a strategic alliance or something more?')
    await expect(source.getByText('Ghoncheh Tazmini', { exact: true })).toBeVisible()
    await expect(source.getByText('18 January 2021')).toBeVisible()
    await expect(source.getByText('Research for the World')).toBeVisible()
    await expect(source.getByRole('heading', { level: 2 })).toHaveText([
      'Bilateral relations require careful academic analysis',
      'What lies behind a Russian-Iranian alliance?',
      'Russian-Iranian relations may run deeper'
    ])
    for (let n = 1; n <= 12; n++) await expect(source.getByText(`¶${n}`, { exact: true })).toHaveCount(1)
    await expect(source.getByText('¶13', { exact: true })).toHaveCount(0)
    await expect(source.getByRole('figure', { name: 'Pull quote' })).toHaveCount(2)
    await expect(source.getByText('Dr Ghoncheh Tazmini is a Visiting Fellow')).toBeVisible()
    await expect(source.getByText('RESEARCH', { exact: true })).toHaveCount(0)
    await expect(source.locator('strong', { hasText: 'strategic' })).toHaveCount(1)
    await expect(source.locator('em', { hasText: 'An Eternal Marriage' })).toHaveCount(1)
    // the token left the address bar after the first load
    expect(new URL(page.url()).searchParams.get('token')).toBeNull()

    const note = page.getByRole('textbox', { name: 'Note', exact: true })
    await note.click()
    await page.keyboard.type('# Alignment, not alliance')
    await page.keyboard.press('Enter')
    await page.keyboard.type('Tazmini prefers ')
    await page.keyboard.press('Control+b')
    await page.keyboard.type('alignment')
    await page.keyboard.press('Control+b')
    await page.keyboard.type('.')
    await expect(note.getByRole('heading', { level: 1 })).toHaveText('Alignment, not alliance')
    await expect(note.locator('strong, .ed-bold').first()).toHaveText('alignment')
    await expect(page.getByText('6 words')).toBeVisible()
    await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible()
    await page.keyboard.press('Control+z')
    await expect(note).not.toContainText('alignment.')

  })

  test('reveals a paragraph by id: scrolls it into view and highlights it', async ({ page, pilcrow }) => {
    await page.goto(pilcrow.url)
    const source = page.getByRole('region', { name: 'Source' })
    const p12 = source.locator('.numbered', { hasText: '¶12' })
    await expect(p12).not.toBeInViewport()
    const id = await p12.getAttribute('data-block-id')
    await page.evaluate((blockId) => (window.location.hash = `block=${blockId}`), id)
    await expectRevealed(p12)
  })

  test('the dark theme applies and is remembered', async ({ page, pilcrow }) => {
    await page.goto(pilcrow.url)
    await page.getByRole('button', { name: /change theme/ }).click() // system → light
    await page.getByRole('button', { name: /change theme/ }).click() // light → dark
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    expect(bg).toBe('rgb(26, 25, 23)')
    await page.reload()
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  })

  test('a theme chosen in another tab while this one is still starting is followed (the change came between its page and its events)', async ({ page, pilcrow }) => {
    const other = await page.context().newPage()
    await other.goto(pilcrow.url)
    // this tab's event stream is held back, as on a slow start, until the other tab has changed the theme
    let startEvents!: () => void
    const changed = new Promise<void>((resolve) => (startEvents = resolve))
    await page.route('**/api/events', async (route) => {
      await changed
      await route.continue()
    })
    await page.goto(pilcrow.url)
    await expect(page.getByRole('region', { name: 'Source' }).getByRole('heading', { level: 1 })).toBeVisible()
    const stored = other.waitForResponse('**/api/updateSettings')
    await other.getByRole('button', { name: /change theme/ }).click() // system → light
    await stored
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'system')
    startEvents()
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light')
  })

  test('the API refuses calls without the token and from a foreign host', async ({ request, pilcrow }) => {
    const noToken = await request.post(`${pilcrow.origin}/api/listSources`, { data: { args: [] } })
    expect(noToken.status()).toBe(401)
    const withToken = await request.post(`${pilcrow.origin}/api/listSources`, { data: { args: [] }, headers: { 'X-Pilcrow-Token': pilcrow.token } })
    expect(withToken.status()).toBe(200)
    const foreign = await request.post(`${pilcrow.origin}/api/listSources`, {
      data: { args: [] },
      headers: { 'X-Pilcrow-Token': pilcrow.token, Host: 'evil.test' }
    })
    expect(foreign.status()).toBe(403)
  })
})
