import type { Browser } from '@playwright/test'
import { keystrokeLatencies } from './keystrokes'
import { median, quantile } from './stats'

/**
 * What Chromium alone costs per key in a page shaped like the 10,000-paragraph note, with no app
 * and no script on the key's path: the floor under the app's own work per key. A focused
 * contenteditable makes Chromium walk its blocks on every key (the selection's text offsets,
 * kept for input methods), and a block hidden the way the app's windowing hides it
 * (`display: none`) is still walked; the same blocks under a few hidden wrappers are not. The
 * three pages tell the two costs apart.
 */
export type FloorShape = '100 blocks' | '10,000 hidden blocks' | '10,000 blocks under 100 hidden wrappers'

/** Blocks shown around the caret, as the app's windowing shows about a screen's worth. */
const SHOWN = 60

/** Key to the task after the next frame, typed at the end of the last block, in a bare page of `shape`. */
export async function floorKeystrokes(browser: Browser, shape: FloorShape): Promise<number[]> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  try {
    // the app's markup for a paragraph, and its rule for a block outside the window
    await page.setContent(
      `<style>[data-outside-window] { display: none !important; }</style>` +
        `<div style="height: 800px; overflow: auto"><div role="textbox" aria-label="Note" aria-multiline="true" contenteditable="true" spellcheck="true"></div></div>`
    )
    await page.getByRole('textbox', { name: 'Note' }).evaluate(
      (editable, { shape, shown }) => {
        const block = (i: number): HTMLElement => {
          const p = document.createElement('p')
          p.dir = 'ltr'
          const span = document.createElement('span')
          span.dataset['lexicalText'] = 'true'
          span.textContent = `Paragraph ${i} of a long note, about as long as one a researcher writes.`
          p.append(span)
          return p
        }
        const total = shape === '100 blocks' ? 100 : 10_000
        if (shape === '10,000 blocks under 100 hidden wrappers') {
          const perWrapper = (total - shown) / 100
          for (let w = 0; w < 100; w++) {
            const wrapper = document.createElement('div')
            wrapper.setAttribute('data-outside-window', '')
            for (let i = 0; i < perWrapper; i++) wrapper.append(block(w * perWrapper + i))
            editable.append(wrapper)
          }
          for (let i = total - shown; i < total; i++) editable.append(block(i))
        } else {
          for (let i = 0; i < total; i++) {
            const p = block(i)
            if (i < total - shown) p.setAttribute('data-outside-window', '')
            editable.append(p)
          }
        }
        const text = editable.lastElementChild!.firstElementChild!.firstChild as Text
        editable.focus()
        getSelection()!.setBaseAndExtent(text, text.length, text, text.length)
      },
      { shape, shown: SHOWN }
    )
    return (await keystrokeLatencies(page)).latencies
  } finally {
    await page.close()
  }
}

/** Each shape, by the name its figures take in the bench (`ui.keystroke_unthrottled_<name>.*`). */
const SHAPES = { browser_100_blocks: '100 blocks', browser_10000_hidden_blocks: '10,000 hidden blocks', browser_10000_blocks_grouped: '10,000 blocks under 100 hidden wrappers' } as const

export type FloorName = keyof typeof SHAPES

/** The floor's p50 and p95 for each shape, in ms, by name. */
export async function browserFloor(browser: Browser): Promise<Record<FloorName, { p50: number; p95: number }>> {
  const out = {} as Record<FloorName, { p50: number; p95: number }>
  for (const [name, shape] of Object.entries(SHAPES) as [FloorName, FloorShape][]) {
    const latencies = await floorKeystrokes(browser, shape)
    out[name] = { p50: median(latencies), p95: quantile(latencies, 0.95) }
  }
  return out
}
