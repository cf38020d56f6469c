import { describe, expect, it } from 'vitest'
import { assignIdsAndNumbers } from './block-ids'
import { blockRuns } from './block-runs'

const para = (text: string) => ({ kind: 'paragraph' as const, text, runs: [{ text }] })

describe('assignIdsAndNumbers', () => {
  it('gives the same text the same id, whatever its position or spacing', () => {
    const a = assignIdsAndNumbers([para('Alpha  beta'), para('Gamma')])
    const b = assignIdsAndNumbers([para('New first'), para('Gamma'), para('Alpha beta')])
    expect(b[2]!.id).toBe(a[0]!.id)
    expect(b[1]!.id).toBe(a[1]!.id)
    expect(a[0]!.id).toMatch(/^p-[0-9a-z]{11}$/)
  })

  it('tells repeated paragraphs apart in reading order', () => {
    const blocks = assignIdsAndNumbers([para('Same'), para('Other'), para('Same')])
    expect(blocks[2]!.id).toBe(`${blocks[0]!.id}-2`)
    expect(blocks.map((b) => b.paragraph)).toEqual([1, 2, 3])
  })

  it('keeps runs only where they add marks or links to the text', () => {
    const [plain, marked] = assignIdsAndNumbers([para('Plain words'), { kind: 'paragraph', text: 'A word', runs: [{ text: 'A ' }, { text: 'word', marks: ['italic'] }] }])
    expect(plain).not.toHaveProperty('runs')
    expect(blockRuns(plain!)).toEqual([{ text: 'Plain words' }])
    expect(marked!.runs).toEqual([{ text: 'A ' }, { text: 'word', marks: ['italic'] }])
    expect(blockRuns(marked!)).toBe(marked!.runs)
  })

  it('numbers only body blocks', () => {
    const blocks = assignIdsAndNumbers([
      { kind: 'heading', level: 2, text: 'H', runs: [{ text: 'H' }] },
      para('One'),
      { kind: 'pullquote', text: 'One', runs: [{ text: 'One' }] },
      { kind: 'listItem', level: 0, text: 'Item', runs: [{ text: 'Item' }] }
    ])
    expect(blocks.map((b) => b.paragraph)).toEqual([null, 1, null, 2])
    expect(blocks[2]!.id).not.toBe(blocks[1]!.id)
  })
})
