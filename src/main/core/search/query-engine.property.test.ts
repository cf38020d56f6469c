import fc from 'fast-check'
import MiniSearch from 'minisearch'
import { describe, expect, it } from 'vitest'
import { LayeredIndex } from './layered-index'
import { QueryEngine, type WordGroup } from './query-engine'
import { FIELD_BOOST, MINISEARCH_OPTIONS, SEARCH_FIELDS, SEARCH_INDEX_VERSION, SEGMENT_ANALYZER, type SearchDocument } from './search-options'
import { encodeSegment, IndexSegment } from './segment'
import { SegmentBuilder } from './segment-builder'
import { processTerm, tokenize } from './text-processing'

// few words, so that documents share them and AND queries have many candidates to intersect
const WORDS = ['river', 'stone', 'garden', 'letter', 'winter', 'bridge', 'candle', 'harbor', 'orchard', 'lantern']
const word = fc.constantFrom(...WORDS)
/** A field's text: a few words, sometimes one repeated 70 times (a frequency over the posting byte's 62). */
const text = fc.oneof({ weight: 5, arbitrary: fc.array(word, { minLength: 1, maxLength: 8 }).map((w) => w.join(' ')) }, { weight: 1, arbitrary: word.map((w) => Array(70).fill(w).join(' ')) })
const documentBody = fc.record({ title: fc.option(text, { nil: undefined }), heading: fc.option(text, { nil: undefined }), text: fc.option(text, { nil: undefined }) })
const idOf = (n: number): string => (n % 3 === 0 ? `n|note-${n}` : `s|src-${n % 4}|b${n}`)

type Op = { kind: 'discard'; doc: number } | { kind: 'add'; doc: number; body: Omit<SearchDocument, 'id'> }
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('discard' as const), doc: fc.nat(39) }),
  fc.record({ kind: fc.constant('add' as const), doc: fc.nat(49), body: documentBody })
)
const query = fc.record({
  groups: fc.array(fc.array(fc.record({ word, weight: fc.constantFrom(1, 0.6, 0.45) }), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
  combineWith: fc.constantFrom('AND' as const, 'OR' as const)
})

async function segmentOf(documents: SearchDocument[]): Promise<IndexSegment> {
  const builder = new SegmentBuilder(SEGMENT_ANALYZER)
  for (const d of documents) builder.add(d)
  return encodeSegment(await builder.build(SEARCH_INDEX_VERSION, 'property')).segment
}

const groupsOf = (q: { groups: { word: string; weight: number }[][] }): WordGroup[] => q.groups.map((g) => g.map((t) => ({ term: processTerm(t.word)!, weight: t.weight })))
const search = (index: LayeredIndex, groups: WordGroup[], combineWith: 'AND' | 'OR') =>
  new QueryEngine(index, FIELD_BOOST).search({ groups, combineWith, excluded: [], accept: () => true, boost: () => 1, limit: 1000 })

/** The linear scan: every document read in full, its terms compared with the query's. */
function scan(documents: Map<string, SearchDocument>, groups: WordGroup[], combineWith: 'AND' | 'OR'): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const [id, d] of documents) {
    const terms = new Set(SEARCH_FIELDS.flatMap((f) => tokenize(d[f] ?? '').map(processTerm)))
    const holds = groups.map((g) => g.some((t) => terms.has(t.term)))
    if (combineWith === 'AND' ? holds.every(Boolean) : holds.some(Boolean)) out.set(id, [...new Set(groups.flat().map((t) => t.term))].filter((t) => terms.has(t)).sort())
  }
  return out
}

describe('query engine against a linear scan (property-based)', () => {
  it('finds exactly the documents a scan finds, with their matched terms, through deletes and re-adds of a segment and its live layer', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(documentBody, { minLength: 1, maxLength: 40 }), fc.array(op, { maxLength: 25 }), fc.array(query, { minLength: 1, maxLength: 6 }), async (bodies, ops, queries) => {
        const current = new Map(bodies.map((body, n): [string, SearchDocument] => [idOf(n), { id: idOf(n), ...body }]))
        const index = new LayeredIndex(await segmentOf([...current.values()]))
        for (const o of ops) {
          if (o.kind === 'discard') {
            index.discard(idOf(o.doc))
            current.delete(idOf(o.doc))
          } else {
            const d = { id: idOf(o.doc), ...o.body }
            index.add(d)
            current.set(d.id, d)
          }
        }
        expect(index.documentCount).toBe(current.size)
        for (const q of queries) {
          const groups = groupsOf(q)
          const hits = search(index, groups, q.combineWith)
          const expected = scan(current, groups, q.combineWith)
          expect(new Map(hits.map((h) => [h.id, [...new Set(h.terms)].sort()]))).toEqual(expected)
          for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score)
        }
      }),
      { numRuns: 150 }
    )
  })

  it('scores a segment as MiniSearch scores the same documents, frequencies over 62 included', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(documentBody, { minLength: 1, maxLength: 40 }), fc.array(query, { minLength: 1, maxLength: 6 }), async (bodies, queries) => {
        const documents = bodies.map((body, n): SearchDocument => ({ id: idOf(n), ...body }))
        const segment = new LayeredIndex(await segmentOf(documents))
        const live = new MiniSearch<SearchDocument>(MINISEARCH_OPTIONS)
        live.addAll([...documents].sort((a, b) => (a.id < b.id ? -1 : 1)))
        const reference = new LayeredIndex(IndexSegment.empty(SEARCH_FIELDS.length), live)
        for (const q of queries) {
          const scores = (index: LayeredIndex) => new Map(search(index, groupsOf(q), q.combineWith).map((h) => [h.id, Math.round(h.score * 1e9)]))
          expect(scores(segment)).toEqual(scores(reference))
        }
      }),
      { numRuns: 150 }
    )
  })
})
