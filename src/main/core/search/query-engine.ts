import type { LayeredIndex } from './layered-index'
import { ScoreTable } from './score-table'
import { lowerBoundOf } from './segment'
import { SEARCH_FIELDS } from './search-options'
import { forEachTermWithin, prefixRange } from './sorted-terms'

/** A term's postings in the live layer: field → document short id → term frequency. */
type LivePostings = Map<number, Map<number, number>>

/**
 * The parts of MiniSearch's index the engine reads for the live layer (MiniSearch 7.2 keeps them
 * as protected fields; the version is pinned and unit tests compare the engine with MiniSearch).
 */
interface MiniSearchInternals {
  _index: {
    get(term: string): LivePostings | undefined
    atPrefix(prefix: string): Iterable<[string, LivePostings]>
    fuzzyGet(term: string, maxDistance: number): Map<string, [LivePostings, number]>
  }
  _documentIds: Map<number, string>
  _fieldLength: Map<number, number[]>
  _avgFieldLength: number[]
  /** The short id the next document will get (ids are never reused). */
  _nextId: number
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
  /** Its number in the segment, or -1 when it is in the live layer. */
  segmentDoc: number
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

/** A query term found in the index: where its postings are in each layer. */
interface ResolvedTerm extends WeightedTerm {
  /** Its index in the segment's terms, or -1. */
  segment: number
  live: LivePostings | undefined
  /** Documents holding it per field, both layers together (BM25's document frequency). */
  documents: number[]
  postings: number
  /** Per field, the part of its score that is the same in every document: weight × boost × idf. */
  fieldWeight: number[]
}

/**
 * Candidate-first evaluation over the layered index: for AND queries the rarest word is read
 * first and the others are only looked up for its documents. In the segment both lists are
 * sorted by document, so they are intersected by leapfrogging (each side gallops to the other's
 * next document: a common word costs a few steps per candidate, not a pass over its postings);
 * the live layer is a Map lookup. Then only the top `limit` are sorted. Scores are MiniSearch's
 * BM25+ with field boosts, over the statistics of both layers together.
 *
 * Documents are numbered across layers: the segment's 0…n−1, then the live layer's short ids
 * from n on.
 */
export class QueryEngine {
  private readonly live: MiniSearchInternals
  private readonly fieldBoost: number[]
  private readonly avgFieldLength: number[]
  private readonly documentCount: number
  private readonly base: number

  constructor(
    private readonly index: LayeredIndex,
    boosts: Record<string, number>
  ) {
    this.live = index.live as unknown as MiniSearchInternals
    this.fieldBoost = SEARCH_FIELDS.map((field) => boosts[field] ?? 1)
    const { segment } = index
    this.base = segment.documentCount
    const liveCount = index.live.documentCount
    // tombstoned documents still count, as in MiniSearch before it vacuums (and in Lucene): their
    // postings are still in the document frequencies, and a count without them made a word in
    // every remaining document score below zero (so it was found nowhere)
    this.documentCount = segment.documentCount + liveCount + index.live.dirtCount
    this.avgFieldLength = SEARCH_FIELDS.map((_, f) => {
      const total = segment.documentCount + liveCount
      return total === 0 ? 0 : ((segment.avgFieldLength[f] ?? 0) * segment.documentCount + (this.live._avgFieldLength[f] ?? 0) * liveCount) / total
    })
  }

  /** Typo variants of a term within `maxDistance` edits, weighted as MiniSearch weighs fuzzy matches. */
  fuzzyVariants(term: string, maxDistance: number, weight: number): WeightedTerm[] {
    const distances = new Map<string, number>()
    const { terms } = this.index.segment
    forEachTermWithin(terms, term, maxDistance, (at, distance) => distances.set(terms[at]!, distance))
    for (const [variant, [, distance]] of this.live._index.fuzzyGet(term, maxDistance)) distances.set(variant, distance)
    const out: WeightedTerm[] = []
    for (const [variant, distance] of distances) {
      if (distance > 0) out.push({ term: variant, weight: (weight * variant.length) / (variant.length + distance) })
    }
    return out
  }

  /** Terms under a prefix with the number of documents holding each. */
  termsWithPrefix(prefix: string): Map<string, number> {
    const out = new Map<string, number>()
    const { segment } = this.index
    const [start, end] = prefixRange(segment.terms, prefix)
    for (let t = start; t < end; t++) out.set(segment.terms[t]!, segment.documentsWith(t))
    for (const [term, fields] of this.live._index.atPrefix(prefix)) {
      let documents = 0
      for (const docs of fields.values()) documents += docs.size
      out.set(term, (out.get(term) ?? 0) + documents)
    }
    return out
  }

  has(term: string): boolean {
    return this.index.segment.termIndex(term) >= 0 || this.live._index.get(term) !== undefined
  }

  search(query: EngineQuery): EngineHit[] {
    const groups = query.groups
      .map((group) => group.map((t) => this.resolve(t)).filter((t): t is ResolvedTerm => t !== null))
      .map((terms) => ({ terms, size: terms.reduce((n, t) => n + t.postings, 0) }))
    if (query.combineWith === 'AND' && groups.some((g) => g.terms.length === 0)) return []
    const live = groups.filter((g) => g.terms.length > 0).sort((a, b) => a.size - b.size)
    if (live.length === 0) return []

    const scores = this.table()
    try {
      const excluded = query.excluded.map((term) => this.resolve({ term, weight: 0 })).filter((t): t is ResolvedTerm => t !== null)
      const admissible = (doc: number): boolean => {
        const id = this.idOf(doc)
        return id !== undefined && excluded.every((t) => !this.holds(t, doc)) && query.accept(id)
      }

      if (query.combineWith === 'AND') {
        // candidates from the rarest word; the others are looked up for them
        const [first, ...rest] = live
        for (const term of first!.terms) this.scoreAll(term, scores)
        for (const group of rest) {
          const candidates = scores.candidates()
          const added = new Float64Array(candidates.length)
          for (const term of group.terms) this.scoreCandidates(term, candidates, added)
          for (let i = 0; i < candidates.length; i++) {
            if (added[i] === 0) scores.remove(candidates[i]!)
            else scores.add(candidates[i]!, added[i]!)
          }
        }
      } else {
        for (const group of live) for (const term of group.terms) this.scoreAll(term, scores)
      }

      const top = topK(scores, query.limit, admissible, (doc) => query.boost(this.idOf(doc)!))
      const allTerms = live.flatMap((g) => g.terms)
      return top.map(([doc, score]) => ({
        id: this.idOf(doc)!,
        segmentDoc: doc < this.base ? doc : -1,
        score,
        terms: allTerms.filter((t) => this.holds(t, doc)).map((t) => t.term)
      }))
    } finally {
      scores.release()
    }
  }

  /** A score table over every document number of both layers. */
  private table(): ScoreTable {
    return ScoreTable.acquire(this.base + this.live._nextId)
  }

  /** The id of a document, or undefined if it was deleted. */
  private idOf(doc: number): string | undefined {
    if (doc >= this.base) return this.live._documentIds.get(doc - this.base)
    return this.index.isDeleted(doc) ? undefined : this.index.segment.docId(doc)
  }

  private resolve(weighted: WeightedTerm): ResolvedTerm | null {
    const { segment } = this.index
    const at = segment.termIndex(weighted.term)
    const live = this.live._index.get(weighted.term)
    if (at < 0 && live === undefined) return null
    // its postings are read below: their blocks' sums are checked first (once per block)
    if (at >= 0) segment.checkPostings(at)
    const documents = SEARCH_FIELDS.map((_, f) => (at >= 0 ? segment.termDocs[at * segment.fields + f]! : 0) + (live?.get(f)?.size ?? 0))
    const fieldWeight = documents.map((matching, f) => weighted.weight * this.fieldBoost[f]! * idf(matching, this.documentCount))
    return { ...weighted, segment: at, live, documents, postings: (at >= 0 ? segment.postingCount(at) : 0) + postingsSize(live), fieldWeight }
  }

  private scoreAll(term: ResolvedTerm, into: ScoreTable): void {
    const { segment } = this.index
    if (term.segment >= 0) {
      const { postingDoc } = segment
      for (let i = segment.termStart[term.segment]!, end = segment.termStart[term.segment + 1]!; i < end; i++) into.add(postingDoc[i]!, this.postingScore(term, i))
    }
    for (const [field, docs] of term.live ?? []) {
      for (const [shortId, tf] of docs) {
        into.add(this.base + shortId, this.fieldScore(term, field, tf, this.live._fieldLength.get(shortId)?.[field]))
      }
    }
  }

  /**
   * Adds the term's score in each candidate (ascending document numbers) to `added`. In the
   * segment, the candidates and the term's postings are intersected by leapfrogging: whichever
   * side is behind gallops (doubling steps, then a binary search) to the other's document.
   */
  private scoreCandidates(term: ResolvedTerm, candidates: Uint32Array, added: Float64Array): void {
    const { segment } = this.index
    let c = 0
    if (term.segment >= 0) {
      const { postingDoc } = segment
      let p = segment.termStart[term.segment]!
      const end = segment.termStart[term.segment + 1]!
      while (c < candidates.length && p < end) {
        const doc = candidates[c]!
        const posted = postingDoc[p]!
        if (posted === doc) {
          for (; p < end && postingDoc[p] === doc; p++) added[c]! += this.postingScore(term, p)
          c++
        } else if (posted < doc) p = gallop(postingDoc, doc, p, end)
        else c = gallop(candidates, posted, c, candidates.length)
      }
    }
    if (!term.live) return
    // the live layer's documents come after the segment's
    for (c = lowerBoundOf(candidates, this.base, c); c < candidates.length; c++) {
      const shortId = candidates[c]! - this.base
      for (const [field, docs] of term.live) {
        const tf = docs.get(shortId)
        if (tf !== undefined) added[c]! += this.fieldScore(term, field, tf, this.live._fieldLength.get(shortId)?.[field])
      }
    }
  }

  private holds(term: ResolvedTerm, doc: number): boolean {
    if (doc >= this.base) {
      for (const docs of term.live?.values() ?? []) if (docs.has(doc - this.base)) return true
      return false
    }
    return term.segment >= 0 && this.index.segment.findPosting(term.segment, doc) >= 0
  }

  /** The score of one posting of the segment. */
  private postingScore(term: ResolvedTerm, posting: number): number {
    const { segment } = this.index
    const field = segment.fieldOf(posting)
    return this.fieldScore(term, field, segment.tfOf(posting), segment.fieldLength[segment.postingDoc[posting]! * segment.fields + field]!)
  }

  private fieldScore(term: ResolvedTerm, field: number, tf: number, length: number | undefined): number {
    const avg = this.avgFieldLength[field]!
    return term.fieldWeight[field]! * saturation(tf, length ?? avg, avg)
  }
}

/** MiniSearch's BM25+, in two parts: the inverse document frequency, once per term and field… */
function idf(matching: number, total: number): number {
  return Math.log(1 + (total - matching + 0.5) / (matching + 0.5))
}

/** …and the term frequency's share, per posting. */
function saturation(tf: number, length: number, avg: number): number {
  return BM25.d + (tf * (BM25.k + 1)) / (tf + BM25.k * (1 - BM25.b + (BM25.b * length) / avg))
}

/**
 * The first position in [from, end) whose value is not less than `value`, for a sorted array
 * read forwards: steps of 1, 2, 4… from `from`, then a binary search in the last step.
 */
function gallop(sorted: Uint32Array, value: number, from: number, end: number): number {
  let step = 1
  let lo = from
  let hi = from + 1
  while (hi < end && sorted[hi]! < value) {
    lo = hi
    step *= 2
    hi = lo + step
  }
  return lowerBoundOf(sorted, value, lo, Math.min(hi, end))
}

function postingsSize(data: LivePostings | undefined): number {
  let n = 0
  for (const docs of data?.values() ?? []) n += docs.size
  return n
}

/**
 * The `k` best admissible documents, best first, boosts applied. Boosts only lower scores (≤ 1),
 * so a pool of the 4k best raw scores holds them, unless filters reject too many of the pool:
 * then the admissible ones are chosen while scanning.
 */
function topK(scores: ScoreTable, k: number, admissible: (doc: number) => boolean, boost: (doc: number) => number): [number, number][] {
  const rank = (pool: [number, number][]): [number, number][] => pool.map(([doc, s]): [number, number] => [doc, s * boost(doc)]).sort((a, b) => b[1] - a[1])
  const pool = scores.best(k * 4)
  const ranked = rank(pool.filter(([doc]) => admissible(doc)))
  if (ranked.length >= k || pool.length < k * 4) return ranked.slice(0, k)
  return rank(scores.best(k * 4, admissible)).slice(0, k)
}
