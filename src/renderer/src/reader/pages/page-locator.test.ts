// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import type { Block } from '../../../../shared/model'
import { indexTextLayer, pageLocator } from './page-locator'
import { sourcePages } from './page-map'

/** A text layer as pdf.js makes it: a span per run, a <br> at each line's end, no space between lines. */
function layer(page: number, lines: string[][]): HTMLElement {
  const div = document.createElement('div')
  div.className = 'textLayer'
  div.dataset['page'] = String(page)
  for (const runs of lines) {
    for (const run of runs) {
      const span = document.createElement('span')
      span.textContent = run
      div.append(span)
    }
    div.append(document.createElement('br'))
  }
  document.body.append(div)
  return div
}

const block = (id: string, paragraph: number, text: string, pages: number[]): Block => ({
  id,
  kind: 'paragraph',
  paragraph,
  text,
  page: pages[0]!,
  boxes: pages.map((page) => [page, 72, 100, 500, 112])
})

const blocks = [
  block('p-1', 1, 'The state and the market are not the same thing.', [1]),
  block('p-2', 2, 'The state and the church, the author says, were allied in self-interest for a long time, until the revolution changed everything.', [1, 2]),
  block('p-3', 3, 'A last paragraph on the second page.', [2])
]

function setUp(): { locator: ReturnType<typeof pageLocator> } {
  document.body.replaceChildren()
  const one = layer(1, [['12 RUNNING HEAD'], ['The state and the market are'], ['not the same thing.'], ['The state and the church, the au-'], ['thor says, were allied in self-'], ['interest for a long time,']])
  const two = layer(2, [['RUNNING HEAD 13'], ['until the revolution changed every-'], ['thing.'], ['A last para', 'graph on the second page.']])
  const layers = new Map([
    [1, indexTextLayer(1, one)],
    [2, indexTextLayer(2, two)]
  ])
  return { locator: pageLocator(sourcePages(blocks), layers) }
}

const words = (text: string, of: string) => ({ start: text.indexOf(of), end: text.indexOf(of) + of.length })

/** The spans of the text layer of the page at `index` (0 for the first set up). */
const spansOfPage = (index: number) => [...document.querySelectorAll('.textLayer')[index]!.querySelectorAll('span')]

/** Selects from a point in one span's text to a point in another's, as a mouse drag leaves it. */
function select([startSpan, startOffset]: [Element, number], [endSpan, endOffset]: [Element, number]): Selection {
  const range = document.createRange()
  range.setStart(startSpan.firstChild!, startOffset)
  range.setEnd(endSpan.firstChild!, endOffset)
  const selection = document.getSelection()!
  selection.removeAllRanges()
  selection.addRange(range)
  return selection
}

describe('the page view’s locator', () => {
  it('finds a block’s words on its page, across line ends and broken words, and the right one of words said twice', () => {
    const { locator } = setUp()
    const text = blocks[1]!.text
    const [range] = locator.rangesOf({ blockId: 'p-2', ...words(text, 'The state and the church, the author') })
    expect(range!.toString()).toBe('The state and the church, the au-thor')
    const [allied] = locator.rangesOf({ blockId: 'p-2', ...words(text, 'allied in self-interest') })
    expect(allied!.toString()).toBe('allied in self-interest')
  })

  it('finds words running from one page to the next as two ranges', () => {
    const { locator } = setUp()
    const text = blocks[1]!.text
    const ranges = locator.rangesOf({ blockId: 'p-2', ...words(text, 'for a long time, until the revolution') })
    expect(ranges.map((r) => r.toString())).toEqual(['for a long time,', 'until the revolution'])
  })

  it('reads a selection on the page as words of the block that holds them', () => {
    const { locator } = setUp()
    const spans = spansOfPage(0)
    // "market are" + "not the" across a line end: selected from inside one span to inside the next
    let selection = select([spans[1]!, 'The state and the '.length], [spans[2]!, 'not the'.length])
    expect(locator.spanOfSelection(selection)).toEqual({ blockId: 'p-1', ...words(blocks[0]!.text, 'market are not the') })
    // "The state" is in two paragraphs on this page: the one selected is told by its surroundings
    selection = select([spans[3]!, 0], [spans[3]!, 'The state and the church'.length])
    expect(locator.spanOfSelection(selection)).toEqual({ blockId: 'p-2', start: 0, end: 'The state and the church'.length })
  })

  it('takes a selection swept past its paragraph’s end as the part in the paragraph it starts in', () => {
    const { locator } = setUp()
    const spans = spansOfPage(1)
    const selection = select([spans[1]!, 'until the '.length], [spans[3]!, 'A last'.length])
    const text = blocks[1]!.text
    expect(locator.spanOfSelection(selection)).toEqual({ blockId: 'p-2', start: text.indexOf('revolution'), end: text.length })
  })
})
