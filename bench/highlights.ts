import { chromium, type Page } from '@playwright/test'
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createAnchor } from '../src/shared/anchors'
import { assignIdsAndNumbers } from '../src/shared/block-ids'
import type { SourceHighlight } from '../src/shared/highlights'
import { HIGHLIGHT_COLORS } from '../src/shared/highlights'
import type { Source } from '../src/shared/model'
import { serializeSource } from '../src/main/core/source-file'
import { chromiumLaunchOptions } from '../e2e/support/chromium'
import { servePilcrow, stopAllServers } from '../e2e/support/serve'
import { openAppPage } from './app-page'
import type { Figures } from './index'
import { median, quantile, round, seededRandom } from './stats'
import { Vocabulary } from './synthetic'
import { keystrokeLatencies } from './keystrokes'

const RUNS = 5
const HIGHLIGHTS = 2000

/** Two copies of a 5,000-paragraph source, one with 2,000 highlights: the baseline is measured beside it. */
async function prepare(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'pilcrow-bench-highlights-'))
  const first = await servePilcrow(dir)
  await first.stop()
  const vocabulary = new Vocabulary(20_000, seededRandom(11))
  const drafts = Array.from({ length: 5000 }, () => {
    const text = `${vocabulary.sentence(10, 30)} ${vocabulary.sentence(10, 30)}`
    return { kind: 'paragraph' as const, text, runs: [{ text }] }
  })
  const blocks = assignIdsAndNumbers(drafts)
  const marked: Source = { id: 'marked-source', meta: { title: 'Marked: 5,000 paragraphs, 2,000 highlights', authors: ['Bench'] }, blocks }
  // the same length, other paragraphs (as another source is): its blocks are new nodes, not the marked one's updated
  const plain: Source = { id: 'plain-source', meta: { title: 'Plain: 5,000 paragraphs', authors: ['Bench'] }, blocks: assignIdsAndNumbers(drafts.map((d) => ({ ...d, text: `${d.text} Again.`, runs: [{ text: `${d.text} Again.` }] }))) }
  writeFileSync(join(dir, 'sources', 'marked-source.json'), serializeSource(marked))
  writeFileSync(join(dir, 'sources', 'plain-source.json'), serializeSource(plain))
  const now = new Date().toISOString()
  const highlights: SourceHighlight[] = Array.from({ length: HIGHLIGHTS }, (_, i) => {
    const block = blocks[Math.floor((i * blocks.length) / HIGHLIGHTS)]!
    const end = Math.min(block.text.length, 12 + (i % 20))
    return { id: `h-bench-${i}`, sourceId: marked.id, anchor: createAnchor(marked, block.id, { start: 0, end }), color: HIGHLIGHT_COLORS[i % HIGHLIGHT_COLORS.length]!, comment: i % 3 === 0 ? 'A comment' : '', createdAt: now, updatedAt: now }
  })
  mkdirSync(join(dir, 'sources', 'highlights'), { recursive: true })
  writeFileSync(join(dir, 'sources', 'highlights', 'marked-source.json'), JSON.stringify({ format: 'pilcrow-highlights', formatVersion: 1, sourceId: marked.id, highlights }))
  return dir
}

/** From the choice in the source picker to its title, ¶1 and (for the marked one) its first highlights painted. */
async function timeOpen(page: Page, id: string, title: string, painted: boolean): Promise<number> {
  await page.evaluate(
    ({ title, painted }) => {
      const w = window as unknown as Record<string, number | undefined>
      w['openAskedAt'] = undefined
      w['openShownAt'] = undefined
      document.querySelector('select[aria-label="Open source"]')!.addEventListener('change', () => (w['openAskedAt'] = Date.now()), { once: true, capture: true })
      const check = (): void => {
        const reader = document.querySelector('[aria-label="Source"]')
        const shown = new RegExp(title).test(reader?.querySelector('h1')?.textContent ?? '') && reader!.querySelector('.pilcrow-number')?.textContent === '¶1'
        const marks = [...CSS.highlights.keys()].filter((k) => k.startsWith('pilcrow-hl-')).length > 0
        if (shown && (!painted || marks)) requestAnimationFrame(() => setTimeout(() => (w['openShownAt'] = Date.now()), 0))
        else requestAnimationFrame(check)
      }
      requestAnimationFrame(check)
    },
    { title, painted }
  )
  await page.getByRole('combobox', { name: 'Open source' }).selectOption(id)
  const at = (key: string) => page.waitForFunction((k) => (window as unknown as Record<string, number | undefined>)[k], key).then((h) => h.jsonValue() as Promise<number>)
  return (await at('openShownAt')) - (await at('openAskedAt'))
}

/**
 * A source with 2,000 highlights: opened (to its highlights painted) beside the same source
 * without any, and typing in a note while each is open.
 */
export async function benchHighlights(log: (line: string) => void): Promise<Figures> {
  const workspace = await prepare()
  const browser = await chromium.launch(chromiumLaunchOptions())
  const figures: Figures = {}
  try {
    const { served, page, articleId: article } = await openAppPage(browser, workspace)
    const opens = { marked: [] as number[], plain: [] as number[] }
    // each opened from the short article, as a reader switching to it would
    const fromArticle = async (id: string, title: string, painted: boolean): Promise<number> => {
      await timeOpen(page, article, 'Russia and Iran', false)
      return timeOpen(page, id, title, painted)
    }
    for (let i = 0; i <= RUNS; i++) {
      const marked = await fromArticle('marked-source', 'Marked', true)
      const plain = await fromArticle('plain-source', 'Plain', false)
      if (i === 0) continue // the first opens read the sources from disk on the server
      opens.marked.push(marked)
      opens.plain.push(plain)
    }
    figures['ui.open_source_2000_highlights_ms'] = round(median(opens.marked))
    figures['ui.open_source_no_highlights_ms'] = round(median(opens.plain))
    // leaving it: the plain source opened straight from the marked one (its nodes go from under its highlights)
    const leaving: number[] = []
    for (let i = 0; i <= RUNS; i++) {
      await timeOpen(page, 'marked-source', 'Marked', true)
      const ms = await timeOpen(page, 'plain-source', 'Plain', false)
      if (i > 0) leaving.push(ms)
    }
    figures['ui.leave_source_2000_highlights_ms'] = round(median(leaving))

    const editor = page.getByRole('textbox', { name: 'Note', exact: true })
    const typing: Record<string, number[]> = {}
    for (const [id, title] of [['plain-source', 'Plain'], ['marked-source', 'Marked']] as const) {
      await timeOpen(page, id, title, id === 'marked-source')
      await editor.click()
      await page.keyboard.press('Control+End')
      typing[id] = (await keystrokeLatencies(page)).latencies
    }
    figures['ui.keystroke_2000_highlights_open.p95_ms'] = round(quantile(typing['marked-source']!, 0.95))
    figures['ui.keystroke_no_highlights_open.p95_ms'] = round(quantile(typing['plain-source']!, 0.95))
    await served.stop()
  } finally {
    await stopAllServers()
    await browser.close()
    rmSync(workspace, { recursive: true, force: true })
  }
  log(
    `Highlights: a 5,000-paragraph source with ${HIGHLIGHTS} highlights opens (to its highlights painted) in ${figures['ui.open_source_2000_highlights_ms']} ms, the same without highlights ${figures['ui.open_source_no_highlights_ms']} ms (medians of ${RUNS}); ` +
      `another source opened from it ${figures['ui.leave_source_2000_highlights_ms']} ms; typing in a note beside it p95 ${figures['ui.keystroke_2000_highlights_open.p95_ms']} ms (${figures['ui.keystroke_no_highlights_open.p95_ms']} ms beside the plain one)`
  )
  return figures
}
