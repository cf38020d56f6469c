import { chromium, type Browser, type LaunchOptions, type Page } from '@playwright/test'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { assignIdsAndNumbers } from '../src/shared/block-ids'
import { createAnchor } from '../src/shared/anchors'
import type { Source } from '../src/shared/model'
import { serializeNote } from '../src/main/core/note-file'
import { parseSourceFile, serializeSource } from '../src/main/core/source-file'
import { chromiumLaunchOptions } from '../e2e/support/chromium'
import { servePilcrow, stopAllServers, type ServedPilcrow } from '../e2e/support/serve'
import type { Figures } from './index'
import { browserFloor } from './browser-floor'
import { keystrokeLatencies, type Keystrokes } from './keystrokes'
import { median, quantile, round, seededRandom } from './stats'
import { Vocabulary } from './synthetic'

export const RUNS = 5
/** How long a new tab is left to settle before the start is timed. */
const TAB_SETTLE_MS = 2000
/** How long the page is left after the article shows, so the notes and the index finish loading. */
const START_SETTLE_MS = 1500

/** A note's paragraph of plain text, as Lexical serializes it. */
const paragraph = (text: string) => ({ type: 'paragraph', version: 1, direction: null, format: '', indent: 0, textFormat: 0, textStyle: '', children: [{ type: 'text', version: 1, text, format: 0, detail: 0, mode: 'normal', style: '' }] })

/** A workspace with the article, a 5,000-paragraph source, a 10,000-paragraph note and a note with 500 chips. */
export async function prepareWorkspace(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'pilcrow-bench-ui-'))
  const first = await servePilcrow(dir) // creates the workspace with the bundled article
  await first.stop()
  const vocabulary = new Vocabulary(20_000, seededRandom(7))
  const drafts = Array.from({ length: 5000 }, () => {
    const text = `${vocabulary.sentence(10, 30)} ${vocabulary.sentence(10, 30)}`
    return { kind: 'paragraph' as const, text, runs: [{ text }] }
  })
  const big: Source = { id: 'big-source', meta: { title: 'A long source of 5,000 paragraphs', authors: ['Bench'] }, blocks: assignIdsAndNumbers(drafts) }
  writeFileSync(join(dir, 'sources', 'big-source.json'), serializeSource(big))
  // as a researcher left it: the article open (the long source is opened by the benchmark)
  writeFileSync(join(dir, '.pilcrow', 'settings.json'), JSON.stringify({ lastSourceId: 'russia-iran-alignment' }))

  const now = new Date().toISOString()
  const long = Array.from({ length: 10_000 }, () => paragraph(vocabulary.sentence(8, 20)))
  writeFileSync(join(dir, 'notes', 'n-bench-long.json'), serializeNote({ id: 'n-bench-long', title: 'Ten thousand paragraphs', createdAt: now, updatedAt: now, trashedAt: null, content: { root: { type: 'root', children: long } } }))

  const article = parseSourceFile(readFileSync(join(dir, 'sources', 'russia-iran-alignment.json'), 'utf8'))
  const numbered = article.blocks.filter((b) => b.paragraph !== null)
  // paragraphs of five citations each, in notes of 500 and of 2,000
  const chips = (paragraphs: number) =>
    Array.from({ length: paragraphs }, (_, i) => ({
      type: 'paragraph',
      version: 1,
      children: Array.from({ length: 5 }, (_, j) => [
        { type: 'text', version: 1, text: `Point ${i * 5 + j} `, format: 0, detail: 0, mode: 'normal', style: '' },
        { type: 'paragraph-link', version: 1, anchor: createAnchor(article, numbered[(i * 5 + j) % numbered.length]!.id), sourceTitle: article.meta.title }
      ]).flat()
    }))
  writeFileSync(join(dir, 'notes', 'n-bench-chips.json'), serializeNote({ id: 'n-bench-chips', title: 'Five hundred citations', createdAt: now, updatedAt: now, trashedAt: null, content: { root: { type: 'root', children: chips(100) } } }))
  writeFileSync(join(dir, 'notes', 'n-bench-chips-2000.json'), serializeNote({ id: 'n-bench-chips-2000', title: 'Two thousand citations', createdAt: now, updatedAt: now, trashedAt: null, content: { root: { type: 'root', children: chips(400) } } }))
  return dir
}

/**
 * Runs in the page: once the reader shows a title matching `title` and its ¶1, notes the time
 * (Date.now()) of the next paint in `window[key]`. Read in the page, the figure has none of the
 * delay of polling for the elements from outside.
 */
function recordShown({ title, key }: { title: string; key: string }): void {
  const w = window as unknown as Record<string, number | undefined>
  w[key] = undefined
  // two lookups per batch of changes: a long source is rendered in many batches while timed
  const shown = (): boolean => {
    const reader = document.querySelector('[aria-label="Source"]')
    const heading = reader?.querySelector('h1')
    return !!heading && new RegExp(title).test(heading.textContent ?? '') && reader!.querySelector('.pilcrow-number')?.textContent === '¶1'
  }
  const observer = new MutationObserver(() => {
    if (!shown()) return
    observer.disconnect()
    requestAnimationFrame(() => setTimeout(() => (w[key] = Date.now()), 0))
  })
  observer.observe(document, { childList: true, subtree: true, characterData: true })
}

/** The time the page noted under `window[key]` (by `recordShown`, or an event listener), once there is one. */
async function pageTime(page: Page, key: string): Promise<number> {
  const handle = await page.waitForFunction((k) => (window as unknown as Record<string, number | undefined>)[k], key)
  return Number(await handle.jsonValue())
}

/**
 * Opens the 5,000-paragraph source from the picker: the time from the choice (the picker's change
 * event, in the page) to the first paint of its title and ¶1.
 */
async function timeOpenBigSource(page: Page): Promise<number> {
  await page.evaluate(recordShown, { title: 'A long source', key: 'bigShownAt' })
  await page.evaluate(() => {
    const w = window as unknown as Record<string, number | undefined>
    w['bigAskedAt'] = undefined
    document.querySelector('select[aria-label="Open source"]')!.addEventListener('change', () => (w['bigAskedAt'] = Date.now()), { once: true, capture: true })
  })
  await page.getByRole('combobox', { name: 'Open source' }).selectOption('big-source')
  return (await pageTime(page, 'bigShownAt')) - (await pageTime(page, 'bigAskedAt'))
}

/** Wheel steps per scroll run, and how far each goes (about 30 paragraphs). */
const SCROLL_STEPS = 80
const SCROLL_STEP_PX = 1200

/**
 * Scrolls the open 5,000-paragraph source from its top with the mouse wheel, a step every 25 ms,
 * and returns the intervals between the frames painted meanwhile (16.7 ms when nothing is slow).
 * Throws when the reader did not move or shows no paragraph at the end: a scroll into blank space
 * would measure fast.
 */
async function scrollBigSource(page: Page): Promise<number[]> {
  const reader = page.getByRole('region', { name: 'Source' })
  await reader.evaluate((el) => (el.scrollTop = 0))
  await page.waitForTimeout(300)
  const box = (await reader.boundingBox())!
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await reader.evaluate(() => {
    const w = window as unknown as { scrollFrames: number[]; framing: boolean }
    w.scrollFrames = []
    w.framing = true
    const tick = (t: number): void => {
      w.scrollFrames.push(t)
      if (w.framing) requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
  })
  for (let i = 0; i < SCROLL_STEPS; i++) {
    await page.mouse.wheel(0, SCROLL_STEP_PX)
    await page.waitForTimeout(25)
  }
  await page.waitForTimeout(200)
  const { frames, scrolled, shownText } = await reader.evaluate((el) => {
    const w = window as unknown as { scrollFrames: number[]; framing: boolean }
    w.framing = false
    const r = el.getBoundingClientRect()
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)?.closest('.numbered, p')
    return { frames: w.scrollFrames, scrolled: el.scrollTop, shownText: hit?.textContent ?? '' }
  })
  if (scrolled < (SCROLL_STEPS * SCROLL_STEP_PX) / 2 || !/\S/.test(shownText)) {
    throw new Error(`scrolling the long source: moved ${scrolled} px, text at the centre "${shownText.slice(0, 40)}"`)
  }
  return frames.slice(1).map((t, i) => t - frames[i]!)
}

/** As a researcher left it: the article open at the next start (opening the long source changes that). */
function reopenArticleAtStart(workspace: string): void {
  const path = join(workspace, '.pilcrow', 'settings.json')
  writeFileSync(path, JSON.stringify({ ...JSON.parse(readFileSync(path, 'utf8')), lastSourceId: 'russia-iran-alignment' }))
}

/**
 * Puts the caret at the end of a paragraph in the middle of the open long note: scrolled to the
 * middle, a click where the text is. Throws when the caret is not near the middle.
 */
async function caretInMiddleOfNote(page: Page): Promise<void> {
  const editor = page.getByRole('textbox', { name: 'Note', exact: true })
  await editor.evaluate((element) => {
    const scroller = element.closest('.note-scroll')!
    scroller.scrollTop = scroller.scrollHeight / 2
  })
  await page.waitForTimeout(300) // the window of shown blocks follows the scroll in the next frames
  const box = (await editor.boundingBox())!
  await page.mouse.click(box.x + 100, 400)
  await page.keyboard.press('End')
  const index = await page.evaluate(() => {
    const block = window.getSelection()?.anchorNode?.parentElement?.closest('p')
    return block ? [...block.parentElement!.children].indexOf(block) : -1
  })
  if (index < 2000 || index > 8000) throw new Error(`the caret is in block ${index}, not near the middle of the note`)
}

interface KeystrokeSamples {
  /** The renderer's JS heap after a collection, with the 5,000-paragraph source and the 10,000-paragraph note open (MB). */
  heapMb: number
  /** At the end of the 10,000-paragraph note. */
  end: Keystrokes
  /** At the end of a paragraph in its middle. */
  middle: Keystrokes
  /** In a new, empty note: what the measurement costs by itself. */
  empty: Keystrokes
}

/** Keystroke latencies at the end and in the middle of the 10,000-paragraph note, then in a new, empty note. */
async function keystrokesInLongAndEmptyNote(page: Page): Promise<KeystrokeSamples> {
  await openNote(page, 'Ten thousand paragraphs')
  const editor = page.getByRole('textbox', { name: 'Note', exact: true })
  await editor.locator('p').nth(9999).waitFor({ state: 'attached' })
  const heapMb = await rendererHeapMb(page)
  await editor.click()
  await page.keyboard.press('Control+End')
  const end = await keystrokeLatencies(page)
  await caretInMiddleOfNote(page)
  const middle = await keystrokeLatencies(page)
  await page.getByRole('button', { name: 'New note' }).click()
  // the new note's editor, not the long note's on its way out
  await editor.locator('p').nth(1).waitFor({ state: 'detached' })
  await editor.click()
  return { heapMb, end, middle, empty: await keystrokeLatencies(page) }
}

/** Keystroke latencies at the end of the note of 2,000 citation chips. */
async function keystrokesInChipNote(page: Page): Promise<Keystrokes> {
  await openNote(page, 'Two thousand citations')
  await page.waitForFunction(() => document.querySelectorAll('[aria-label="Note"] .chip').length === 2000)
  await page.getByRole('textbox', { name: 'Note', exact: true }).click()
  await page.keyboard.press('Control+End')
  return keystrokeLatencies(page)
}

/** The page's JS heap in use after a full garbage collection (Chrome DevTools Protocol), in MB. */
async function rendererHeapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = await cdp.send('Runtime.getHeapUsage')
  await cdp.detach()
  return usedSize / 1024 / 1024
}

const MANY_NOTES = 3000

/** A copy of `workspace` with 3,000 more short notes, edited a minute apart. */
function withManyNotes(workspace: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'pilcrow-bench-notes-'))
  cpSync(workspace, dir, { recursive: true })
  const now = Date.now()
  for (let i = 0; i < MANY_NOTES; i++) {
    const at = new Date(now - i * 60_000).toISOString()
    const note = { id: `n-many-${i}`, title: `Reading note ${i}`, createdAt: at, updatedAt: at, trashedAt: null, content: { root: { type: 'root' as const, children: [paragraph(`On reading ${i}.`)] } } }
    writeFileSync(join(dir, 'notes', `n-many-${i}.json`), serializeNote(note))
  }
  return dir
}

/**
 * Runs in the page: notes the time (since navigation) of the paint after the notes list is
 * listed (all `count` notes, or its first rows and the button that shows more) in
 * `notesListedAt`, and the main thread's long tasks (start, duration) in `longTasks`.
 */
function recordNotesListed(count: number): void {
  const w = window as unknown as { notesListedAt?: number; longTasks: [number, number][] }
  w.longTasks = []
  new PerformanceObserver((list) => {
    for (const task of list.getEntries()) w.longTasks.push([task.startTime, task.duration])
  }).observe({ type: 'longtask', buffered: true })
  const observer = new MutationObserver(() => {
    const rows = document.querySelectorAll('[aria-label="Notes"] > li').length
    if (rows < count && !(rows > 0 && document.querySelector('.show-more-notes'))) return
    observer.disconnect()
    requestAnimationFrame(() => setTimeout(() => (w.notesListedAt = performance.now()), 0))
  })
  observer.observe(document, { childList: true, subtree: true })
}

/**
 * A start with 3,000 notes: until the notes list has painted, and the longest task from
 * navigation to a second after that (the open note and the rest of the start come after it).
 */
async function timeStartWithManyNotes(page: Page, url: string): Promise<{ listed: number; longestTask: number }> {
  await page.addInitScript(recordNotesListed, MANY_NOTES)
  await page.goto(url)
  const listed = await pageTime(page, 'notesListedAt')
  await page.waitForTimeout(1500) // long tasks are reported after they end
  const longestTask = await page.evaluate((until) => {
    const tasks = (window as unknown as { longTasks: [number, number][] }).longTasks
    return Math.max(0, ...tasks.filter(([start]) => start < until).map(([, duration]) => duration))
  }, listed + 1000)
  return { listed, longestTask }
}

function withLaunchArgs(options: LaunchOptions, args: string[]): LaunchOptions {
  return { ...options, args: [...(options.args ?? []), ...args] }
}

async function openNote(page: Page, title: string): Promise<void> {
  await page.getByRole('list', { name: 'Notes' }).getByRole('button', { name: new RegExp(title) }).click()
}

/**
 * From `pilcrow serve`'s start to the article readable, in a browser tab already open (as a
 * browser-mode user has it): a tab just created keeps Chromium busy for a second or more on two
 * cores, which doubled the server's start when it was timed at the same moment. The page and
 * server are left open for what is measured next.
 */
export async function startToArticle(browser: Browser, workspace: string): Promise<{ ms: number; page: Page; served: ServedPilcrow }> {
  reopenArticleAtStart(workspace)
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  await page.addInitScript(recordShown, { title: 'Russia and Iran', key: 'articleShownAt' })
  await page.waitForTimeout(TAB_SETTLE_MS)
  // the clock of this process and the page's are the same system clock: Date.now() in both
  const t0 = Date.now()
  const served = await servePilcrow(workspace)
  await page.goto(served.url)
  return { ms: (await pageTime(page, 'articleShownAt')) - t0, page, served }
}

/** UI figures in Chromium against browser mode, as medians over repeated runs. */
export async function benchUi(log: (line: string) => void): Promise<Figures> {
  const figures: Figures = {}
  const workspace = await prepareWorkspace()
  const browser = await chromium.launch(chromiumLaunchOptions())
  try {
    // 1. from server start to the article readable, in a browser tab already open (as a
    // browser-mode user has it): a tab just created keeps Chromium busy for a second or more
    // on two cores, which doubled the server's start when it was timed at the same moment
    const starts: number[] = []
    const firstOpens: number[] = []
    for (let i = 0; i < RUNS; i++) {
      const { ms, page, served } = await startToArticle(browser, workspace)
      starts.push(ms)
      // 2. the 5,000-paragraph source's first open, once the start's work is done: its blocks come
      // from a server that has not read them yet, into a page that has never had them
      await page.waitForTimeout(START_SETTLE_MS)
      firstOpens.push(await timeOpenBigSource(page))
      await page.close()
      await served.stop()
    }
    figures['ui.start_to_article.median_ms'] = round(median(starts))
    figures['ui.open_big_source.median_ms'] = round(median(firstOpens))

    // the same source opened again (switching from the article): from the page's memory
    reopenArticleAtStart(workspace)
    const served = await servePilcrow(workspace)
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    await page.goto(served.url)
    await page.getByRole('region', { name: 'Source' }).getByRole('heading', { level: 1 }).waitFor()
    const reopens: number[] = []
    const picker = page.getByRole('combobox', { name: 'Open source' })
    for (let i = 0; i <= RUNS; i++) {
      const article = await picker.locator('option', { hasText: 'Russia and Iran' }).getAttribute('value')
      await picker.selectOption(article!)
      await page.getByRole('region', { name: 'Source' }).getByRole('heading', { level: 1, name: /Russia and Iran/ }).waitFor()
      const ms = await timeOpenBigSource(page)
      if (i > 0) reopens.push(ms) // the first came from the server
    }
    figures['ui.open_big_source.reopen_ms'] = round(median(reopens))

    // scrolling it with the wheel: the slowest frames (p95 and longest interval between paints)
    const frameP95s: number[] = []
    const longestFrames: number[] = []
    const slowFrames: number[] = []
    for (let i = 0; i < RUNS; i++) {
      const intervals = await scrollBigSource(page)
      frameP95s.push(quantile(intervals, 0.95))
      longestFrames.push(Math.max(...intervals))
      // a frame that took longer than one refresh (16.7 ms at 60 Hz) and a bit: one missed at least
      slowFrames.push(intervals.filter((ms) => ms > 20).length)
    }
    figures['ui.scroll_big_source.frame_p95_ms'] = round(median(frameP95s))
    figures['ui.scroll_big_source.longest_frame_ms'] = round(median(longestFrames))
    figures['ui.scroll_big_source.slow_frames'] = median(slowFrames)

    // 3. keystroke latency (key event to the next paint) at the end of a 10,000-paragraph note and
    // in its middle, and the baseline, same run, same way: a new, empty note (what the measurement
    // costs by itself: the wait for the next frame is up to one frame, 16.7 ms at 60 Hz)
    const editor = page.getByRole('textbox', { name: 'Note', exact: true })
    const { heapMb, end, middle, empty } = await keystrokesInLongAndEmptyNote(page)
    figures['ui.renderer_heap_mb'] = round(heapMb)
    figures['ui.keystroke.p50_ms'] = round(median(end.latencies))
    figures['ui.keystroke.p95_ms'] = round(quantile(end.latencies, 0.95))
    figures['ui.keystroke.frame_wait_p95_ms'] = round(quantile(end.frameWaits, 0.95))
    figures['ui.keystroke_mid_note.p50_ms'] = round(median(middle.latencies))
    figures['ui.keystroke_mid_note.p95_ms'] = round(quantile(middle.latencies, 0.95))
    figures['ui.keystroke_empty_note.p50_ms'] = round(median(empty.latencies))
    figures['ui.keystroke_empty_note.p95_ms'] = round(quantile(empty.latencies, 0.95))
    figures['ui.keystroke_empty_note.frame_wait_p95_ms'] = round(quantile(empty.frameWaits, 0.95))
    figures['ui.keystroke.p95_above_empty_note_ms'] = round(quantile(end.latencies, 0.95) - quantile(empty.latencies, 0.95))
    const chipKeys = await keystrokesInChipNote(page)
    figures['ui.keystroke_2000_chips.p95_ms'] = round(quantile(chipKeys.latencies, 0.95))
    figures['ui.keystroke_2000_chips.p95_above_empty_note_ms'] = round(quantile(chipKeys.latencies, 0.95) - quantile(empty.latencies, 0.95))

    // 4. open a note with 500 citation chips (switching from another note), all chips rendered
    const chipOpens: number[] = []
    for (let i = 0; i < RUNS; i++) {
      await openNote(page, 'Ten thousand paragraphs')
      await editor.locator('p').nth(9999).waitFor({ state: 'attached' })
      const t0 = Date.now()
      await openNote(page, 'Five hundred citations')
      await page.waitForFunction(() => document.querySelectorAll('[aria-label="Note"] .chip').length === 500)
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))))
      chipOpens.push(Date.now() - t0)
    }
    figures['ui.open_note_500_chips.median_ms'] = round(median(chipOpens))
    await page.close()

    // 5. the keystrokes again in a Chromium that paints as soon as a frame is ready instead of at
    // the display's next refresh: the app's own work per keystroke, without the frame wait
    const unthrottled = await chromium.launch(withLaunchArgs(chromiumLaunchOptions(), ['--disable-frame-rate-limit', '--disable-gpu-vsync']))
    try {
      const fresh = await unthrottled.newPage({ viewport: { width: 1280, height: 800 } })
      await fresh.goto(served.url)
      await fresh.getByRole('region', { name: 'Source' }).getByRole('heading', { level: 1 }).waitFor()
      const work = await keystrokesInLongAndEmptyNote(fresh)
      figures['ui.keystroke_unthrottled.p50_ms'] = round(median(work.end.latencies))
      figures['ui.keystroke_unthrottled.p95_ms'] = round(quantile(work.end.latencies, 0.95))
      figures['ui.keystroke_unthrottled_mid_note.p95_ms'] = round(quantile(work.middle.latencies, 0.95))
      figures['ui.keystroke_unthrottled_empty_note.p95_ms'] = round(quantile(work.empty.latencies, 0.95))
      figures['ui.keystroke_unthrottled_2000_chips.p95_ms'] = round(quantile((await keystrokesInChipNote(fresh)).latencies, 0.95))
      // the same keys in bare pages shaped like the long note, in the same browser: what Chromium
      // costs by itself, under what the app adds
      const floor = await browserFloor(unthrottled)
      for (const [name, { p50, p95 }] of Object.entries(floor)) {
        figures[`ui.keystroke_unthrottled_${name}.p50_ms`] = round(p50)
        figures[`ui.keystroke_unthrottled_${name}.p95_ms`] = round(p95)
      }
      figures['ui.keystroke_unthrottled.p95_above_browser_ms'] = round(quantile(work.end.latencies, 0.95) - floor.browser_10000_hidden_blocks.p95)
    } finally {
      await unthrottled.close()
    }
    await served.stop()

    // 6. a notebook of 3,000 notes: from navigation to the notes list painted (the article
    // shows first), and the longest main-thread task from navigation until a second after it (the
    // page does not answer during it)
    const crowded = withManyNotes(workspace)
    try {
      const listed: number[] = []
      const longest: number[] = []
      for (let i = 0; i < RUNS; i++) {
        const crowdedServer = await servePilcrow(crowded)
        const tab = await browser.newPage({ viewport: { width: 1280, height: 800 } })
        const { listed: ms, longestTask } = await timeStartWithManyNotes(tab, crowdedServer.url)
        listed.push(ms)
        longest.push(longestTask)
        await tab.close()
        await crowdedServer.stop()
      }
      figures['ui.notebook_3000_notes.list_ms'] = round(median(listed))
      figures['ui.notebook_3000_notes.longest_task_ms'] = round(median(longest))
    } finally {
      rmSync(crowded, { recursive: true, force: true })
    }
  } finally {
    await stopAllServers() // none is left running when a step fails
    await browser.close()
    rmSync(workspace, { recursive: true, force: true })
  }
  log(
    `UI in Chromium (medians of ${RUNS}): start to article ${figures['ui.start_to_article.median_ms']} ms; 5,000-paragraph source open ${figures['ui.open_big_source.median_ms']} ms (again ${figures['ui.open_big_source.reopen_ms']} ms), ` +
      `scrolled with the wheel: frames p95 ${figures['ui.scroll_big_source.frame_p95_ms']} ms, longest ${figures['ui.scroll_big_source.longest_frame_ms']} ms, ${figures['ui.scroll_big_source.slow_frames']} of about 250 frames over 20 ms; ` +
      `keystroke in a 10,000-paragraph note p50 ${figures['ui.keystroke.p50_ms']} ms, p95 ${figures['ui.keystroke.p95_ms']} ms (the wait for the next frame to begin p95 ${figures['ui.keystroke.frame_wait_p95_ms']} ms; in its middle p50 ${figures['ui.keystroke_mid_note.p50_ms']} ms, p95 ${figures['ui.keystroke_mid_note.p95_ms']} ms) ` +
      `(in an empty note p50 ${figures['ui.keystroke_empty_note.p50_ms']} ms, p95 ${figures['ui.keystroke_empty_note.p95_ms']} ms; painting without waiting for the display's refresh p50 ${figures['ui.keystroke_unthrottled.p50_ms']} ms, ` +
      `p95 ${figures['ui.keystroke_unthrottled.p95_ms']} ms, in the middle p95 ${figures['ui.keystroke_unthrottled_mid_note.p95_ms']} ms, empty note p95 ${figures['ui.keystroke_unthrottled_empty_note.p95_ms']} ms; Chromium alone in a bare page of 10,000 blocks hidden as the app hides them p50 ${figures['ui.keystroke_unthrottled_browser_10000_hidden_blocks.p50_ms']} ms, p95 ${figures['ui.keystroke_unthrottled_browser_10000_hidden_blocks.p95_ms']} ms, the same blocks under 100 hidden wrappers p95 ${figures['ui.keystroke_unthrottled_browser_10000_blocks_grouped.p95_ms']} ms, 100 blocks p95 ${figures['ui.keystroke_unthrottled_browser_100_blocks.p95_ms']} ms); at the end of a note of 2,000 chips p95 ${figures['ui.keystroke_2000_chips.p95_ms']} ms (unthrottled ${figures['ui.keystroke_unthrottled_2000_chips.p95_ms']} ms); note with 500 chips open ${figures['ui.open_note_500_chips.median_ms']} ms; renderer heap with the long source and note open ${figures['ui.renderer_heap_mb']} MB; ` +
      `3,000 notes listed ${figures['ui.notebook_3000_notes.list_ms']} ms after navigation (longest task ${figures['ui.notebook_3000_notes.longest_task_ms']} ms)`
  )
  return figures
}
