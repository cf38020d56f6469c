import { chromium, type Page } from '@playwright/test'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromiumLaunchOptions } from '../e2e/support/chromium'
import { APP_ROOT, servePilcrow, stopAllServers } from '../e2e/support/serve'
import type { Figures } from './index'
import { median, round } from './stats'
import { writeSyntheticWorkspace } from './synthetic'
import { RUNS, startToArticle } from './ui'

/** Runs in the page: the main thread's long tasks (50 ms or more), as [start, duration], in `window.longTasks`. */
function recordLongTasks(): void {
  const w = window as unknown as { longTasks: [number, number][] }
  w.longTasks = []
  new PerformanceObserver((list) => {
    for (const task of list.getEntries()) w.longTasks.push([task.startTime, task.duration])
  }).observe({ type: 'longtask', buffered: true })
}

/** Time for the start's work (notes list, search index) to be done before the sources list is timed. */
const START_SETTLE_MS = 3000

/** The longest task that started in [from, to) (page time), 0 when none reached 50 ms. */
async function longestTask(page: Page, from: number, to: number): Promise<number> {
  // long tasks are reported once they end: a frame later than the last one that could count
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 100))))
  return page.evaluate(
    ([a, b]) => Math.max(0, ...(window as unknown as { longTasks: [number, number][] }).longTasks.filter(([start]) => start >= a! && start < b!).map(([, d]) => d)),
    [from, to]
  )
}

/**
 * The app with a researcher's whole library in its workspace (`--only library`): 1,000,000
 * paragraphs in 2,000 sources and 20,000 notes beside the article, its search index built. From
 * the server's start to the article readable (`ui.start_to_article_1m`), and the sources list:
 * the longest task while it opens (the sidebar shown again), and while a filter is typed.
 */
export async function benchLibraryUi(log: (line: string) => void): Promise<Figures> {
  const figures: Figures = {}
  const workspace = mkdtempSync(join(tmpdir(), 'pilcrow-bench-library-'))
  const browser = await chromium.launch(chromiumLaunchOptions())
  try {
    const first = await servePilcrow(workspace) // the workspace and its article
    await first.stop()
    writeSyntheticWorkspace(workspace, 1_000_000, 20_000)
    // the index built once, as a library that has been open before has it
    const built = spawnSync(process.execPath, [join(APP_ROOT, 'bin', 'pilcrow.js'), 'search', 'alliance', '--workspace', workspace], { encoding: 'utf8' })
    if (built.status !== 0) throw new Error(`pilcrow search failed: ${built.stderr}`)

    const starts: number[] = []
    for (let i = 0; i < RUNS; i++) {
      const { ms, page, served } = await startToArticle(browser, workspace)
      starts.push(ms)
      await page.close()
      await served.stop()
    }
    figures['ui.start_to_article_1m.median_ms'] = round(median(starts))

    // the sources list: painted at start, then filtered as a person types
    const listTasks: number[] = []
    const filterTasks: number[] = []
    for (let i = 0; i < RUNS; i++) {
      const served = await servePilcrow(workspace)
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
      await page.addInitScript(recordLongTasks)
      await page.goto(served.url)
      const list = page.getByRole('list', { name: 'Sources' })
      await list.getByRole('listitem').nth(99).waitFor()
      // the start's own work done, the sidebar is closed and opened again (Ctrl+\): the list built anew
      await page.waitForTimeout(START_SETTLE_MS)
      await page.keyboard.press('Control+Backslash')
      await list.waitFor({ state: 'detached' })
      const opening = await page.evaluate(() => performance.now())
      await page.keyboard.press('Control+Backslash')
      await list.getByRole('listitem').nth(99).waitFor()
      listTasks.push(await longestTask(page, opening, await page.evaluate(() => performance.now())))
      const filter = page.getByRole('searchbox', { name: 'Filter sources' })
      await filter.click()
      const typing = await page.evaluate(() => performance.now())
      await page.keyboard.type('source 1999', { delay: 80 })
      await list.getByRole('button', { name: /^Synthetic source 1999 / }).waitFor()
      filterTasks.push(await longestTask(page, typing, await page.evaluate(() => performance.now())))
      await page.close()
      await served.stop()
    }
    figures['ui.sources_2000.open_longest_task_ms'] = round(median(listTasks))
    figures['ui.sources_2000.filter_longest_task_ms'] = round(median(filterTasks))
    log(
      `UI with a library of 1,000,000 paragraphs in 2,000 sources and 20,000 notes (medians of ${RUNS}): start to article ${figures['ui.start_to_article_1m.median_ms']} ms; ` +
        `the sources list's longest task while it opened (Ctrl+\\) ${figures['ui.sources_2000.open_longest_task_ms']} ms, while a filter was typed ${figures['ui.sources_2000.filter_longest_task_ms']} ms (0: none of 50 ms or more)`
    )
  } finally {
    await browser.close()
    await stopAllServers()
    rmSync(workspace, { recursive: true, force: true })
  }
  return figures
}
