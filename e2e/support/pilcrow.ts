import { test as base, expect, type Locator, type Page } from '@playwright/test'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { APP_ROOT, servePilcrow, stopAllServers, type ServedPilcrow } from './serve'

export { APP_ROOT, servePilcrow, stopAllServers, type ServedPilcrow }

/** Each test gets its own empty workspace folder and a server on it. */
export const test = base.extend<{ workspace: string; pilcrow: ServedPilcrow }>({
  workspace: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'pilcrow-e2e-'))
    await use(dir)
    rmSync(dir, { recursive: true, force: true })
  },
  pilcrow: async ({ workspace }, use) => {
    const served = await servePilcrow(workspace)
    await use(served)
    // this one, and any the test started again (a restart) and could not stop because it failed
    await stopAllServers()
  }
})

export { expect }

/**
 * A revealed block is highlighted and scrolled into view. The highlight lasts under two seconds
 * and a scroll on a loaded machine can take longer, so the highlight is checked first.
 */
export async function expectRevealed(block: Locator): Promise<void> {
  await expect(block).toHaveClass(/is-revealed/)
  await expect(block).toBeInViewport()
}

/**
 * Lets the page finish what the last input started: two animation frames, then a task. For
 * checks that something did NOT happen (a script that must not run, a dialog that must not close),
 * where there is nothing to wait for but the page's own turn; no fixed sleep.
 */
export async function pageSettled(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0)))))
}
