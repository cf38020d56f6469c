import { describe, expect, it } from 'vitest'
import type { Source } from '../../../shared/model'
import type { NoteSummary } from '../../../shared/notes'
import { noteDocId, sourceDocId } from './documents'
import { LayeredIndex } from './layered-index'
import { QUERY_OPTIONS, runQuery, type QueryContext } from './run-query'

// The query function alone: an index built from a few documents, no notebook, no disk.

const source: Source = {
  id: 'treaty',
  meta: { title: 'The treaty', authors: [] },
  blocks: [
    { id: 'p-1', kind: 'paragraph', paragraph: 1, text: 'The alliance between the two states held for a decade.' },
    { id: 'p-2', kind: 'paragraph', paragraph: 2, text: 'Sanctions shaped their trade in grain and arms.' }
  ]
} as Source
const notes: Record<string, { title: string; passages: string[]; tags?: string[] }> = {
  'n-1': { title: 'Alliance', passages: ['My reading of the treaty.'], tags: ['iran/sanctions'] },
  'n-2': { title: 'Trade', passages: ['The alliance is mentioned once here.'] }
}

function context(): QueryContext {
  const index = LayeredIndex.empty()
  index.addAll([
    ...source.blocks.map((b) => ({ id: sourceDocId(source.id, b.id), text: b.text })),
    ...Object.entries(notes).map(([id, n]) => ({ id: noteDocId(id), title: n.title, text: n.passages.join('\n') }))
  ])
  const summaries: NoteSummary[] = Object.entries(notes).map(([id, n]) => ({ id, title: n.title, createdAt: '', updatedAt: '', trashedAt: null, tags: n.tags ?? [] }))
  return {
    index,
    pullQuotes: new Map(),
    source: (id) => (id === source.id ? source : null),
    notePassages: (id) => notes[id],
    sourceTitles: () => [{ id: source.id, title: source.meta.title }],
    recentNotes: () => summaries
  }
}

const ids = (hits: ReturnType<typeof runQuery>['hits']): string[] => hits.map((h) => (h.kind === 'note' ? h.noteId : h.kind === 'reference' ? h.referenceId : `${h.sourceId}#${h.blockId}`))

describe('runQuery', () => {
  it('ranks a title above body text by the field boosts it is given', () => {
    const query = { query: 'alliance ' }
    expect(ids(runQuery(context(), query).hits)[0]).toBe('n-1')
    const flat = { ...QUERY_OPTIONS, fieldBoost: { title: 0.01, heading: 1, text: 1 } }
    expect(ids(runQuery(context(), query, flat).hits)[0]).not.toBe('n-1')
  })

  it('forgives a typo in a long enough word, as the options say', () => {
    expect(ids(runQuery(context(), { query: 'sanctons ' }).hits)).toEqual(['treaty#p-2'])
    const strict = { ...QUERY_OPTIONS, oneTypoFrom: 99, twoTyposFrom: 99 }
    expect(runQuery(context(), { query: 'sanctons ' }, strict)).toEqual({ hits: [], unmatched: ['sanctons'] })
  })

  it('completes the word being typed, and not below the shortest prefix', () => {
    expect(ids(runQuery(context(), { query: 'sanc' }).hits)).toEqual(['treaty#p-2'])
    expect(runQuery(context(), { query: 'sanc' }, { ...QUERY_OPTIONS, minPrefix: 5 }).hits).toEqual([])
  })

  it('finds highlights by their words or comment, and by colour or its meaning', () => {
    const anchor = (start: number, end: number) => ({ sourceId: 'treaty', blockId: 'p-1', quote: { exact: source.blocks[0]!.text.slice(start, end), prefix: '', suffix: '' }, range: { start, end }, paragraph: 1 })
    const all = [
      { id: 'h-1', sourceId: 'treaty', anchor: anchor(4, 12), color: 'blue' as const, comment: 'Evidence of intent', createdAt: '', updatedAt: '' },
      { id: 'h-2', sourceId: 'treaty', anchor: anchor(33, 43), color: 'pink' as const, comment: '', createdAt: '', updatedAt: '' }
    ]
    const withHighlights = { ...context(), highlights: { all, meanings: { blue: 'Claim' } } }
    const found = (query: string) => runQuery(withHighlights, { query }).hits.filter((h) => h.kind === 'highlight').map((h) => h.kind === 'highlight' && h.highlightId)
    expect(found('intent')).toEqual(['h-1'])
    expect(found('alliance')).toEqual(['h-1'])
    expect(found('color:pink')).toEqual(['h-2'])
    expect(found('color:claim')).toEqual(['h-1'])
    expect(found('in:highlights')).toEqual(['h-1', 'h-2'])
    expect(found('color:green')).toEqual([])
    const [hit] = runQuery(withHighlights, { query: 'color:blue' }).hits
    expect(hit).toMatchObject({ kind: 'highlight', colorLabel: 'Claim (blue)', blockId: 'p-1', range: { start: 4, end: 12 }, paragraph: 1, comment: 'Evidence of intent' })
  })

  it('keeps to the notes with a tag (or one nested under it) for tag:', () => {
    expect(ids(runQuery(context(), { query: 'tag:iran' }).hits)).toEqual(['n-1'])
    expect(ids(runQuery(context(), { query: 'alliance tag:#iran/sanctions' }).hits)).toEqual(['n-1'])
    expect(ids(runQuery(context(), { query: 'alliance tag:trade' }).hits)).toEqual([])
  })

  it('keeps to the sources and highlights with a tag too: a source’s own tags, a highlight’s #tags in its comment', () => {
    const anchor = { sourceId: 'treaty', blockId: 'p-2', quote: { exact: 'grain', prefix: '', suffix: '' }, paragraph: 2 }
    const all = [
      { id: 'h-1', sourceId: 'treaty', anchor, color: 'yellow' as const, comment: 'Food as leverage #iran/trade', createdAt: '', updatedAt: '' },
      { id: 'h-2', sourceId: 'treaty', anchor, color: 'pink' as const, comment: 'no tag', createdAt: '', updatedAt: '' }
    ]
    const tagged: QueryContext = { ...context(), sourceTitles: () => [{ id: source.id, title: source.meta.title, tags: ['iran'] }], highlights: { all, meanings: {} } }
    const found = (query: string) => runQuery(tagged, { query }).hits.map((h) => (h.kind === 'highlight' ? h.highlightId : h.kind === 'note' ? h.noteId : h.kind === 'reference' ? h.referenceId : `${h.sourceId}#${h.blockId}`))
    // tag: alone lists the tagged notes, then the tagged sources (first paragraph), then the highlights
    expect(found('tag:iran')).toEqual(['n-1', 'treaty#p-1', 'h-1'])
    expect(found('tag:iran/trade')).toEqual(['h-1'])
    expect(found('sanctions tag:iran')).toEqual(['treaty#p-2'])
    expect(found('in:highlights tag:iran')).toEqual(['h-1'])
    expect(found('in:sources tag:iran')).toEqual(['treaty#p-1'])
    expect(found('tag:trade')).toEqual([])
  })

  it('finds references by their title, authors, year, journal, key or DOI for ref: and in:references, and only then', () => {
    const ref = (id: string, title: string, authors: string[], year: number, container: string) => ({ id, title, authors, year, type: 'article-journal', citationKey: null, doi: null, container, sourceId: null })
    const withRefs: QueryContext = { ...context(), references: [ref('r-1', 'Eternal marriage of convenience', ['Ghoncheh Tazmini'], 2021, 'Eurasian Studies'), ref('r-2', 'Grain and arms', ['Jane Doe'], 1999, 'Trade Quarterly')] }
    expect(ids(runQuery(withRefs, { query: 'ref:tazmini' }).hits)).toEqual(['r-1'])
    expect(ids(runQuery(withRefs, { query: 'in:references 1999 trade' }).hits)).toEqual(['r-2'])
    expect(ids(runQuery(withRefs, { query: 'ref:"grain and"' }).hits)).toEqual(['r-2'])
    expect(runQuery(withRefs, { query: 'in:references conv' }).hits[0]).toMatchObject({ kind: 'reference', title: 'Eternal marriage of convenience', text: 'Ghoncheh Tazmini · 2021 · Eurasian Studies' })
    expect(ids(runQuery(withRefs, { query: 'grain' }).hits)).toEqual(['treaty#p-2'])
  })

  it('keeps to a scope, and lists notes for in:notes alone', () => {
    expect(ids(runQuery(context(), { query: 'alliance in:sources' }).hits)).toEqual(['treaty#p-1'])
    expect(ids(runQuery(context(), { query: 'in:notes' }).hits)).toEqual(['n-1', 'n-2'])
  })
})
