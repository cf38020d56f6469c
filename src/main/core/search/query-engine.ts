import type MiniSearch from 'minisearch'
import type { SearchDocument } from './search-options'

/**
 * The parts of MiniSearch's index this engine reads (MiniSearch 7.2 keeps them as protected
 * fields; the versions are pinned and a unit test covers the engine against MiniSearch itself).
 */
interface MiniSearchInternals {
  _index: {
    get(term: string): Map<number, Map<number, number>> | undefined
    atPrefix(prefix: string): Iterable<[string, Map<number, Map<number, number>>]>
    fuzzyGet(term: string, maxDistance: number): Map<string, [Map<number, Map<number, number>>, number]>
  }
  _documentCount: number
  _documentIds: Map<number, string>
  _fieldLength: Map<number, number[]>
  _avgFieldLength: number[]
  _fieldIds: Record<string, number>
}

/** A term of the index with the weight it brings (1 for the word as typed, less for variants). */
export interface WeightedTerm {
  term: string
  weight: number
}

/** One query word: the index terms that count as it (itself, typo variants, completions). */
export type WordGroup = WeightedTerm[]

export interface EngineHit {
  id: string
  score: number
  /** The index terms that matched, for highlighting. */
  terms: string[]
}

export interface EngineQuery {
  groups: WordGroup[]
  combineWith: 'AND' | 'OR'
  /** Documents holding any of these terms are dropped. */
  excluded: string[]
  /** Which documents may be returned, by id. */
  accept: (id: string) => boolean
  /** A score factor per document (pull quotes rank lower). */
  boost: (id: string) => number
  limit: number
}

const BM25 = { k: 1.2, b: 0.7, d: 0.5 }

/**
 * Candidate-first evaluation over MiniSearch's inverted index: for AND queries the rarest word
 * is read first and the others are only looked up for its documents, so a common word costs a
 * lookup per candidate instead of a pass over its whole posting list; then only the top
 * `limit` are sorted. Scores are MiniSearch's own BM25+, with field boosts.
 */
export class QueryEngine {
  private readonly internals: MiniSearchInternals
  private readonly fieldBoost: number[] = []

  constructor(index: MiniSearch<SearchDocument>, boosts: Record<string, number>) {
    this.internals = index as unknown as MiniSearchInternals
    for (const [field, id] of Object.entries(this.internals._fieldIds)) this.fieldBoost[id] = boosts[field] ?? 1
  }

  /** Typo variants of a term within `maxDistance` edits, weighted as MiniSearch weighs fuzzy matches. */
  fuzzyVariants(term: string, maxDistance: number, weight: number): WeightedTerm[] {
    const out: WeightedTerm[] = []
    for (const [variant, [, distance]] of this.internals._index.fuzzyGet(term, maxDistance)) {
      if (distance > 0) out.push({ term: variant, weight: (weight * variant.length) / (variant.length + distance) })
    }
    return out
  }

  /** Terms under a prefix with the number of documents holding each. */
  termsWithPrefix(prefix: string): Map<string, number> {
    const out = new Map<string, number>()
    for (const [term, fields] of this.internals._index.atPrefix(prefix)) {
      let documents = 0
      for (const docs of fields.values()) documents += docs.size
      out.set(term, documents)
    }
    return out
  }

  has(term: string): boolean {
    return this.internals._index.get(term) !== undefined
  }

  search(query: EngineQuery): EngineHit[] {
    const { _index, _documentIds } = this.internals
    const groups = query.groups
      .map((group) => group.map((t) => ({ ...t, data: _index.get(t.term) })).filter((t) => t.data !== undefined))
      .map((terms) => ({ terms, size: terms.reduce((n, t) => n + postingsSize(t.data!), 0) }))
    if (query.combineWith === 'AND' && groups.some((g) => g.terms.length === 0)) return []
    const live = groups.filter((g) => g.terms.length > 0).sort((a, b) => a.size - b.size)
    if (live.length === 0) return []

    const scores = new Map<number, number>()
    const excluded = query.excluded.map((t) => _index.get(t)).filter((d): d is Map<number, Map<number, number>> => d !== undefined)
    // discarded documents stay in the postings until MiniSearch vacuums: they have no id any more
    const admissible = (doc: number): boolean => {
      const id = _documentIds.get(doc)
      return id !== undefined && excluded.every((d) => !inPostings(d, doc)) && query.accept(id)
    }

    if (query.combineWith === 'AND') {
      // candidates from the rarest word; the others are looked up per candidate
      const [first, ...rest] = live
      for (const term of first!.terms) this.scoreAll(term.data!, term.weight, scores)
      for (const group of rest) {
        for (const [doc, score] of scores) {
          let add = 0
          for (const term of group.terms) add += this.scoreOne(term.data!, term.weight, doc)
          if (add === 0) scores.delete(doc)
          else scores.set(doc, score + add)
        }
      }
    } else {
      for (const group of live) for (const term of group.terms) this.scoreAll(term.data!, term.weight, scores)
    }

    const top = topK(scores, query.limit, (doc) => admissible(doc), (doc) => query.boost(_documentIds.get(doc)!))
    const allTerms = live.flatMap((g) => g.terms)
    return top.map(([doc, score]) => ({
      id: _documentIds.get(doc)!,
      score,
      terms: allTerms.filter((t) => inPostings(t.data!, doc)).map((t) => t.term)
    }))
  }

  private scoreAll(data: Map<number, Map<number, number>>, weight: number, into: Map<number, number>): void {
    for (const [field, docs] of data) {
      const boost = this.fieldBoost[field] ?? 1
      const avg = this.internals._avgFieldLength[field]!
      for (const [doc, tf] of docs) {
        const length = this.internals._fieldLength.get(doc)?.[field] ?? avg
        into.set(doc, (into.get(doc) ?? 0) + weight * boost * bm25(tf, docs.size, this.internals._documentCount, length, avg))
      }
    }
  }

  private scoreOne(data: Map<number, Map<number, number>>, weight: number, doc: number): number {
    let score = 0
    for (const [field, docs] of data) {
      const tf = docs.get(doc)
      if (tf === undefined) continue
      const avg = this.internals._avgFieldLength[field]!
      const length = this.internals._fieldLength.get(doc)?.[field] ?? avg
      score += weight * (this.fieldBoost[field] ?? 1) * bm25(tf, docs.size, this.internals._documentCount, length, avg)
    }
    return score
  }
}

/** MiniSearch's BM25+ formula. */
function bm25(tf: number, matching: number, total: number, length: number, avg: number): number {
  const idf = Math.log(1 + (total - matching + 0.5) / (matching + 0.5))
  return idf * (BM25.d + (tf * (BM25.k + 1)) / (tf + BM25.k * (1 - BM25.b + (BM25.b * length) / avg)))
}

function postingsSize(data: Map<number, Map<number, number>>): number {
  let n = 0
  for (const docs of data.values()) n += docs.size
  return n
}

function inPostings(data: Map<number, Map<number, number>>, doc: number): boolean {
  for (const docs of data.values()) if (docs.has(doc)) return true
  return false
}

/** The `k` best admissible documents, best first, without sorting them all. */
function topK(scores: Map<number, number>, k: number, admissible: (doc: number) => boolean, boost: (doc: number) => number): [number, number][] {
  const all: [number, number][] = []
  for (const [doc, score] of scores) all.push([doc, score])
  if (all.length > k * 4) {
    // a threshold from the raw scores keeps the sort small; boosts only lower scores (≤ 1)
    const sorted = Float64Array.from(all, ([, s]) => s).sort()
    const threshold = sorted[Math.max(0, sorted.length - k * 4)]!
    return finish(all.filter(([, s]) => s >= threshold), k, admissible, boost, all)
  }
  return finish(all, k, admissible, boost, all)
}

function finish(
  candidates: [number, number][],
  k: number,
  admissible: (doc: number) => boolean,
  boost: (doc: number) => number,
  everything: [number, number][]
): [number, number][] {
  const ranked = candidates
    .filter(([doc]) => admissible(doc))
    .map(([doc, s]): [number, number] => [doc, s * boost(doc)])
    .sort((a, b) => b[1] - a[1])
  if (ranked.length >= k || candidates.length === everything.length) return ranked.slice(0, k)
  // filters removed too many of the best: rank everything
  return finish(everything, k, admissible, boost, everything)
}
