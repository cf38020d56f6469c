import { chromium, type Page } from '@playwright/test'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromiumLaunchOptions } from '../e2e/support/chromium'
import { servePilcrow, stopAllServers } from '../e2e/support/serve'
import type { Figures } from './index'
import { median, quantile, round } from './stats'

const RENAMES = 15

/** Resolves with the page's clock when `text` first shows in its notes list. */
async function watchFor(page: Page, text: string): Promise<() => Promise<number>> {
  await page.evaluate((wanted) => {
    const w = window as unknown as { seenAt?: number }
    delete w.seenAt
    const list = document.querySelector('[aria-label="Notes"]')!
    const observer = new MutationObserver(() => {
      if (list.textContent?.includes(wanted)) {
        w.seenAt = Date.now()
        observer.disconnect()
      }
    })
    observer.observe(list, { subtree: true, childList: true, characterData: true })
  }, text)
  return async () => {
    await page.waitForFunction(() => (window as unknown as { seenAt?: number }).seenAt !== undefined)
    return page.evaluate(() => (window as unknown as { seenAt: number }).seenAt)
  }
}

/**
 * Two tabs on one `pilcrow serve`: a note renamed in one, timed from its save request leaving
 * that tab to the new title painted in the other's notes list (the same system clock in both).
 */
export async function benchEvents(log: (line: string) => void): Promise<Figures> {
  const workspace = mkdtempSync(join(tmpdir(), 'pilcrow-bench-events-'))
  const browser = await chromium.launch(chromiumLaunchOptions())
  const figures: Figures = {}
  try {
    const served = await servePilcrow(workspace)
    const [writer, follower] = [await browser.newPage(), await browser.newPage()]
    for (const page of [writer, follower]) {
      await page.goto(served.url)
      await page.getByRole('textbox', { name: 'Note', exact: true }).waitFor()
    }
    const title = writer.getByRole('textbox', { name: 'Note title' })
    const delays: number[] = []
    for (let i = 0; i < RENAMES; i++) {
      const name = `Renamed ${i} ${Math.random().toString(36).slice(2, 8)}`
      const seen = await watchFor(follower, name)
      const sent = writer.waitForRequest((r) => r.url().endsWith('/api/saveNote')).then(() => Date.now())
      await title.fill(name)
      await title.blur() // saved at once, as when the user moves on
      delays.push((await seen()) - (await sent))
    }
    figures['events.other_tab_follows.median_ms'] = round(median(delays))
    figures['events.other_tab_follows.p95_ms'] = round(quantile(delays, 0.95))
    await served.stop()
  } finally {
    await stopAllServers()
    await browser.close()
    rmSync(workspace, { recursive: true, force: true })
  }
  log(`Events: a note renamed in one tab shows in another tab's list ${figures['events.other_tab_follows.median_ms']} ms after its save was sent (median of ${RENAMES}; p95 ${figures['events.other_tab_follows.p95_ms']} ms)`)
  return figures
}
