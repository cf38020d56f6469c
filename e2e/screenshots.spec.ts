import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { selectWords } from './support/locators'
import { dragOver, LNCS_PDF } from './support/pdf-pages'
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

/** The window as it is now, in the light theme and then the dark one (Ctrl+Shift+L cycles system → light → dark). */
async function screenshotLightAndDark(page: Page, light: string, dark: string): Promise<void> {
  await page.keyboard.press('Control+Shift+L') // system → light
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light')
  await page.screenshot({ path: light })
  await page.keyboard.press('Control+Shift+L') // light → dark
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await page.screenshot({ path: dark })
}

test('screenshots of the main window, light and dark, at 1280×800', async ({ page, pilcrow }) => {
  await page.goto(pilcrow.url)
  await expect(page.getByRole('note', { name: 'Tip' })).toContainText('Cite ¶ in note') // the first-run hint
  await writeSampleNote(page)
  await expect(page.getByRole('note', { name: 'Tip' })).toHaveCount(0) // gone once something is cited
  await page.getByRole('region', { name: 'Source' }).getByRole('heading', { name: 'Bilateral relations require careful academic analysis' }).scrollIntoViewIfNeeded()
  await page.mouse.move(0, 0)
  mkdirSync(join(APP_ROOT, 'docs'), { recursive: true })
  await screenshotLightAndDark(page, join(APP_ROOT, 'docs', 'screenshot.png'), join(APP_ROOT, 'docs', 'screenshot-dark.png'))
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

test('screenshots of highlights in three colours, the Highlights panel, and notes linking to each other, light and dark', async ({ page, pilcrow }) => {
  const source = page.getByRole('region', { name: 'Source' })
  const editor = page.getByRole('textbox', { name: 'Note', exact: true })
  const popover = page.getByRole('dialog', { name: 'Highlight' })
  await page.goto(pilcrow.url)
  for (const [n, pick, color, comment] of [
    [5, [4, 12], 'yellow', ''],
    [6, [2, 9], 'blue', 'The core claim #alignment'],
    [9, [10, 16], 'pink', 'Late, but delivered']
  ] as const) {
    const text = (await source.locator('.numbered', { hasText: `¶${n}` }).locator('[data-block-text]').first().textContent())!
    await selectWords(page, n, text.split(/\s+/).slice(pick[0], pick[1]).join(' '))
    await source.getByRole('button', { name: 'Highlight', exact: true }).click()
    await popover.getByRole('radio', { name: color }).check()
    if (comment) await popover.getByRole('textbox', { name: 'Comment' }).fill(comment)
    await popover.getByRole('button', { name: 'Done' }).click()
    await expect(popover).toBeHidden()
  }
  await page.getByRole('textbox', { name: 'Note title' }).fill('Alignment, not alliance')
  await editor.click()
  await page.keyboard.type('Tazmini’s word for a partnership with room for friction. What holds it: [[Shared worldview')
  await page.keyboard.press('Enter')
  await page.keyboard.type('.')
  await editor.getByRole('link', { name: 'Shared worldview' }).click()
  await expect(page.getByRole('textbox', { name: 'Note title' })).toHaveValue('Shared worldview')
  await editor.click()
  await page.keyboard.type('Anti-hegemonic and pluralist; the reason the partnership outlasts delays, as argued in [[align')
  await page.keyboard.press('Enter')
  await page.keyboard.type('. #iran')
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Linked from' })).toContainText('Alignment, not alliance')
  await source.getByRole('button', { name: /^Highlights \(3\)/ }).click()
  await expect(page.getByRole('region', { name: 'Highlights' })).toContainText('Late, but delivered')
  // below the panel: the words painted in ¶9
  await source.locator('.numbered', { hasText: '¶9' }).evaluate((el) => el.scrollIntoView({ block: 'end' }))
  await page.mouse.move(0, 0)
  await screenshotLightAndDark(page, join(APP_ROOT, 'test-results', 'note-links-light.png'), join(APP_ROOT, 'test-results', 'note-links-dark.png'))
})

test('screenshots of a PDF in the page view with a quoted passage and a highlight, light and dark', async ({ page, pilcrow }) => {
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.goto(pilcrow.url)
  const source = page.getByRole('region', { name: 'Source' })
  await page.getByLabel('Files to import').setInputFiles([{ name: 'springer-lncs.pdf', mimeType: 'application/pdf', buffer: readFileSync(LNCS_PDF) }])
  const second = source.getByRole('group', { name: 'Page 2' })
  await second.scrollIntoViewIfNeeded()
  const layer = second.locator('.textLayer')
  await expect(layer).toContainText('All words in titles')
  await page.getByRole('textbox', { name: 'Note title' }).fill('Titles in LNCS')
  const editor = page.getByRole('textbox', { name: 'Note', exact: true })
  await editor.click()
  await page.keyboard.type('What the guide asks of a title: ')
  await dragOver(page, layer, 'All words in titles should be capitalized except for conjunctions')
  await source.getByRole('button', { name: 'Quote in note' }).click()
  await dragOver(page, layer, 'Titles have no end punctuation.')
  await source.getByRole('button', { name: 'Highlight', exact: true }).click()
  await page.getByRole('dialog', { name: 'Highlight' }).getByRole('button', { name: 'Done' }).click()
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible()
  await page.mouse.move(0, 0)
  await screenshotLightAndDark(page, join(APP_ROOT, 'test-results', 'page-view-light.png'), join(APP_ROOT, 'test-results', 'page-view-dark.png'))
})
