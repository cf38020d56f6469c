import type { BlockKind } from '../../../shared/model'
import { draft, run, type DraftBlock } from './draft-blocks'
import { columnAt, crossesGutter, findGutters, rowsOf } from './pdf-columns'
import { median, percentile, round1, weightedMode } from './pdf-stats'

/** One run of text as the PDF's text layer places it (PDF units, y grows upwards). */
export interface PlacedText {
  text: string
  x: number
  /** Baseline. */
  y: number
  width: number
  fontSize: number
}

export interface PageText {
  /** 1-based page number. */
  page: number
  /** Page size in PDF units: the height tells the top and bottom margins, the width the columns. */
  width: number
  height: number
  items: PlacedText[]
}

interface Line {
  text: string
  /** Within the top or bottom 12% of the page, where running headers and footers live. */
  margin: boolean
  /** Within the top or bottom 20%, where page numbers may be. */
  edge: boolean
  x0: number
  x1: number
  y: number
  size: number
  page: number
  /** Top and bottom of its glyphs, in points from the page's top edge (for the block's boxes on the page). */
  top: number
  bottom: number
  /** On a page with gutters: its column (0 the leftmost), or -1 when it spans them (a title, a wide figure's caption). */
  column?: number
  /** Goes on a list item (set while paragraphs are made). */
  listed?: boolean
}

interface Layout {
  bodySize: number
  lineGap: number
  /** Paragraphs start with an indented line: then only indents and gaps separate them (ragged lines do not). */
  indents: boolean
}

/** Lines read in order in one column of one page, with that column's margins. */
interface Flow {
  lines: Line[]
  left: number
  right: number
  /** The footnotes of a page (set apart from its text, see `footnotesLast`). */
  notes?: boolean
  /** Its paragraphs start with first-line indents (decided per column, see `flowUsesIndents`). */
  indents?: boolean
}

interface Group {
  lines: Line[]
  flow: Flow
}

const PAGE_NUMBER = /^(?:page\s+)?(?:\d{1,4}|[ivxlcdm]{1,7})(?:\s*(?:of|\/)\s*\d{1,4})?$/i
const SENTENCE_END = /[.!?:;"”’)\]]$/

/**
 * Rebuilds a document's blocks from its text layer: items become lines, running headers,
 * footers and page numbers are dropped, two-column pages are read column by column, lines
 * become paragraphs (a wider gap, an indented first line, a change of type size, or — in
 * documents without first-line indents — a short line ending a sentence starts a new one),
 * larger type becomes headings, hyphenation at line ends is joined, and a paragraph that runs
 * on to the next column or page stays one block. Each block keeps the page it starts on and the
 * boxes of its lines on the pages (what the reader's page view draws, cites and highlights by).
 */
export function layoutBlocks(pages: PageText[]): DraftBlock[] {
  const linesByPage = dropRunningLines(pages.map((p) => pageLines(p)))
  const flowsByPage = linesByPage.map((lines, i) => (lines.some((l) => l.column !== undefined) ? readBands(lines) : splitColumns(lines, pages[i]!.width)))
  const measured = measure(flowsByPage.flat())
  if (measured === null) return []
  const flows = flowsByPage.flatMap((page) => footnotesLast(page, measured.bodySize)).map(({ lines, notes }) => ({ ...withMargins(lines, measured.bodySize), notes }))
  const layout: Layout = { ...measured, indents: usesIndents(flows, measured.bodySize) }
  for (const flow of flows) flow.indents = flowUsesIndents(flow, layout)
  const groups: Group[] = []
  for (const flow of flows) {
    const flowGroups: Group[] = []
    let current: Line[] = []
    for (const line of flow.lines) {
      const prev = current[current.length - 1]
      if (prev && startsNewBlock(prev, line, flow, layout)) {
        flowGroups.push({ lines: current, flow })
        current = []
      }
      current.push(line)
    }
    if (current.length > 0) flowGroups.push({ lines: current, flow })
    // a paragraph goes on from the foot of one column or page to the head of the next (over the footnotes between)
    const previous = groups.findLast((group) => !group.flow.notes)
    const first = flowGroups[0]
    if (!flow.notes && previous && first && runsOn(previous, first, layout)) previous.lines.push(...flowGroups.shift()!.lines)
    groups.push(...flowGroups)
  }
  const words = wordsInLines(linesByPage.flat())
  return groups.map((group) => toBlock(group, layout, words))
}

/**
 * Every word the document writes inside a line (lower-cased), hyphenated compounds as written:
 * what a line-end hyphen is judged by. A line's first word and a last one cut by a hyphen may be
 * pieces of a broken word: they are left out.
 */
function wordsInLines(lines: readonly Line[]): Set<string> {
  const words = new Set<string>()
  for (const line of lines) {
    const found = line.text.toLowerCase().match(/\p{L}+(?:-\p{L}+)*/gu) ?? []
    const last = /-\s*$/.test(line.text) ? found.length - 1 : found.length
    for (let i = 1; i < last; i++) words.add(found[i]!)
  }
  return words
}

/** Prefixes style guides always hyphenate (self-interest, ex-president, all-encompassing, quasi-, half-, well-). */
const HYPHENATED_PREFIX = /^(self|ex|all|quasi|half|well)$/i

/**
 * Joins a line ending in a hyphen to the next: a compound keeps its hyphen ("self-interest",
 * "mixed-mode" when the document writes it so elsewhere, "Anglo-American"); a word broken across
 * lines loses it ("hyphen-" "ation"), as does a name the document writes whole ("Trace-" "Monkey"
 * when it writes TraceMonkey).
 */
function joinHyphenated(text: string, next: string, words: ReadonlySet<string>): string {
  const left = /(\p{L}+)-$/u.exec(text)?.[1] ?? ''
  const right = /^\p{L}+/u.exec(next)?.[0] ?? ''
  const compound = `${left}-${right}`.toLowerCase()
  const whole = `${left}${right}`.toLowerCase()
  // a prefix keeps its hyphen only before a word of its own ("self-interest", not "ex-actly")
  const prefixed = HYPHENATED_PREFIX.test(left) && words.has(right.toLowerCase())
  const keep = words.has(compound) || (!words.has(whole) && (prefixed || /^\p{Lu}/u.test(right)))
  return keep ? text + next : text.slice(0, -1) + next
}

/** Hebrew, Arabic, Syriac, Thaana and their presentation forms. */
const RTL_LETTER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/gu
const LTR_LETTER = /[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF]/gu

/** Whether a line is mostly right-to-left letters. */
function isRightToLeft(text: string): boolean {
  const rtl = text.match(RTL_LETTER)?.length ?? 0
  return rtl > 0 && rtl > (text.match(LTR_LETTER)?.length ?? 0)
}

/**
 * Ligatures and presentation forms (ﬁ, Arabic's contextual letter shapes) as the letters they
 * stand for (NFKC, on these alone: NFKC would also turn ² into 2 and … into ...), so search
 * finds the words as anyone types them.
 */
function withoutPresentationForms(text: string): string {
  return text.replace(/[\uFB00-\uFDFF\uFE70-\uFEFF]+/gu, (forms) => forms.normalize('NFKC'))
}

/**
 * A page's lines. Where its text stands in columns (gutters found from empty space), each
 * column's lines are made apart, so columns set close together never run into each other;
 * the rows that cross a gutter (a title, an abstract, a wide caption) span the columns.
 */
function pageLines(page: PageText): Line[] {
  const gutters = findGutters(page.items, page.width, page.height)
  if (gutters.length === 0) return toLines(page)
  const spanning: PlacedText[] = []
  const columns: PlacedText[][] = Array.from({ length: gutters.length + 1 }, () => [])
  for (const { items: row } of rowsOf(page.items.filter((i) => i.text.trim() !== '' && i.fontSize > 0))) {
    if (spansGutter(row, gutters)) spanning.push(...row)
    else for (const item of row) columns[columnAt(item.x + item.width / 2, gutters)]!.push(item)
  }
  const lines = [...toLines({ ...page, items: spanning }).map((line) => ({ ...line, column: -1 })), ...columns.flatMap((items, column) => toLines({ ...page, items }).map((line) => ({ ...line, column })))]
  return lines.sort((a, b) => b.y - a.y || a.x0 - b.x0)
}

/** A row spans the columns when its text crosses a gutter and reaches well into the columns either side. */
function spansGutter(row: readonly PlacedText[], gutters: readonly number[]): boolean {
  const left = Math.min(...row.map((i) => i.x))
  const right = Math.max(...row.map((i) => i.x + i.width))
  return gutters.some((g) => left < g - 30 && right > g + 30 && row.some((i) => crossesGutter(i, [g])))
}

/**
 * Reading order on a page with columns: down each column in turn, left to right, within each
 * band between the rows that span the page (a wide figure, a title), the bands top to bottom.
 */
function readBands(lines: readonly Line[]): Line[][] {
  const flows: Line[][] = []
  let band = new Map<number, Line[]>()
  let spanning: Line[] = []
  const endBand = (): void => {
    for (const column of [...band.keys()].sort((a, b) => a - b)) flows.push(band.get(column)!)
    band = new Map()
  }
  for (const line of lines) {
    if (line.column === -1) {
      endBand()
      spanning.push(line)
    } else {
      if (spanning.length > 0) flows.push(spanning)
      spanning = []
      const column = band.get(line.column!) ?? []
      column.push(line)
      band.set(line.column!, column)
    }
  }
  endBand()
  if (spanning.length > 0) flows.push(spanning)
  return flows
}

function toLines(page: PageText): Line[] {
  return rowsOf(page.items.filter((i) => i.text.trim() !== '' && i.fontSize > 0))
    .sort((a, b) => b.y - a.y)
    .flatMap(({ items: parts, y }) => {
      parts.sort((a, b) => a.x - b.x)
      const margin = y > page.height * 0.88 || y < page.height * 0.12
      // a page number may stand a little further in than running heads (LNCS: 12.1% from the top)
      const edge = y > page.height * 0.8 || y < page.height * 0.2
      // a gap wider than two em between runs on one baseline is a gutter: the columns' lines stay apart
      const segments: PlacedText[][] = []
      for (const part of parts) {
        const segment = segments[segments.length - 1]
        const last = segment?.[segment.length - 1]
        if (segment && last && part.x - (last.x + last.width) <= part.fontSize * 2) segment.push(part)
        else segments.push([part])
      }
      return segments.map((segment) => {
        const x0 = segment[0]!.x
        const x1 = Math.max(...segment.map((part) => part.x + part.width))
        // a right-to-left line is read from its right end: its runs are taken from the right
        const rtl = isRightToLeft(segment.map((part) => part.text).join(''))
        const ordered = rtl ? [...segment].reverse() : segment
        let text = ''
        let previous: PlacedText | null = null
        for (const part of ordered) {
          const gap = previous ? (rtl ? previous.x - (part.x + part.width) : part.x - (previous.x + previous.width)) : 0
          if (text !== '' && gap > part.fontSize * 0.15 && !/\s$/.test(text) && !/^\s/.test(part.text)) text += ' '
          text += part.text
          previous = part
        }
        const size = Math.max(...segment.map((part) => part.fontSize))
        // ascenders reach about 0.85 em above the baseline, descenders 0.25 em below
        const top = page.height - Math.max(...segment.map((part) => part.y + part.fontSize * 0.85))
        const bottom = page.height - Math.min(...segment.map((part) => part.y - part.fontSize * 0.25))
        return { text: withoutPresentationForms(text).replace(/\s+/g, ' ').trim(), margin, edge, x0, x1, y, size, page: page.page, top, bottom }
      })
    })
}

/**
 * Reading order for a page set in two columns: what spans the page above the columns (a title),
 * then the left column top to bottom, then the right one, then what spans the page below them.
 * A page whose lines do not fall into two columns is one flow.
 */
function splitColumns(lines: Line[], width: number): Line[][] {
  const mid = width / 2
  const slack = width * 0.02
  const left = lines.filter((l) => l.x1 <= mid + slack)
  const right = lines.filter((l) => l.x0 >= mid - slack)
  if (left.length < 3 || right.length < 3 || left.length + right.length < lines.length * 0.6) return [lines]
  const spanning = lines.filter((l) => !left.includes(l) && !right.includes(l))
  const columnTop = Math.max(...[...left, ...right].map((l) => l.y))
  const columnBottom = Math.min(...[...left, ...right].map((l) => l.y))
  const byY = (a: Line, b: Line): number => b.y - a.y
  const top = spanning.filter((l) => l.y > columnTop)
  const bottom = spanning.filter((l) => l.y < columnBottom)
  const inside = spanning.filter((l) => l.y <= columnTop && l.y >= columnBottom)
  return [top, [...left, ...inside].sort(byY), right.sort(byY), bottom].filter((flow) => flow.length > 0)
}

/**
 * A page's flows with the small type at the foot of each column (its footnotes) moved after
 * them all: a paragraph running on from one column to the next is no longer cut by them.
 */
function footnotesLast(flows: Line[][], bodySize: number): { lines: Line[]; notes: boolean }[] {
  const notes: Line[][] = []
  const text = flows.map((flow) => {
    let k = flow.length
    while (k > 0 && flow[k - 1]!.size <= bodySize * 0.85) k--
    const hasBody = flow.slice(0, k).some((line) => Math.abs(line.size - bodySize) <= bodySize * 0.1)
    if (k === flow.length || !hasBody) return flow
    notes.push(flow.slice(k))
    return flow.slice(0, k)
  })
  return [...text.map((lines) => ({ lines, notes: false })), ...notes.map((lines) => ({ lines, notes: true }))]
}

/** Lines in the top or bottom margin that repeat on many pages at the same height (digits aside), and page numbers there. */
function dropRunningLines(pages: Line[][]): Line[][] {
  const edges = (lines: Line[]): Line[] => [...lines.slice(0, 2), ...lines.slice(-2)].filter((line) => line.edge)
  const key = (line: Line): string => `${line.text.toLowerCase().replace(/\d+/g, '#')}@${Math.round(line.y / 6)}`
  const counts = new Map<string, number>()
  for (const lines of pages) for (const k of new Set(edges(lines).map(key))) counts.set(k, (counts.get(k) ?? 0) + 1)
  const threshold = Math.max(2, Math.ceil(pages.length * 0.4))
  return pages.map((lines) => {
    const edge = new Set(edges(lines))
    return lines.filter((line) => !(edge.has(line) && (PAGE_NUMBER.test(line.text) || (line.margin && pages.length >= 2 && (counts.get(key(line)) ?? 0) >= threshold))))
  })
}

/** The body text's type size and line spacing, over the whole document; null when it has no lines. */
function measure(flows: Line[][]): Omit<Layout, 'indents'> | null {
  const lines = flows.flat()
  if (lines.length === 0) return null
  const bodySize = weightedMode(lines.map((l) => [round1(l.size), l.text.length]))
  const gaps: number[] = []
  for (const flow of flows) {
    for (let i = 1; i < flow.length; i++) {
      const gap = flow[i - 1]!.y - flow[i]!.y
      if (Math.abs(flow[i]!.size - bodySize) <= bodySize * 0.1 && gap > 0 && gap < bodySize * 3) gaps.push(gap)
    }
  }
  return { bodySize, lineGap: median(gaps) ?? bodySize * 1.2 }
}

/** A flow's margins: where its body lines usually start, and where its full lines end. */
function withMargins(lines: Line[], bodySize: number): Flow {
  const body = lines.filter((l) => Math.abs(l.size - bodySize) <= bodySize * 0.1)
  const measured = body.length > 0 ? body : lines
  return {
    lines,
    left: Math.min(...measured.map((l) => l.x0)),
    right: percentile(measured.map((l) => l.x1), 0.9) ?? Math.max(...measured.map((l) => l.x1))
  }
}

/** Body lines, and those starting a little to the right of their column (first-line indents), over some flows. */
function countIndents(flows: readonly Flow[], bodySize: number): { body: number; indented: number } {
  let body = 0
  let indented = 0
  for (const flow of flows) {
    for (const line of flow.lines) {
      if (Math.abs(line.size - bodySize) > bodySize * 0.1) continue
      body++
      const indent = line.x0 - flow.left
      if (indent > bodySize * 0.8 && indent < bodySize * 4) indented++
    }
  }
  return { body, indented }
}

/** Whether at least 2% of the document's body lines are indented: its paragraphs start with first-line indents. */
function usesIndents(flows: Flow[], bodySize: number): boolean {
  const { body, indented } = countIndents(flows, bodySize)
  return indented >= Math.max(3, body * 0.02)
}

/**
 * Whether one column (or page) starts its paragraphs with indents, decided by its own lines when
 * it has enough of them: a paper's unindented abstract, front matter or lists beside indented body
 * text each keep their own rule. A short column follows the document's.
 */
function flowUsesIndents(flow: Flow, layout: Layout): boolean {
  const { body, indented } = countIndents([flow], layout.bodySize)
  return body >= 12 ? indented >= 2 : layout.indents
}

/** A bullet, or a number or letter ending in "." or ")", then words: a list item's first line. */
const LIST_MARKER = /^(?:[•◦▪▫‣∙·●○■□–*]|\(?(?:\d{1,3}|[a-z]|[ivx]{1,5})[.)])\s+\S/u
/** "2.1 General Information": a numbered subsection's title, set in the body's size (bold, which the text layer does not say). */
const NUMBERED_TITLE = /^\d{1,2}(?:\.\d{1,2})+\.?\s+\p{Lu}[^.!?:;]*$/u

function startsNewBlock(prev: Line, line: Line, flow: Flow, layout: Layout): boolean {
  const size = layout.bodySize
  if (Math.abs(line.size - prev.size) > prev.size * 0.12) return true
  if (prev.y - line.y > layout.lineGap * 1.45 * (line.size / size)) return true
  // side by side on one baseline (names over an author block's columns): apart
  if (Math.abs(prev.y - line.y) < size * 0.5) return true
  // a title in two lines, centred: the second is not an indented first line
  if (headingKind(line, layout) !== null) return false
  if (LIST_MARKER.test(line.text) || isNumberedTitle(prev, flow, layout)) return true
  // the line after a list item's: its words go on (a hanging indent), or the list has ended
  if (LIST_MARKER.test(prev.text) || prev.listed) {
    line.listed = line.x0 - prev.x0 > size * 0.3 || (prev.listed === true && Math.abs(line.x0 - prev.x0) <= size * 0.3)
    return !line.listed
  }
  // an indented first line, unless the lines before are indented too (a quotation) and run to the margin
  const indent = line.x0 - flow.left
  if (line.x0 - prev.x0 > size * 0.8) return true
  if (indent > size * 0.8 && indent < size * 4 && Math.abs(line.x0 - prev.x0) <= size * 0.3 && isShort(prev, flow, layout)) return true
  return !(flow.indents ?? layout.indents) && isShort(prev, flow, layout) && SENTENCE_END.test(prev.text)
}

/** A short line numbered like a subsection ("2.1 General Information"): a title on its own line. */
function isNumberedTitle(line: Line, flow: Flow, layout: Layout): boolean {
  return NUMBERED_TITLE.test(line.text) && isShort(line, flow, layout) && line.text.length < 80
}

/** Whether the paragraph ending one flow (a column or a page) goes on at the head of the next. */
function runsOn(previous: Group, next: Group, layout: Layout): boolean {
  const last = previous.lines[previous.lines.length - 1]!
  const first = next.lines[0]!
  return (
    headingKind(last, layout) === null &&
    headingKind(first, layout) === null &&
    Math.abs(first.size - last.size) <= last.size * 0.12 &&
    // with first-line indents, an unindented head of column continues; without, a sentence must be unfinished
    ((next.flow.indents ?? layout.indents) || !SENTENCE_END.test(last.text)) &&
    first.x0 - next.flow.left < layout.bodySize * 0.8
  )
}

function isShort(line: Line, flow: Flow, layout: Layout): boolean {
  return line.x1 < flow.right - layout.bodySize * 3
}

function headingKind(line: Line, layout: Layout): number | null {
  const ratio = line.size / layout.bodySize
  if (ratio >= 1.6) return 1
  if (ratio >= 1.3) return 2
  if (ratio >= 1.12) return 3
  return null
}

function toBlock({ lines: group, flow }: Group, layout: Layout, words: ReadonlySet<string>): DraftBlock {
  let text = ''
  for (const line of group) {
    if (text === '') text = line.text
    // a soft hyphen only ever marks where a word was broken
    else if (/\p{L}\u00ad\s*$/u.test(text) && /^\p{L}/u.test(line.text)) text = text.replace(/\u00ad\s*$/u, '') + line.text
    else if (/\p{L}-$/u.test(text) && /^\p{L}/u.test(line.text)) text = joinHyphenated(text, line.text, words)
    else text += ` ${line.text}`
  }
  text = text.replace(/\u00ad/g, '')
  const numbered = group.length === 1 && isNumberedTitle(group[0]!, flow, layout)
  const level = group.length <= 3 ? (headingKind(group[0]!, layout) ?? (numbered ? 3 : null)) : null
  const indented = group.every((l) => l.x0 - flow.left > layout.bodySize * 1.5)
  const kind: BlockKind = level !== null ? 'heading' : LIST_MARKER.test(group[0]!.text) ? 'listItem' : isFragment(text) ? 'figure' : indented && group.length > 1 ? 'quote' : 'paragraph'
  const block = draft(kind, [run(text, [])], level ?? undefined)
  block.page = group[0]!.page
  block.boxes = group.map((line) => [line.page, round1(line.x0), round1(line.top), round1(line.x1), round1(line.bottom)])
  return block
}

/**
 * Text that is not prose: a figure's labels ("loop", "abort"), a table's cells, the pieces of a
 * display equation ("(1)", "i=0", "2l + 1 Ei = E0il"): at most one word of three letters or more,
 * short, not ending a sentence. It is kept (searchable, on the page) but not numbered.
 */
function isFragment(text: string): boolean {
  const words = text.match(/\p{L}{3,}/gu)?.length ?? 0
  return words <= 1 && text.length < 40 && !/[.!?]["”’)]?$/.test(text)
}
