import { describe, expect, it } from 'vitest'
import { layoutBlocks, type PageText } from './pdf-layout'

/** One page of one paragraph, a line per string, set at 10 pt with justified lines (so they join). */
function page(lines: string[]): PageText {
  return { page: 1, width: 612, height: 792, items: lines.map((text, i) => ({ text, x: 72, y: 600 - i * 12, width: 468, fontSize: 10 })) }
}

const joined = (lines: string[]): string => layoutBlocks([page(lines)]).map((b) => b.text).join(' / ')

describe('a hyphen at the end of a line', () => {
  it('goes when it broke a word, stays when it joins a compound the document writes so, or one style guides always hyphenate', () => {
    expect(joined(['The hyphen-', 'ation of words at line ends is undone here.'])).toBe('The hyphenation of words at line ends is undone here.')
    expect(joined(['A mixed-mode run, and then the mixed-', 'mode run again, with all of it said.'])).toBe('A mixed-mode run, and then the mixed-mode run again, with all of it said.')
    expect(joined(['Moscow acts from self-', 'interest, as every state acts from interest.'])).toBe('Moscow acts from self-interest, as every state acts from interest.')
    expect(joined(['It was ex-', 'actly as planned, the ministers said.'])).toBe('It was exactly as planned, the ministers said.')
    expect(joined(['An Anglo-', 'American view of the order, held by many.'])).toBe('An Anglo-American view of the order, held by many.')
    expect(joined(['Our TraceMonkey is fast; we measured Trace-', 'Monkey against the baseline in every test.'])).toBe('Our TraceMonkey is fast; we measured TraceMonkey against the baseline in every test.')
  })

  it('a soft hyphen always goes, with no space left in the word', () => {
    expect(joined(['The docu\u00ad', 'ment was read in full by the committee.'])).toBe('The document was read in full by the committee.')
  })
})

describe('right-to-left text and presentation forms', () => {
  it('reads a right-to-left line from its right end, and its letters as they are typed, not their printed shapes', () => {
    // "مرحبا بالعالم" set in two runs, the first word at the right; the second in Arabic presentation forms
    const words = [
      { text: 'مرحبا', x: 300, y: 600, width: 40, fontSize: 10 },
      { text: '\uFE91\uFE8E\uFEDF\uFECC\uFE8E\uFEDF\uFEE2', x: 240, y: 600, width: 50, fontSize: 10 }
    ]
    const blocks = layoutBlocks([{ page: 1, width: 612, height: 792, items: words }])
    expect(blocks.map((b) => b.text)).toEqual(['مرحبا بالعالم'])
    expect(joined(['An ofﬁce ﬁle, with its ligatures read as letters.'])).toBe('An office file, with its ligatures read as letters.')
  })
})
