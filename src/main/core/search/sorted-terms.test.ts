import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { forEachTermWithin, indexOfSorted, prefixRange } from './sorted-terms'

/** Levenshtein distance, the textbook way. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const next = [i]
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    row = next
  }
  return row[b.length]!
}

const vocabulary = fc.uniqueArray(fc.stringMatching(/^[a-eé]{1,9}$/), { minLength: 1, maxLength: 300 }).map((terms) => terms.sort())

describe('sorted terms', () => {
  it('finds every term within the edit distance, and only those, with its distance', () => {
    fc.assert(
      fc.property(vocabulary, fc.stringMatching(/^[a-eé]{0,9}$/), fc.integer({ min: 0, max: 3 }), (terms, query, max) => {
        const found = new Map<string, number>()
        forEachTermWithin(terms, query, max, (at, d) => found.set(terms[at]!, d))
        const expected = new Map(terms.map((t) => [t, distance(t, query)] as const).filter(([, d]) => d <= max))
        expect(found).toEqual(expected)
      }),
      { numRuns: 300 }
    )
  })

  it('finds terms by prefix and exactly', () => {
    fc.assert(
      fc.property(vocabulary, fc.stringMatching(/^[a-e]{0,3}$/), (terms, prefix) => {
        const [start, end] = prefixRange(terms, prefix)
        expect(terms.slice(start, end)).toEqual(terms.filter((t) => t.startsWith(prefix)))
        for (const [i, t] of terms.entries()) expect(indexOfSorted(terms, t)).toBe(i)
        expect(indexOfSorted(terms, `${prefix}z`)).toBe(-1)
      }),
      { numRuns: 200 }
    )
  })
})
