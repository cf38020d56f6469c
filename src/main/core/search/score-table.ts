/** A query uses at most two tables at once; a few spare ones cover searches that overlap. */
const MAX_FREE = 4
const free: ScoreTable[] = []

/**
 * Scores of candidate documents, by document number: a dense array plus the list of documents
 * touched. A common word has a posting in most of 200,000 paragraphs; adding into a typed array
 * costs a fraction of a Map insertion, and is what keeps such queries fast.
 */
export class ScoreTable {
  private readonly values: Float64Array
  private readonly seen: Uint8Array
  /** Documents given a score, in the order first scored (a removed one stays, at 0). */
  private readonly touched: number[] = []

  private constructor(size: number) {
    this.values = new Float64Array(size)
    this.seen = new Uint8Array(size)
  }

  /**
   * A table for documents numbered below `size`, empty: one given back earlier when it is large
   * enough. Allocating (and zeroing) 200,000 entries per query cost more than scoring a rare word.
   */
  static acquire(size: number): ScoreTable {
    const reused = free.pop()
    return reused && reused.values.length >= size ? reused : new ScoreTable(size)
  }

  /** Gives the table back for reuse, clearing only the entries it touched. */
  release(): void {
    for (const doc of this.touched) {
      this.values[doc] = 0
      this.seen[doc] = 0
    }
    this.touched.length = 0
    if (free.length < MAX_FREE) free.push(this)
  }

  add(doc: number, score: number): void {
    if (this.seen[doc] === 0) {
      this.seen[doc] = 1
      this.touched.push(doc)
    }
    this.values[doc]! += score
  }

  get(doc: number): number {
    return this.values[doc]!
  }

  /** Removes a candidate (scores are always positive, so 0 means absent). */
  remove(doc: number): void {
    this.values[doc] = 0
  }

  /** Calls `fn` for every document with a score. */
  forEach(fn: (doc: number, score: number) => void): void {
    for (const doc of this.touched) {
      const score = this.values[doc]!
      if (score > 0) fn(doc, score)
    }
  }

  /** The documents with a score, in ascending order (how the segment's postings are sorted). */
  candidates(): Uint32Array {
    const out = new Uint32Array(this.touched.length)
    let n = 0
    let ascending = true
    for (const doc of this.touched) {
      if (this.values[doc]! <= 0) continue
      if (n > 0 && doc < out[n - 1]!) ascending = false
      out[n++] = doc
    }
    const docs = out.subarray(0, n)
    // one word's postings are scored in order; several words' (a prefix's completions) need a sort
    return ascending ? docs : docs.sort()
  }

  /** The `k` best documents that `keep` accepts, best first (a min-heap of size k: no full sort). */
  best(k: number, keep: (doc: number) => boolean = () => true): [doc: number, score: number][] {
    const heap: [number, number][] = []
    this.forEach((doc, score) => {
      if (heap.length === k && score <= heap[0]![1]) return
      if (!keep(doc)) return
      if (heap.length < k) {
        heap.push([doc, score])
        siftUp(heap, heap.length - 1)
      } else {
        heap[0] = [doc, score]
        siftDown(heap, 0)
      }
    })
    return heap.sort((a, b) => b[1] - a[1])
  }
}

function siftUp(heap: [number, number][], at: number): void {
  while (at > 0) {
    const parent = (at - 1) >> 1
    if (heap[parent]![1] <= heap[at]![1]) return
    ;[heap[parent], heap[at]] = [heap[at]!, heap[parent]!]
    at = parent
  }
}

function siftDown(heap: [number, number][], at: number): void {
  for (;;) {
    const left = 2 * at + 1
    const right = left + 1
    let smallest = at
    if (left < heap.length && heap[left]![1] < heap[smallest]![1]) smallest = left
    if (right < heap.length && heap[right]![1] < heap[smallest]![1]) smallest = right
    if (smallest === at) return
    ;[heap[smallest], heap[at]] = [heap[at]!, heap[smallest]!]
    at = smallest
  }
}
