import type { PlacedText } from './pdf-layout'
import { round1, weightedMode } from './pdf-stats'

/** Items on one baseline, and the baseline and type size of its largest. */
export interface Row {
  items: PlacedText[]
  y: number
  size: number
}

/**
 * Items on one baseline (within half the smaller type size), top to bottom; small raised or
 * lowered text (a footnote mark, an exponent) joins the baseline it belongs to (see `attachSmallText`).
 */
export function rowsOf(items: readonly PlacedText[]): Row[] {
  const rows: Row[] = []
  for (const item of [...items].sort((a, b) => b.y - a.y || a.x - b.x)) {
    const row = rows.find((r) => Math.abs(r.y - item.y) < Math.min(r.size, item.fontSize) * 0.5)
    if (row) {
      row.items.push(item)
      row.size = Math.max(row.size, item.fontSize)
    } else rows.push({ items: [item], y: item.y, size: item.fontSize })
  }
  attachSmallText(rows)
  return rows
}

/** Raised digits and signs as superscripts: "crystals¹", a footnote's mark kept with its word. */
const SUPERSCRIPT: Record<string, string> = { '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '+': '⁺', '-': '⁻', '=': '⁼', '(': '⁽', ')': '⁾' }

/**
 * Small raised (or lowered) text beside a line, a footnote mark, a reference number, an
 * exponent, sits on a baseline of its own: it joins the line it belongs to instead of becoming
 * a line (and a paragraph) by itself. Raised digits become superscripts.
 */
function attachSmallText(rows: Row[]): void {
  const body = bodySizeOf(rows)
  for (let i = rows.length - 1; i >= 0; i--) {
    const small = rows[i]!
    // smaller than the page's text (a short line of it beside a heading is not a mark)
    if (small.size > body * 0.85 || small.items.map((item) => item.text).join('').trim().length > 8) continue
    const x0 = Math.min(...small.items.map((item) => item.x))
    const x1 = Math.max(...small.items.map((item) => item.x + item.width))
    // the nearest baseline with a word it touches (right after it, or right before)
    let host: Row | undefined
    for (const row of rows) {
      if (row === small || small.size > row.size * 0.85 || small.y < row.y - row.size * 0.35 || small.y > row.y + row.size * 0.75) continue
      const touches = row.items.some((item) => Math.abs(x0 - (item.x + item.width)) <= row.size * 0.6 || Math.abs(item.x - x1) <= row.size * 0.6)
      if (touches && (!host || Math.abs(small.y - row.y) < Math.abs(small.y - host.y))) host = row
    }
    if (!host) continue
    const raised = small.y > host.y + host.size * 0.15
    const marked = small.items.map((item) => ({ ...item, text: raised ? [...item.text].map((c) => SUPERSCRIPT[c] ?? c).join('') : item.text, y: host.y }))
    host.items.push(...marked)
    rows.splice(i, 1)
  }
}

/** The type size most of the rows' text is set in. */
function bodySizeOf(rows: readonly Row[]): number {
  return weightedMode(rows.flatMap((row) => row.items.map((item): [number, number] => [round1(item.fontSize), item.text.length])))
}

/** How far either side of a gutter its columns are measured. */
const SIDE = 40

/**
 * The x of each gutter between columns of a page, found from empty space: a vertical strip that
 * text on few baselines crosses (only what spans the columns: a title, an abstract, a wide
 * figure), with text on most baselines close to it on both sides. Any number of columns; a gutter
 * as narrow as LaTeX's 10 pt is found, since it is the strip's emptiness that counts, not its width.
 */
export function findGutters(items: readonly PlacedText[], width: number, height: number): number[] {
  const body = items.filter((i) => i.text.trim() !== '' && i.fontSize > 0 && i.y > height * 0.06 && i.y < height * 0.94)
  const rows = rowsOf(body).map((row) => row.items)
  if (rows.length < 12) return []
  const size = Math.ceil(width) + 1
  // on how many baselines text covers each point across the page
  const covered = new Float64Array(size)
  for (const row of rows) {
    const mark = new Uint8Array(size)
    for (const item of row) for (let x = Math.max(0, Math.floor(item.x)); x <= Math.min(size - 1, Math.ceil(item.x + item.width)); x++) mark[x] = 1
    for (let x = 0; x < size; x++) covered[x]! += mark[x]!
  }
  const total = rows.length
  /** On how many baselines text ends just left of `from` (or, `right`, starts just right of it): a column's edge beside the strip. */
  const edges = (from: number, right: boolean): number =>
    rows.filter((row) => row.some((item) => (right ? item.x >= from && item.x <= from + SIDE : item.x + item.width <= from && item.x + item.width >= from - SIDE))).length
  const gutters: number[] = []
  for (let x = Math.floor(width * 0.15); x < width * 0.85; x++) {
    if (covered[x]! > total * 0.3) continue
    // the strip of little-crossed points starting here
    let end = x
    while (end + 1 < size && covered[end + 1]! <= total * 0.3) end++
    let lowest = x
    for (let k = x; k <= end; k++) if (covered[k]! < covered[lowest]!) lowest = k
    const left = edges(x, false)
    const right = edges(end, true)
    const beside = Math.min(left, right)
    // a column with many lines beside one with few (a chapter's last page) still stands apart when nothing crosses
    const apart = covered[lowest] === 0 && Math.max(left, right) >= Math.max(3, total * 0.3) && beside >= 1
    // the gutter is the middle of the emptiest part of the strip (ragged lines' ends make the strip wider than the gap)
    let from = lowest
    let to = lowest
    while (from - 1 >= x && covered[from - 1] === covered[lowest]) from--
    while (to + 1 <= end && covered[to + 1] === covered[lowest]) to++
    if (end - x >= 2 && ((beside >= Math.max(3, total * 0.15) && covered[lowest]! <= beside * 0.5) || apart)) gutters.push((from + to) / 2)
    x = end
  }
  return gutters
}

/** The column of a point across a page with these gutters (0 for the leftmost). */
export function columnAt(x: number, gutters: readonly number[]): number {
  let column = 0
  while (column < gutters.length && x > gutters[column]!) column++
  return column
}

/** Whether an item crosses a gutter (its text spans the columns). */
export function crossesGutter(item: PlacedText, gutters: readonly number[]): boolean {
  return gutters.some((g) => item.x < g - 1 && item.x + item.width > g + 1)
}
