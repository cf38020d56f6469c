import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { termMatcher } from './snippets'
import { processTerm } from './text-processing'

const WORDS = ['alliances', 'allied', 'Alliance', 'ties', 'skies', 'running', 'Éclat', 'eclats', 'generously', 'happy', 'happiness', 'S300', 'COVID19', 'nuclear', 'nucleus', 'Iranian', 'iran', 'caresses', 'ponies', 'sky', 'is', 'a', '1990']

describe('termMatcher', () => {
  it('says a word matches exactly when its stem is a matched term or starts with a typed prefix (property-based)', () => {
    fc.assert(
      fc.property(fc.subarray(WORDS), fc.subarray(WORDS, { maxLength: 2 }), fc.constantFrom(...WORDS, 'Alliancesx', 'HAPPILY'), (terms, typed, word) => {
        const matched = new Set(terms.flatMap((t) => processTerm(t) ?? []))
        const prefixes = typed.flatMap((t) => processTerm(t)?.slice(0, 3) ?? [])
        const term = processTerm(word)
        const expected = term !== null && (matched.has(term) || prefixes.some((p) => term.startsWith(p)))
        expect(termMatcher(matched, prefixes)(word)).toBe(expected)
      }),
      { numRuns: 3000 }
    )
  })
})
