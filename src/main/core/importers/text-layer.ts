import type { PageText } from './pdf-layout'

/** Characters no readable text is made of: controls (not white space), private-use glyph codes, U+FFFD. */
const GARBAGE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uE000-\uF8FF\uFFFD]/gu
/** A page whose text holds this share of them (and enough text to judge) cannot be read. */
const UNREADABLE_SHARE = 0.3
const ENOUGH_TO_JUDGE = 20

/** The pages of a PDF whose text layer is garbage, and what is left to import. */
export interface TextLayerCheck {
  /** The pages to lay out: unreadable ones emptied, stray garbage characters taken out of the rest. */
  pages: PageText[]
  /** Page numbers whose text cannot be read (a font with no Unicode mapping). */
  unreadable: number[]
  /** How many garbage characters were found in all. */
  garbage: number
}

/**
 * Finds the pages whose text layer cannot be read: a font without a Unicode mapping makes pdf.js
 * give control characters (36,667 of them in one real source), which must never be indexed as
 * words. Those pages are emptied; a few stray ones elsewhere are dropped.
 */
export function checkTextLayer(pages: readonly PageText[]): TextLayerCheck {
  const unreadable: number[] = []
  let garbage = 0
  const checked = pages.map((page) => {
    const text = page.items.map((i) => i.text).join('')
    const visible = text.replace(/\s+/g, '').length
    const bad = text.match(GARBAGE)?.length ?? 0
    garbage += bad
    if (visible >= ENOUGH_TO_JUDGE && bad / visible >= UNREADABLE_SHARE) {
      unreadable.push(page.page)
      return { ...page, items: [] }
    }
    return bad === 0 ? page : { ...page, items: page.items.map((i) => ({ ...i, text: i.text.replace(GARBAGE, '') })) }
  })
  return { pages: checked, unreadable, garbage }
}

/** "2", "2–23", "2–4, 7 and 9–11". */
export function pageRanges(pages: readonly number[]): string {
  const ranges: string[] = []
  for (let i = 0; i < pages.length; i++) {
    let j = i
    while (j + 1 < pages.length && pages[j + 1] === pages[j]! + 1) j++
    ranges.push(i === j ? String(pages[i]) : `${pages[i]}–${pages[j]}`)
    i = j
  }
  return ranges.length > 1 ? `${ranges.slice(0, -1).join(', ')} and ${ranges.at(-1)}` : (ranges[0] ?? '')
}
