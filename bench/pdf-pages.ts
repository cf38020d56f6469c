import { chromium, type Page } from '@playwright/test'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openNotebookInNode } from '../src/main/core/open-cli-notebook'
import { makeBookPdf } from '../src/main/core/importers/testing/book-pdf'
import { chromiumLaunchOptions } from '../e2e/support/chromium'
import { stopAllServers } from '../e2e/support/serve'
import { openAppPage } from './app-page'
import type { Figures } from './index'
import { median, round, seededRandom } from './stats'
import { Vocabulary } from './synthetic'

const RUNS = 5
/** Frames longer than this are slow: a scroll that misses more than two frames at 60 Hz is seen to stutter. */
const SLOW_FRAME_MS = 50

/** A workspace with a generated book of about 350 pages imported (as a user imports it: its file kept). */
async function prepare(): Promise<{ workspace: string; sourceId: string; pages: number }> {
  const workspace = mkdtempSync(join(tmpdir(), 'pilcrow-bench-pages-'))
  const vocabulary = new Vocabulary(4000, seededRandom(5))
  const paragraph = (): string => Array.from({ length: 4 }, () => vocabulary.sentence(8, 22)).join(' ')
  const chapters = Array.from({ length: 35 }, (_, c) => ({ heading: `Chapter ${c + 1}`, paragraphs: Array.from({ length: 97 }, paragraph) }))
  const file = join(workspace, '..', `${workspace.split('/').pop()}-book.pdf`)
  writeFileSync(file, await makeBookPdf({ title: 'A Long Book', author: 'Bench Mark', chapters, hyphenate: true, runningHeader: 'A LONG BOOK' }))
  const notebook = await openNotebookInNode(workspace)
  const [outcome] = await notebook.importSourceFiles([file])
  rmSync(file)
  if (!outcome?.ok) {
    await notebook.close()
    throw new Error(`the book did not import: ${outcome && !outcome.ok ? outcome.error : 'no outcome'}`)
  }
  const pages = Math.max(...(await notebook.getSource(outcome.sourceId)).blocks.map((b) => b.page ?? 0))
  await notebook.close()
  return { workspace, sourceId: outcome.sourceId, pages }
}

/** From the choice in the source picker to the view's first page drawn (page view) or ¶1 shown (text view). */
async function timeOpen(page: Page, sourceId: string, view: 'pages' | 'text'): Promise<number> {
  await page.evaluate((view) => {
    const w = window as unknown as Record<string, number | undefined>
    w['openAskedAt'] = undefined
    w['openShownAt'] = undefined
    document.querySelector('select[aria-label="Open source"]')!.addEventListener('change', () => (w['openAskedAt'] = performance.now()), { once: true, capture: true })
    const check = (): void => {
      const reader = document.querySelector('[aria-label="Source"]')
      const shown = view === 'pages' ? reader?.querySelector('.pdf-page.drawn canvas') : reader?.querySelector('.pilcrow-number')?.textContent === '¶1'
      if (shown && w['openAskedAt'] !== undefined) w['openShownAt'] = performance.now()
      else requestAnimationFrame(check)
    }
    requestAnimationFrame(check)
  }, view)
  await page.getByRole('combobox', { name: 'Open source' }).selectOption(sourceId)
  const at = (key: string) => page.waitForFunction((k) => (window as unknown as Record<string, number | undefined>)[k], key, { timeout: 60_000 }).then((h) => h.jsonValue() as Promise<number>)
  return (await at('openShownAt')) - (await at('openAskedAt'))
}

/** Scrolls the pane through `distance` pixels a little each frame, as a trackpad does; counts slow frames and the most pages drawn at once. */
async function scrollThrough(page: Page, distance: number): Promise<{ frames: number; slow: number; maxDrawn: number }> {
  return page.evaluate(
    ({ distance, slowMs }) =>
      new Promise((resolve) => {
        const pane = document.querySelector<HTMLElement>('[aria-label="Source"]')!
        const stats = { frames: 0, slow: 0, maxDrawn: 0 }
        let last = performance.now()
        let moved = 0
        const step = (now: number): void => {
          stats.frames++
          if (now - last > slowMs) stats.slow++
          last = now
          stats.maxDrawn = Math.max(stats.maxDrawn, pane.querySelectorAll('.pdf-page canvas').length)
          pane.scrollTop += 60
          moved += 60
          if (moved < distance) requestAnimationFrame(step)
          else resolve(stats)
        }
        requestAnimationFrame(step)
      }),
    { distance, slowMs: SLOW_FRAME_MS }
  )
}

/**
 * A 350-page book in the page view: time to its first page drawn (beside the same source
 * opened in the text view, same run), and a steady scroll through 100 pages: slow frames, and the
 * most pages drawn at once (memory stays bounded when pages far from the view are let go).
 */
export async function benchPdfPages(log: (line: string) => void): Promise<Figures> {
  const { workspace, sourceId, pages } = await prepare()
  const browser = await chromium.launch(chromiumLaunchOptions())
  const figures: Figures = {}
  try {
    const { served, page, articleId: article } = await openAppPage(browser, workspace)
    const opens = { pages: [] as number[], text: [] as number[] }
    for (const view of ['text', 'pages'] as const) {
      for (let i = 0; i <= RUNS; i++) {
        await timeOpen(page, article, 'text')
        await page.evaluate(({ id, view }) => localStorage.setItem(`pilcrow-view:${id}`, view), { id: sourceId, view })
        const ms = await timeOpen(page, sourceId, view)
        if (i > 0) opens[view].push(ms) // the first reads the source (and pdf.js) for the first time
      }
    }
    figures['ui.pdf_page_view.pages'] = pages
    figures['ui.pdf_page_view.open_ms'] = round(median(opens.pages))
    figures['ui.pdf_page_view.text_view_open_ms'] = round(median(opens.text))
    figures['ui.pdf_page_view.ratio_to_text_view'] = round(median(opens.pages) / median(opens.text))
    log(`Open a ${pages}-page PDF in the page view, to its first page drawn: median ${round(median(opens.pages))} ms over ${RUNS} (the same source in the text view: ${round(median(opens.text))} ms)`)

    const pageHeight = await page.locator('.pdf-page').first().evaluate((el) => el.getBoundingClientRect().height + 14)
    const scroll = await scrollThrough(page, pageHeight * 100)
    figures['ui.pdf_page_view.scroll_frames'] = scroll.frames
    figures['ui.pdf_page_view.scroll_slow_frames'] = scroll.slow
    figures['ui.pdf_page_view.max_pages_drawn'] = scroll.maxDrawn
    log(`Scroll through 100 pages at 60 px a frame: ${scroll.slow} of ${scroll.frames} frames over ${SLOW_FRAME_MS} ms; at most ${scroll.maxDrawn} pages drawn at once`)
    await served.stop()
  } finally {
    await browser.close()
    await stopAllServers()
    rmSync(workspace, { recursive: true, force: true })
  }
  return figures
}
