import { MAX_FIELDS, overflows, packPosting, type SegmentData } from './segment'
import { WordInterner } from './word-interner'

/**
 * How the builder reads documents: the same fields and term processing as MiniSearch's options,
 * and its words as `tokenize` splits them (see `WordInterner`).
 */
export interface AnalyzerOptions<T> {
  fields: string[]
  /** One index term per word, or none (a stop word). */
  processTerm: (term: string) => string | null
  idOf: (document: T) => string
  valueOf: (document: T, field: string) => string | undefined
}

/** Term frequencies are counted up to this. */
const TF_LIMIT = 0xffff

/**
 * Builds an `IndexSegment` from documents, counting terms exactly as MiniSearch's `add` does
 * (field length = unique words of the field; term frequency per processed term), so scores match.
 * Documents are numbered in id order, which lets a segment find a document by binary search.
 *
 * Every distinct word is analysed once and given a number; the postings of all documents go in
 * three flat typed arrays (term, document × 4 + field, frequency) and are put in term order by
 * one counting sort at the end: no Map or JavaScript array per term, which is what made building
 * a million paragraphs slow (and most of its garbage).
 */
export class SegmentBuilder<T> {
  private readonly documents: T[] = []

  constructor(private readonly options: AnalyzerOptions<T>) {
    if (options.fields.length > MAX_FIELDS) throw new Error(`a segment holds at most ${MAX_FIELDS} fields`)
  }

  add(document: T): void {
    this.documents.push(document)
  }

  /**
   * Builds the segment's data, and for each document (in the segment's order) the position it
   * was added at. `pause` is awaited often with the share done (0–1), so the caller can report
   * progress and yield to other work.
   */
  async build(version: string, fingerprint: string, pause: (progress: number) => Promise<void> = async () => undefined): Promise<SegmentData & { addedAs: Uint32Array }> {
    const { fields, valueOf } = this.options
    const F = fields.length
    const docs = this.documents.map((d, added) => ({ id: this.options.idOf(d), document: d, added })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    for (let i = 1; i < docs.length; i++) if (docs[i]!.id === docs[i - 1]!.id) throw new Error(`duplicate document id ${docs[i]!.id}`)

    const words = new WordTable(this.options.processTerm)
    // about one posting per seven characters of text: room made once, not grown thirty times
    let characters = 0
    for (const { document } of docs) for (const field of fields) characters += valueOf(document, field)?.length ?? 0
    const postings = new PostingLog(Math.ceil(characters / 7) + 1024)
    const fieldLength = new Uint32Array(docs.length * F)
    const avgFieldLength = new Array<number>(F).fill(0)
    let tf = new Uint32Array(1024)
    const touched: number[] = []
    let fieldNumber = 0
    let unique = 0
    const count = (word: number): void => {
      if (words.markSeen(word, fieldNumber)) unique++
      const term = words.termOf(word)
      if (term < 0) return
      if (term >= tf.length) tf = grown(tf, Math.max(term + 1, tf.length * 2))
      if (tf[term] === 0) touched.push(term)
      tf[term]!++
    }
    for (let d = 0; d < docs.length; d++) {
      const document = docs[d]!.document
      for (let f = 0; f < F; f++) {
        const value = valueOf(document, fields[f]!)
        if (value == null) continue
        fieldNumber++
        unique = 0
        words.visitWords(value, count)
        fieldLength[d * F + f] = unique
        // MiniSearch's running mean (count = documents before this one)
        avgFieldLength[f] = (avgFieldLength[f]! * d + unique) / (d + 1)
        for (const term of touched) {
          postings.push(term, d * MAX_FIELDS + f, Math.min(tf[term]!, TF_LIMIT))
          tf[term] = 0
        }
        touched.length = 0
      }
      if ((d & 1023) === 0) await pause((0.9 * d) / docs.length)
    }
    await pause(0.9)

    // terms in string order, and each term's postings after the previous term's (counting sort)
    const order = words.termsInOrder()
    const rankOf = new Uint32Array(order.length)
    order.forEach((term, rank) => (rankOf[term] = rank))
    const termStart = new Uint32Array(order.length + 1)
    for (let i = 0; i < postings.length; i++) termStart[rankOf[postings.term[i]!]! + 1]!++
    for (let t = 0; t < order.length; t++) termStart[t + 1]! += termStart[t]!
    const next = termStart.slice(0, order.length)
    const termDocs = new Uint32Array(order.length * F)
    const postingDoc = new Uint32Array(postings.length)
    const postingMeta = new Uint8Array(postings.length)
    const overflow: [at: number, tf: number][] = []
    for (let i = 0; i < postings.length; i++) {
      const rank = rankOf[postings.term[i]!]!
      const at = next[rank]!++
      const docField = postings.docField[i]!
      const field = docField % MAX_FIELDS
      const frequency = postings.tf[i]!
      // documents were numbered in order and fields in order: each term's postings come sorted
      postingDoc[at] = (docField - field) / MAX_FIELDS
      postingMeta[at] = packPosting(field, frequency)
      if (overflows(frequency)) overflow.push([at, frequency])
      termDocs[rank * F + field]!++
    }
    overflow.sort((a, b) => a[0] - b[0])
    await pause(1)
    return {
      version,
      fingerprint,
      fields: F,
      avgFieldLength,
      terms: order.map((term) => words.termText(term)),
      termStart,
      termDocs,
      postingDoc,
      postingMeta,
      overflowAt: Uint32Array.from(overflow, ([at]) => at),
      overflowTf: Uint32Array.from(overflow, ([, frequency]) => frequency),
      docIds: docs.map((d) => d.id),
      fieldLength,
      addedAs: Uint32Array.from(docs, (d) => d.added)
    }
  }
}

/** Every distinct word met, numbered, with the index term it makes (analysed once per word). */
class WordTable {
  private readonly interner = new WordInterner()
  /** Words analysed so far (numbers below this have their term). */
  private known = 0
  /** Word → term number, or -1 for a word that makes none (a stop word). */
  private wordTerm = new Int32Array(1024)
  /** Word → the last field it was counted in (for the field's number of unique words). */
  private seenIn = new Uint32Array(1024)
  private readonly terms = new Map<string, number>()
  private readonly texts: string[] = []

  constructor(private readonly processTerm: (word: string) => string | null) {}

  /** Calls `visit` with the number of each word of the text. */
  visitWords(text: string, visit: (word: number) => void): void {
    this.interner.visitWords(text, (word) => {
      if (word >= this.known) this.analyse(word)
      visit(word)
    })
  }

  /** Marks the word as met in this field; true the first time. */
  markSeen(word: number, field: number): boolean {
    if (this.seenIn[word] === field) return false
    this.seenIn[word] = field
    return true
  }

  termOf(word: number): number {
    return this.wordTerm[word]!
  }

  termText(term: number): string {
    return this.texts[term]!
  }

  /** Term numbers sorted by their text (JavaScript string order, as the segment looks them up). */
  termsInOrder(): number[] {
    return this.texts.map((_, i) => i).sort((a, b) => (this.texts[a]! < this.texts[b]! ? -1 : 1))
  }

  /** Words are numbered in the order met: the next new one is `known`. */
  private analyse(word: number): void {
    if (word >= this.wordTerm.length) {
      this.wordTerm = grown(this.wordTerm, this.wordTerm.length * 2)
      this.seenIn = grown(this.seenIn, this.seenIn.length * 2)
    }
    const text = this.processTerm(this.interner.words[word]!)
    this.wordTerm[word] = text ? this.termNumber(text) : -1
    this.known = word + 1
  }

  private termNumber(text: string): number {
    let term = this.terms.get(text)
    if (term === undefined) {
      term = this.texts.length
      this.terms.set(text, term)
      this.texts.push(text)
    }
    return term
  }
}

/** Postings in the order met, in three growing typed arrays. */
class PostingLog {
  term: Uint32Array
  docField: Uint32Array
  tf: Uint16Array
  length = 0

  constructor(capacity: number) {
    this.term = new Uint32Array(capacity)
    this.docField = new Uint32Array(capacity)
    this.tf = new Uint16Array(capacity)
  }

  push(term: number, docField: number, tf: number): void {
    if (this.length === this.term.length) {
      const size = Math.ceil(this.length * 1.5)
      this.term = grown(this.term, size)
      this.docField = grown(this.docField, size)
      this.tf = grown(this.tf, size)
    }
    this.term[this.length] = term
    this.docField[this.length] = docField
    this.tf[this.length] = tf
    this.length++
  }
}

/** A copy of a typed array with room for `size` elements. */
function grown<A extends Uint32Array | Int32Array | Uint16Array>(array: A, size: number): A {
  const bigger = new (array.constructor as new (length: number) => A)(size)
  bigger.set(array)
  return bigger
}
