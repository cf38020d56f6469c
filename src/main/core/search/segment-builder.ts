import type { SegmentData } from './segment'

/** How the builder reads documents: the same fields, tokenizer and term processing as MiniSearch's options. */
export interface AnalyzerOptions<T> {
  fields: string[]
  tokenize: (text: string, fieldName?: string) => string[]
  processTerm: (term: string, fieldName?: string) => string | string[] | null | undefined | false
  idOf: (document: T) => string
  valueOf: (document: T, field: string) => string | undefined
}

/** Posting packed in one number: (document × 4 + field) × 2¹⁶ + term frequency. */
const TF_LIMIT = 0xffff
const MAX_FIELDS = 4

/**
 * Builds an `IndexSegment` from documents, counting terms exactly as MiniSearch's `add` does
 * (field length = unique words of the field; term frequency per processed term), so scores match.
 * Documents are numbered in id order, which lets a segment find a document by binary search.
 */
export class SegmentBuilder<T> {
  private readonly documents: T[] = []

  constructor(private readonly options: AnalyzerOptions<T>) {
    if (options.fields.length > MAX_FIELDS) throw new Error(`a segment holds at most ${MAX_FIELDS} fields`)
  }

  add(document: T): void {
    const id = this.options.idOf(document)
    if (id.includes('\n')) throw new Error('a document id cannot hold a line break')
    this.documents.push(document)
  }

  /**
   * Builds the segment's data. `pause` is awaited often with the share done (0–1), so the
   * caller can report progress and yield to other work.
   */
  async build(version: string, fingerprint: string, pause: (progress: number) => Promise<void> = async () => undefined): Promise<SegmentData> {
    const { fields, tokenize, processTerm, idOf, valueOf } = this.options
    const F = fields.length
    const docs = this.documents.map((d) => ({ id: idOf(d), document: d })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    for (let i = 1; i < docs.length; i++) if (docs[i]!.id === docs[i - 1]!.id) throw new Error(`duplicate document id ${docs[i]!.id}`)

    const postings = new Map<string, number[]>()
    const fieldLength = new Uint32Array(docs.length * F)
    const avgFieldLength = new Array<number>(F).fill(0)
    const counts = new Map<string, number>()
    for (let d = 0; d < docs.length; d++) {
      const document = docs[d]!.document
      for (let f = 0; f < F; f++) {
        const value = valueOf(document, fields[f]!)
        if (value == null) continue
        const tokens = tokenize(value, fields[f])
        const unique = new Set(tokens).size
        fieldLength[d * F + f] = unique
        // MiniSearch's running mean (count = documents before this one)
        avgFieldLength[f] = (avgFieldLength[f]! * d + unique) / (d + 1)
        counts.clear()
        for (const token of tokens) {
          const processed = processTerm(token, fields[f])
          for (const term of Array.isArray(processed) ? processed : processed ? [processed] : []) counts.set(term, (counts.get(term) ?? 0) + 1)
        }
        for (const [term, tf] of counts) {
          const packed = (d * MAX_FIELDS + f) * 0x10000 + Math.min(tf, TF_LIMIT)
          const list = postings.get(term)
          if (list) list.push(packed)
          else postings.set(term, [packed])
        }
      }
      if ((d & 255) === 0) await pause((0.9 * d) / docs.length)
    }

    const terms = [...postings.keys()].sort()
    let total = 0
    for (const list of postings.values()) total += list.length
    const termStart = new Uint32Array(terms.length + 1)
    const termDocs = new Uint32Array(terms.length * F)
    const postingDoc = new Uint32Array(total)
    const postingField = new Uint8Array(total)
    const postingTf = new Uint16Array(total)
    let at = 0
    for (let t = 0; t < terms.length; t++) {
      termStart[t] = at
      // documents were added in order and fields in order: each list is already sorted
      for (const packed of postings.get(terms[t]!)!) {
        const docField = Math.floor(packed / 0x10000)
        const field = docField % MAX_FIELDS
        postingDoc[at] = (docField - field) / MAX_FIELDS
        postingField[at] = field
        postingTf[at] = packed % 0x10000
        termDocs[t * F + field]!++
        at++
      }
      if ((t & 4095) === 0) await pause(0.9 + (0.1 * t) / terms.length)
    }
    termStart[terms.length] = at
    return { version, fingerprint, fields: F, avgFieldLength, terms, termStart, termDocs, postingDoc, postingField, postingTf, docIds: docs.map((d) => d.id), fieldLength }
  }
}
