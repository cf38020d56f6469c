import type { Page } from '@playwright/test'

const TYPED = 'the quick brown fox jumps over the lazy dog and keeps typing for a while'

/** How many times the note editor's text holds `TYPED`. */
async function typedInNote(page: Page): Promise<number> {
  return page.getByRole('textbox', { name: 'Note', exact: true }).evaluate((editor, typed) => (editor.textContent ?? '').split(typed).length - 1, TYPED)
}

/** Per character typed: key event to the next paint, and the part of it spent waiting for the next frame to begin. */
export interface Keystrokes {
  latencies: number[]
  /** From the key's handler to the start of the frame that paints it: up to one refresh (16.7 ms at 60 Hz) when the app keeps up. */
  frameWaits: number[]
}

/**
 * Key event to the next paint, per character typed into the focused note editor. Throws unless
 * every key reached the note: keys typed into nothing are fast, and made a baseline once.
 */
export async function keystrokeLatencies(page: Page): Promise<Keystrokes> {
  await page.evaluate(() => {
    const w = window as unknown as { keySamples?: Keystrokes }
    if (w.keySamples) return // listening already
    const samples: Keystrokes = { latencies: [], frameWaits: [] }
    w.keySamples = samples
    document.addEventListener(
      'keydown',
      () => {
        const t0 = performance.now()
        requestAnimationFrame((frameStart) => {
          samples.frameWaits.push(frameStart - t0)
          setTimeout(() => samples.latencies.push(performance.now() - t0), 0)
        })
      },
      true
    )
  })
  const before = await typedInNote(page)
  // 216 keys: a p95 is then the 11th-slowest, not the 4th (one stall moved it by milliseconds)
  for (let i = 0; i < 3; i++) await page.keyboard.type(TYPED, { delay: 40 })
  await page.waitForTimeout(300)
  const typed = (await typedInNote(page)) - before
  if (typed !== 3) throw new Error(`the note holds ${typed} of the 3 typed sentences: the keys went elsewhere`)
  return page.evaluate(() => {
    const w = window as unknown as { keySamples: Keystrokes }
    const samples = { latencies: [...w.keySamples.latencies], frameWaits: [...w.keySamples.frameWaits] }
    w.keySamples.latencies.length = 0
    w.keySamples.frameWaits.length = 0
    return samples
  })
}
