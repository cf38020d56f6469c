import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { APP_ROOT, expect, test } from './support/pilcrow'

/** Writes a real working session: a titled note with a heading, prose, a citation and a quote. */
async function writeSampleNote(page: Page): Promise<void> {
  const editor = page.getByRole('textbox', { name: 'Note', exact: true })
  const source = page.getByRole('region', { name: 'Source' })
  await page.getByRole('textbox', { name: 'Note title' }).fill('Alignment, not alliance')
  await editor.click()
  await page.keyboard.type('# What binds Moscow and Tehran')
  await page.keyboard.press('Enter')
  await page.keyboard.type('Tazmini rejects “alliance” as too loose a label and argues for ')
  await page.keyboard.press('Control+b')
  await page.keyboard.type('alignment')
  await page.keyboard.press('Control+b')
  await page.keyboard.type(': a non-military partnership with room for friction ')
  await source.locator('.numbered', { hasText: '¶5' }).hover()
  await page.getByRole('button', { name: 'Cite ¶5 in note' }).click()
  await page.keyboard.type('.')
  await page.keyboard.press('Enter')
  await page.keyboard.type('- Delivery delays (Bushehr, S-300) did not end it ')
  await source.locator('.numbered', { hasText: '¶9' }).hover()
  await page.getByRole('button', { name: 'Cite ¶9 in note' }).click()
  await page.keyboard.press('Enter')
  await page.keyboard.type('Shared worldview: anti-hegemonic, pluralist order ')
  await source.locator('.numbered', { hasText: '¶11' }).hover()
  await page.getByRole('button', { name: 'Cite ¶11 in note' }).click()
  await page.keyboard.press('Enter')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible()
  await source.locator('.numbered', { hasText: '¶5' }).scrollIntoViewIfNeeded()
}

test('screenshots of the main window, light and dark, at 1280×800', async ({ page, pilcrow }) => {
  await page.goto(pilcrow.url)
  await expect(page.getByRole('note', { name: 'Tip' })).toContainText('Cite ¶ in note') // the first-run hint
  await writeSampleNote(page)
  await expect(page.getByRole('note', { name: 'Tip' })).toHaveCount(0) // gone once something is cited
  await page.getByRole('region', { name: 'Source' }).getByRole('heading', { name: 'Bilateral relations require careful academic analysis' }).scrollIntoViewIfNeeded()
  await page.mouse.move(0, 0)
  mkdirSync(join(APP_ROOT, 'docs'), { recursive: true })
  await page.keyboard.press('Control+Shift+L') // system → light
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light')
  await page.screenshot({ path: join(APP_ROOT, 'docs', 'screenshot.png') })
  await page.keyboard.press('Control+Shift+L') // light → dark
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await page.screenshot({ path: join(APP_ROOT, 'docs', 'screenshot-dark.png') })
})

test('readable at 125% and 200% zoom: the article and the note stay usable', async ({ page, pilcrow }) => {
  for (const zoom of [1.25, 2]) {
    await page.setViewportSize({ width: Math.round(1280 / zoom), height: Math.round(800 / zoom) })
    await page.goto(pilcrow.url)
    const source = page.getByRole('region', { name: 'Source' })
    await expect(source.getByRole('heading', { level: 1 })).toBeVisible()
    // at 200% the window shows one view at a time: the note is a tab away
    if (zoom === 2) await page.getByRole('tab', { name: 'Note', exact: true }).click()
    await expect(page.getByRole('textbox', { name: 'Note', exact: true })).toBeVisible()
    // nothing overflows the window sideways
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
    await page.screenshot({ path: join(APP_ROOT, 'test-results', `zoom-${zoom * 100}.png`) })
  }
})
