import { randomUUID } from 'node:crypto'
import { crc32 } from 'node:zlib'
import { DocIdList } from './doc-id-list'
import { indexOfSorted } from './sorted-terms'

/**
 * An immutable part of the search index held in typed arrays: the persisted form is the memory
 * form, so loading is reading one file and checking its sum, and a million paragraphs cost about
 * five bytes a posting instead of the millions of Map entries MiniSearch keeps.
 *
 * File: one JSON header line (`SegmentHeader`), then the sections below, each 8-byte aligned.
 * Postings of a term are sorted by document, then field.
 */
export interface SegmentHeader {
  format: 'pilcrow-search-segment'
  /** The index options it was built with (`SEARCH_INDEX_VERSION`). */
  version: string
  /** The notes and sources it was built from. */
  fingerprint: string
  documents: number
  terms: number
  postings: number
  /** Postings whose term frequency did not fit in their byte (63 or more). */
  overflows: number
  fields: number
  /** Per field, as MiniSearch computes it (a running mean over documents in the order added). */
  avgFieldLength: number[]
  /**
   * CRC-32 in hex of everything after the header line but the postings, checked at load; the
   * postings (nine tenths of the file) have a CRC-32 per block of 65,536 (`postingSums`), each
   * checked when a search first reads a term in it: a one-shot `pilcrow search` reads a few terms.
   */
  checksum: string
  /** Random, made at build: names this segment, so the changes file says which one it applies to. */
  id: string
  sections: Record<SectionName, [offset: number, length: number]>
}

type SectionName = 'termText' | 'termStart' | 'termDocs' | 'postingDoc' | 'postingMeta' | 'postingSums' | 'overflowAt' | 'overflowTf' | 'docText' | 'docStart' | 'fieldLength'

/** Postings are checked in blocks of this many (a block's sum covers its documents and its bytes of field and frequency). */
const POSTING_BLOCK = 1 << 16

/** Thrown when a block of postings does not match its sum: the index file was damaged after it loaded. */
export class SegmentDamagedError extends Error {
  constructor() {
    super('the index file is damaged')
  }
}

const SEGMENT_FORMAT = 'pilcrow-search-segment'

/** A posting's field and term frequency share one byte: the field in the top two bits… */
const FIELD_SHIFT = 6
/** …and the frequency below, up to 62; 63 says "look it up in the overflow list". */
const TF_MASK = 0x3f
export const MAX_FIELDS = 1 << (8 - FIELD_SHIFT)

/** One posting's byte. */
export function packPosting(field: number, tf: number): number {
  return (field << FIELD_SHIFT) | Math.min(tf, TF_MASK)
}

/** Whether a posting's frequency goes in the overflow list too. */
export function overflows(tf: number): boolean {
  return tf >= TF_MASK
}

/** What a segment holds, in memory, before it is encoded. */
export interface SegmentData {
  version: string
  fingerprint: string
  fields: number
  avgFieldLength: number[]
  /** Sorted, without '\n'. */
  terms: string[]
  /** Postings of term t are [termStart[t], termStart[t + 1]). */
  termStart: Uint32Array
  /** Documents holding term t in field f: termDocs[t * fields + f]. */
  termDocs: Uint32Array
  postingDoc: Uint32Array
  /** `packPosting(field, tf)` per posting. */
  postingMeta: Uint8Array
  /** The postings (ascending) whose frequency is 63 or more, and their frequencies. */
  overflowAt: Uint32Array
  overflowTf: Uint32Array
  /** Sorted. */
  docIds: string[]
  /** Unique words of document d in field f: fieldLength[d * fields + f]. */
  fieldLength: Uint32Array
}

/** A segment as it is searched: the arrays of `SegmentData`, the ids in one buffer, the postings' sums. */
interface SegmentArrays extends Omit<SegmentData, 'version' | 'fingerprint' | 'docIds'> {
  docIds: DocIdList
  postingSums: Uint32Array
  /** Whether the postings' sums are known to hold (a segment built here). */
  checked: boolean
}

/** The CRC-32 of a block of postings: its documents' bytes, then its field-and-frequency bytes. */
function postingBlockSum(postingDoc: Uint32Array, postingMeta: Uint8Array, block: number): number {
  const start = block * POSTING_BLOCK
  const end = Math.min(start + POSTING_BLOCK, postingDoc.length)
  const docs = crc32(new Uint8Array(postingDoc.buffer, postingDoc.byteOffset + start * 4, (end - start) * 4))
  return crc32(new Uint8Array(postingMeta.buffer, postingMeta.byteOffset + start, end - start), docs)
}

export class IndexSegment {
  readonly fields: number
  readonly avgFieldLength: number[]
  readonly terms: string[]
  readonly termStart: Uint32Array
  readonly termDocs: Uint32Array
  readonly postingDoc: Uint32Array
  readonly postingMeta: Uint8Array
  private readonly overflowAt: Uint32Array
  private readonly overflowTf: Uint32Array
  private readonly docIds: DocIdList
  readonly fieldLength: Uint32Array
  private readonly postingSums: Uint32Array
  /** Blocks of postings whose sum was checked (all of them in a segment built in this process). */
  private readonly checked: Uint8Array

  constructor(
    arrays: SegmentArrays,
    /** Names this segment: the changes file says which segment it applies to. */
    readonly id: string
  ) {
    this.fields = arrays.fields
    this.avgFieldLength = arrays.avgFieldLength
    this.terms = arrays.terms
    this.termStart = arrays.termStart
    this.termDocs = arrays.termDocs
    this.postingDoc = arrays.postingDoc
    this.postingMeta = arrays.postingMeta
    this.overflowAt = arrays.overflowAt
    this.overflowTf = arrays.overflowTf
    this.docIds = arrays.docIds
    this.fieldLength = arrays.fieldLength
    this.postingSums = arrays.postingSums
    this.checked = new Uint8Array(arrays.postingSums.length).fill(arrays.checked ? 1 : 0)
  }

  /** A segment with no documents (before the first build, or for an empty workspace). */
  static empty(fields: number): IndexSegment {
    return new IndexSegment(
      {
        fields,
        avgFieldLength: new Array<number>(fields).fill(0),
        terms: [],
        termStart: new Uint32Array(1),
        termDocs: new Uint32Array(0),
        postingDoc: new Uint32Array(0),
        postingMeta: new Uint8Array(0),
        overflowAt: new Uint32Array(0),
        overflowTf: new Uint32Array(0),
        docIds: DocIdList.of([]),
        fieldLength: new Uint32Array(0),
        postingSums: new Uint32Array(0),
        checked: true
      },
      'empty'
    )
  }

  get documentCount(): number {
    return this.docIds.length
  }

  docId(doc: number): string {
    return this.docIds.at(doc)
  }

  termIndex(term: string): number {
    return indexOfSorted(this.terms, term)
  }

  /** The document number of an id, or -1 (ids are sorted). */
  docIndex(id: string): number {
    return this.docIds.indexOf(id)
  }

  /** Checks the sums of the blocks a term's postings are in, once each; throws `SegmentDamagedError`. */
  checkPostings(term: number): void {
    const start = this.termStart[term]!
    const end = this.termStart[term + 1]!
    if (end === start) return
    for (let block = Math.floor(start / POSTING_BLOCK), last = Math.floor((end - 1) / POSTING_BLOCK); block <= last; block++) {
      if (this.checked[block] === 1) continue
      if (postingBlockSum(this.postingDoc, this.postingMeta, block) !== this.postingSums[block]) throw new SegmentDamagedError()
      this.checked[block] = 1
    }
  }

  postingCount(term: number): number {
    return this.termStart[term + 1]! - this.termStart[term]!
  }

  fieldOf(posting: number): number {
    return this.postingMeta[posting]! >>> FIELD_SHIFT
  }

  /** The term frequency of a posting (the rare large one from the overflow list). */
  tfOf(posting: number): number {
    const tf = this.postingMeta[posting]! & TF_MASK
    return tf < TF_MASK ? tf : this.overflowTf[lowerBoundOf(this.overflowAt, posting)]!
  }

  /** Where the postings of `doc` for `term` start, or -1 (binary search in the term's postings). */
  findPosting(term: number, doc: number): number {
    const end = this.termStart[term + 1]!
    const at = lowerBoundOf(this.postingDoc, doc, this.termStart[term]!, end)
    return at < end && this.postingDoc[at] === doc ? at : -1
  }

  /** Documents holding the term, summed over fields. */
  documentsWith(term: number): number {
    let n = 0
    for (let f = 0; f < this.fields; f++) n += this.termDocs[term * this.fields + f]!
    return n
  }
}

/** The first position in [lo, hi) of a sorted array whose value is not less than `value`. */
export function lowerBoundOf(sorted: Uint32Array, value: number, lo = 0, hi = sorted.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (sorted[mid]! < value) lo = mid + 1
    else hi = mid
  }
  return lo
}

const ALIGN = 8

/** The file form of a segment (header line, then aligned sections) and the segment it holds. */
export function encodeSegment(data: SegmentData): { file: Buffer; segment: IndexSegment } {
  const ids = DocIdList.encode(data.docIds)
  const postingSums = Uint32Array.from({ length: Math.ceil(data.postingDoc.length / POSTING_BLOCK) }, (_, block) => postingBlockSum(data.postingDoc, data.postingMeta, block))
  const parts: [SectionName, Buffer][] = [
    ['termText', Buffer.from(data.terms.join('\n'), 'utf8')],
    ['termStart', bytesOf(data.termStart)],
    ['termDocs', bytesOf(data.termDocs)],
    ['postingDoc', bytesOf(data.postingDoc)],
    ['postingMeta', bytesOf(data.postingMeta)],
    ['postingSums', bytesOf(postingSums)],
    ['overflowAt', bytesOf(data.overflowAt)],
    ['overflowTf', bytesOf(data.overflowTf)],
    ['docText', ids.text],
    ['docStart', bytesOf(ids.offsets)],
    ['fieldLength', bytesOf(data.fieldLength)]
  ]
  const sections = {} as SegmentHeader['sections']
  const chunks: Buffer[] = []
  let offset = 0
  for (const [name, bytes] of parts) {
    sections[name] = [offset, bytes.length]
    const padding = (ALIGN - (bytes.length % ALIGN)) % ALIGN
    chunks.push(bytes, Buffer.alloc(padding))
    offset += bytes.length + padding
  }
  const body = Buffer.concat(chunks)
  const header: SegmentHeader = {
    format: SEGMENT_FORMAT,
    version: data.version,
    fingerprint: data.fingerprint,
    documents: data.docIds.length,
    terms: data.terms.length,
    postings: data.postingDoc.length,
    overflows: data.overflowAt.length,
    fields: data.fields,
    avgFieldLength: data.avgFieldLength,
    checksum: checksumOf(body, sections),
    id: randomUUID(),
    sections
  }
  const line = Buffer.from(`${JSON.stringify(header)}\n`, 'utf8')
  // the body starts aligned too, so the typed arrays can be views of the file's bytes
  const pad = Buffer.alloc((ALIGN - (line.length % ALIGN)) % ALIGN, 0x20)
  const file = Buffer.concat([line.subarray(0, line.length - 1), pad, Buffer.from('\n'), body])
  // the segment searched is the file's own bytes: one copy in memory, not the builder's arrays too
  return { file, segment: decodeSegment(file, { verified: true }).segment }
}

/** Reads just the header line (to check version and fingerprint before anything else). */
export function readSegmentHeader(file: Buffer): SegmentHeader {
  const newline = file.indexOf(0x0a)
  if (newline < 0) throw new Error('no header line')
  const header = JSON.parse(file.toString('utf8', 0, newline)) as SegmentHeader
  if (header?.format !== SEGMENT_FORMAT) throw new Error('not a search segment')
  return header
}

/** A segment over the bytes of its file; throws when anything does not add up. */
export function decodeSegment(file: Buffer, { verified = false } = {}): { header: SegmentHeader; segment: IndexSegment } {
  const header = readSegmentHeader(file)
  const start = file.indexOf(0x0a) + 1
  // typed arrays need aligned offsets into their ArrayBuffer: copy the rare unaligned read
  const bytes = (file.byteOffset + start) % ALIGN === 0 ? file : Buffer.from(file)
  const body = bytes.subarray(start)
  // a file just built in this process is known good: its sum is not worked out again
  if (!verified && checksumOf(body, header.sections) !== header.checksum) throw new Error('the checksum does not match')
  const { terms: T, postings: P, documents: D, fields: F, overflows: O } = header
  if (!Number.isInteger(F) || F < 1 || F > MAX_FIELDS || !Number.isInteger(O) || O < 0) throw new Error('the header is damaged')
  const section = (name: SectionName, expectedLength?: number): Buffer => {
    const [offset, length] = header.sections[name] ?? [-1, -1]
    if (!Number.isInteger(offset) || offset < 0 || offset % ALIGN !== 0 || !Number.isInteger(length) || length < 0 || offset + length > body.length) {
      throw new Error(`section ${name} is out of bounds`)
    }
    if (expectedLength !== undefined && length !== expectedLength) throw new Error(`section ${name} has the wrong size`)
    return body.subarray(offset, offset + length)
  }
  const view = <A>(Kind: { new (buffer: ArrayBufferLike, offset: number, length: number): A; BYTES_PER_ELEMENT: number }, name: SectionName, count: number): A => {
    const s = section(name, count * Kind.BYTES_PER_ELEMENT)
    return new Kind(s.buffer, s.byteOffset, count)
  }
  const terms = T === 0 ? [] : section('termText').toString('utf8').split('\n')
  if (terms.length !== T) throw new Error('the term list is damaged')
  const docIds = DocIdList.over(section('docText'), view(Uint32Array, 'docStart', D + 1))
  const termStart = view(Uint32Array, 'termStart', T + 1)
  if (termStart[T] !== P) throw new Error('the posting offsets are damaged')
  const arrays: SegmentArrays = {
    fields: F,
    avgFieldLength: header.avgFieldLength,
    terms,
    termStart,
    termDocs: view(Uint32Array, 'termDocs', T * F),
    postingDoc: view(Uint32Array, 'postingDoc', P),
    postingMeta: view(Uint8Array, 'postingMeta', P),
    postingSums: view(Uint32Array, 'postingSums', Math.ceil(P / POSTING_BLOCK)),
    checked: verified,
    overflowAt: view(Uint32Array, 'overflowAt', O),
    overflowTf: view(Uint32Array, 'overflowTf', O),
    docIds,
    fieldLength: view(Uint32Array, 'fieldLength', D * F)
  }
  return { header, segment: new IndexSegment(arrays, header.id) }
}

/** The CRC-32 of the body but its postings (checked a block at a time, see `checkPostings`). */
function checksumOf(body: Buffer, sections: SegmentHeader['sections']): string {
  const [docsAt, docsLength] = sections.postingDoc ?? [0, 0]
  const [metaAt, metaLength] = sections.postingMeta ?? [0, 0]
  if (![docsAt, docsLength, metaAt, metaLength].every(Number.isInteger) || docsAt + docsLength > metaAt || metaAt + metaLength > body.length) throw new Error('the postings are out of bounds')
  // the bytes before the postings, the padding between and after them, and the rest
  let sum = crc32(body.subarray(0, docsAt))
  sum = crc32(body.subarray(docsAt + docsLength, metaAt), sum)
  sum = crc32(body.subarray(metaAt + metaLength), sum)
  return sum.toString(16).padStart(8, '0')
}

function bytesOf(array: ArrayBufferView): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength)
}
