import type { Browser, Page } from '@playwright/test'
import { servePilcrow, type ServedPilcrow } from '../e2e/support/serve'

/**
 * `pilcrow serve` on a workspace and one window on it at 1280×800, once its note editor is up;
 * with the bundled article's id in the source picker (benchmarks open their source from it, as
 * a reader switching to it would).
 */
export async function openAppPage(browser: Browser, workspace: string): Promise<{ served: ServedPilcrow; page: Page; articleId: string }> {
  const served = await servePilcrow(workspace)
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  await page.goto(served.url)
  await page.getByRole('textbox', { name: 'Note', exact: true }).waitFor()
  const articleId = (await page.getByRole('combobox', { name: 'Open source' }).locator('option', { hasText: 'Russia and Iran' }).getAttribute('value'))!
  return { served, page, articleId }
}
