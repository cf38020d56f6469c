import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { tokenize } from './text-processing'
import { WordInterner } from './word-interner'

/** Pieces that make tokenizing hard: hyphens of three kinds, an en dash, accents as combining marks, scripts, astral letters, lone surrogates. */
const PIECES = ['a', 'Z', 'é', 'e\u0301', '7', '٣', 'ж', '中', '𝐀', '😀', '\ud800', '-', '\u2010', '\u2011', '–', ' ', '.', "'", '\n', 'S-300', 'COVID-19', 'Al-Assad', '--', 'x-']

const sortedTokens = (words: string[]): string[] => [...words].sort()

describe('WordInterner', () => {
  it('finds the same words as tokenize, compounds joined, in any text', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 3 }), fc.string({ unit: 'grapheme', maxLength: 3 })), { maxLength: 40 }), (pieces) => {
        const text = pieces.join('')
        const interner = new WordInterner()
        const seen: string[] = []
        interner.visitWords(text, (word) => seen.push(interner.words[word]!))
        expect(sortedTokens(seen)).toEqual(sortedTokens(tokenize(text)))
      }),
      { numRuns: 2000 }
    )
  })

  it('gives a word the same number every time, across texts, and different words different numbers', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 12 }), { minLength: 1, maxLength: 200 }), (texts) => {
        const interner = new WordInterner()
        const numbers = new Map<string, number>()
        for (const text of texts) {
          interner.visitWords(text, (word) => {
            const known = numbers.get(interner.words[word]!)
            if (known !== undefined) expect(word).toBe(known)
            numbers.set(interner.words[word]!, word)
          })
        }
        expect(new Set(interner.words).size).toBe(interner.words.length)
      })
    )
  })
})
