import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import MiniSearch from 'minisearch'
import { describe, expect, it } from 'vitest'
import { LayeredIndex } from './layered-index'
import { QueryEngine, type EngineHit, type WordGroup } from './query-engine'
import { FIELD_BOOST, MINISEARCH_OPTIONS, SEARCH_INDEX_VERSION, SEGMENT_ANALYZER, type SearchDocument } from './search-options'
import { decodeSegment, encodeSegment, IndexSegment } from './segment'
import { SegmentBuilder } from './segment-builder'
import { processTerm } from './text-processing'

// real prose: the paragraphs of two speeches, a few as headings, a few as note titles
const paragraphs = readFileSync(join(__dirname, '../importers/fixtures/text/lincoln-speeches.txt'), 'utf8')
  .split(/\r?\n\s*\r?\n/)
  .map((p) => p.replace(/\s+/g, ' ').trim())
  .filter((p) => p.length > 0)
const documents: SearchDocument[] = paragraphs.map((text, i) =>
  i % 7 === 0 ? { id: `s|lincoln|b${i}`, heading: text } : i % 5 === 0 ? { id: `n|note${i}`, title: text.slice(0, 30), text } : { id: `s|lincoln|b${i}`, text }
)
const byId = [...documents].sort((a, b) => (a.id < b.id ? -1 : 1))

async function segmentOf(docs: SearchDocument[]): Promise<IndexSegment> {
  const builder = new SegmentBuilder(SEGMENT_ANALYZER)
  for (const d of docs) builder.add(d)
  return encodeSegment(await builder.build(SEARCH_INDEX_VERSION, 'test')).segment
}

function liveOf(docs: SearchDocument[]): MiniSearch<SearchDocument> {
  const live = new MiniSearch<SearchDocument>(MINISEARCH_OPTIONS)
  live.addAll(docs)
  return live
}

const queries: WordGroup[][] = ['nation', 'war', 'people government', 'god', 'freedom', 'dedicated great'].map((q) =>
  q.split(' ').map((w) => [{ term: processTerm(w)!, weight: 1 }])
)
const run = (index: LayeredIndex, groups: WordGroup[], combineWith: 'AND' | 'OR' = 'AND'): EngineHit[] =>
  new QueryEngine(index, FIELD_BOOST).search({ groups, combineWith, excluded: [], accept: () => true, boost: () => 1, limit: 10 })
const rounded = (hits: EngineHit[]) => hits.map((h) => ({ id: h.id, score: Math.round(h.score * 1e9) / 1e9, terms: [...h.terms].sort() }))

describe('layered index', () => {
  it('scores a segment exactly as MiniSearch scores the same documents', async () => {
    expect(paragraphs.length).toBeGreaterThan(15)
    const segment = new LayeredIndex(await segmentOf(documents))
    const minisearch = new LayeredIndex(IndexSegment.empty(3), liveOf(byId))
    for (const groups of queries) {
      const hits = run(segment, groups)
      expect(hits.length).toBeGreaterThan(0)
      expect(rounded(hits)).toEqual(rounded(run(minisearch, groups)))
    }
    // and MiniSearch's own search ranks the same documents first
    const own = liveOf(byId).search('people government', { boost: FIELD_BOOST, combineWith: 'AND' })
    expect(run(segment, queries[2]!).map((h) => h.id)).toEqual(own.slice(0, 10).map((h) => h.id))
  })

  it('finds changes made after the segment was built, and no longer finds what they replaced', async () => {
    const index = new LayeredIndex(await segmentOf(documents))
    const nation = queries[0]!
    const before = run(index, nation).map((h) => h.id)
    const [changed, removed] = before
    index.add({ id: changed!, text: 'A paragraph rewritten about quokkas.' })
    index.discard(removed!)
    index.add({ id: 'n|new', title: 'Quokka notes', text: 'The nation of quokkas.' })
    const after = run(index, nation).map((h) => h.id)
    expect(after).not.toContain(changed)
    expect(after).not.toContain(removed)
    expect(after).toContain('n|new')
    expect(run(index, [[{ term: processTerm('quokkas')!, weight: 1 }]]).map((h) => h.id).sort()).toEqual([changed, 'n|new'].sort())
    expect(index.has(removed!)).toBe(false)
    expect(index.documentCount).toBe(documents.length)

    // the same documents built afresh: the same hits, in the same order
    const current = documents.filter((d) => d.id !== changed && d.id !== removed)
    current.push({ id: changed!, text: 'A paragraph rewritten about quokkas.' }, { id: 'n|new', title: 'Quokka notes', text: 'The nation of quokkas.' })
    const fresh = new LayeredIndex(await segmentOf(current))
    for (const groups of queries) expect(run(index, groups, 'OR').map((h) => h.id)).toEqual(run(fresh, groups, 'OR').map((h) => h.id))
  })
})

describe('segment file', () => {
  it('reads back what was written, from any byte offset, and refuses damaged bytes', async () => {
    const builder = new SegmentBuilder(SEGMENT_ANALYZER)
    for (const d of documents) builder.add(d)
    const { file, segment } = encodeSegment(await builder.build(SEARCH_INDEX_VERSION, 'fp'))
    const { header, segment: read } = decodeSegment(file)
    expect(header).toMatchObject({ version: SEARCH_INDEX_VERSION, fingerprint: 'fp', documents: documents.length, id: segment.id })
    expect(read.terms).toEqual(segment.terms)
    expect(Array.from({ length: read.documentCount }, (_, d) => read.docId(d))).toEqual(byId.map((d) => d.id))
    expect([...read.postingDoc]).toEqual([...segment.postingDoc])
    // a Buffer that does not start at an aligned offset of its memory is copied, not misread
    const shifted = Buffer.concat([Buffer.alloc(3), file]).subarray(3)
    expect([...decodeSegment(shifted).segment.postingMeta]).toEqual([...segment.postingMeta])

    const flipped = Buffer.from(file)
    flipped[flipped.length - 9]! ^= 0xff
    expect(() => decodeSegment(flipped)).toThrow(/checksum/)
    expect(() => decodeSegment(file.subarray(0, file.length - 100))).toThrow()
    expect(() => decodeSegment(Buffer.from('{"format":"other"}\n'))).toThrow(/not a search segment/)
  })
})
