import type { InlineRun, Mark } from '../../../shared/model'
import { draft, run, SAFE_LINK, type DraftBlock } from './draft-blocks'

/** Elements that start a new block; anything else is inline text. */
const BLOCK_ELEMENTS = new Set(
  'ADDRESS ARTICLE ASIDE BLOCKQUOTE CENTER DD DETAILS DIV DL DT FIELDSET FIGCAPTION FIGURE FOOTER H1 H2 H3 H4 H5 H6 HEADER HR LI MAIN NAV OL P PRE SECTION SUMMARY TABLE TBODY TD TFOOT TH THEAD TR UL'.split(' ')
)
const INLINE_MARKS: Record<string, Mark> = { EM: 'italic', I: 'italic', CITE: 'italic', DFN: 'italic', VAR: 'italic', STRONG: 'bold', B: 'bold', CODE: 'code', KBD: 'code', SAMP: 'code', TT: 'code' }
const ELEMENT_NODE = 1
const TEXT_NODE = 3

interface Context {
  quote: boolean
  listDepth: number
}

/**
 * Turns an (already sanitised) article element into blocks: headings, paragraphs, quotations,
 * list items with their depth, preformatted text as code, table rows as ` | `-joined paragraphs.
 * Text directly inside containers (a `<div>` with words in it) becomes a paragraph too.
 */
export function htmlToBlocks(root: Element): DraftBlock[] {
  const out: DraftBlock[] = []
  collectContainer(root, { quote: false, listDepth: 0 }, out)
  return out
}

function collectContainer(element: Element, ctx: Context, out: DraftBlock[]): void {
  let pending: InlineRun[] = []
  const flush = (): void => {
    if (pending.some((r) => r.text.trim() !== '')) out.push(draft(ctx.quote ? 'quote' : 'paragraph', pending))
    pending = []
  }
  for (const child of Array.from(element.childNodes)) {
    if (child.nodeType === ELEMENT_NODE && BLOCK_ELEMENTS.has((child as Element).tagName)) {
      flush()
      collectBlock(child as Element, ctx, out)
    } else {
      pending.push(...inlineRuns(child, [], undefined))
    }
  }
  flush()
}

function collectBlock(element: Element, ctx: Context, out: DraftBlock[]): void {
  const tag = element.tagName
  if (/^H[1-6]$/.test(tag)) {
    out.push(draft('heading', inlineRuns(element, [], undefined), Number(tag[1])))
  } else if (tag === 'P' || tag === 'DT' || tag === 'SUMMARY' || tag === 'FIGCAPTION') {
    out.push(draft(ctx.quote ? 'quote' : 'paragraph', inlineRuns(element, [], undefined)))
  } else if (tag === 'PRE') {
    out.push(draft(ctx.quote ? 'quote' : 'paragraph', [run(element.textContent ?? '', ['code'])]))
  } else if (tag === 'BLOCKQUOTE') {
    collectContainer(element, { ...ctx, quote: true }, out)
  } else if (tag === 'UL' || tag === 'OL') {
    for (const item of Array.from(element.children)) {
      if (item.tagName === 'LI') collectListItem(item, ctx, out)
      else collectBlock(item, { ...ctx, listDepth: ctx.listDepth + 1 }, out)
    }
  } else if (tag === 'LI') {
    collectListItem(element, ctx, out)
  } else if (tag === 'TR') {
    const cells = Array.from(element.children).map((cell) => inlineRuns(cell, [], undefined))
    const runs = cells.filter((c) => c.some((r) => r.text.trim() !== '')).flatMap((c, i) => (i === 0 ? c : [{ text: ' | ' }, ...c]))
    out.push(draft('paragraph', runs))
  } else if (tag !== 'HR') {
    collectContainer(element, ctx, out)
  }
}

/** A list item's own words (its paragraphs joined) at its depth, then its nested lists. */
function collectListItem(item: Element, ctx: Context, out: DraftBlock[]): void {
  const own: InlineRun[] = []
  const nested: Element[] = []
  for (const child of Array.from(item.childNodes)) {
    const tag = child.nodeType === ELEMENT_NODE ? (child as Element).tagName : ''
    if (tag === 'UL' || tag === 'OL') nested.push(child as Element)
    else {
      if (own.length > 0 && BLOCK_ELEMENTS.has(tag)) own.push({ text: ' ' })
      own.push(...inlineRuns(child, [], undefined))
    }
  }
  if (own.some((r) => r.text.trim() !== '')) out.push({ ...draft('listItem', own), level: ctx.listDepth })
  for (const list of nested) collectBlock(list, { ...ctx, listDepth: ctx.listDepth + 1 }, out)
}

function inlineRuns(node: Node, marks: Mark[], href: string | undefined): InlineRun[] {
  if (node.nodeType === TEXT_NODE) return [run((node.textContent ?? '').replace(/\s+/g, ' '), marks, href)]
  if (node.nodeType !== ELEMENT_NODE) return []
  const element = node as Element
  const tag = element.tagName
  if (tag === 'BR') return [{ text: ' ' }]
  const mark = INLINE_MARKS[tag]
  const innerMarks = mark ? [...marks, mark] : marks
  let innerHref = href
  if (tag === 'A') {
    const target = element.getAttribute('href') ?? ''
    if (SAFE_LINK.test(target)) innerHref = target
  }
  const runs = Array.from(element.childNodes).flatMap((child) => inlineRuns(child, innerMarks, innerHref))
  // block elements met inside inline content still separate words
  return BLOCK_ELEMENTS.has(tag) ? [{ text: ' ' }, ...runs, { text: ' ' }] : runs
}
