import { randomUUID } from 'node:crypto'
import { crc32 } from 'node:zlib'
import { indexOfSorted } from './sorted-terms'

/**
 * An immutable part of the search index held in typed arrays: the persisted form is the memory
 * form, so loading is reading one file and checking its sum, and 200,000 paragraphs cost tens of
 * megabytes instead of the millions of Map entries MiniSearch keeps.
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
  fields: number
  /** Per field, as MiniSearch computes it (a running mean over documents in the order added). */
  avgFieldLength: number[]
  /** CRC-32 of everything after the header line, in hex: catches damage (a tenth of SHA-1's time on 60 MB). */
  checksum: string
  /** Random, made at build: names this segment, so the changes file says which one it applies to. */
  id: string
  sections: Record<SectionName, [offset: number, length: number]>
}

type SectionName = 'termText' | 'termStart' | 'termDocs' | 'postingDoc' | 'postingField' | 'postingTf' | 'docText' | 'fieldLength'

const SEGMENT_FORMAT = 'pilcrow-search-segment'

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
  postingField: Uint8Array
  postingTf: Uint16Array
  /** Sorted, without '\n'. */
  docIds: string[]
  /** Unique words of document d in field f: fieldLength[d * fields + f]. */
  fieldLength: Uint32Array
}

export class IndexSegment implements Omit<SegmentData, 'version' | 'fingerprint'> {
  readonly fields: number
  readonly avgFieldLength: number[]
  readonly terms: string[]
  readonly termStart: Uint32Array
  readonly termDocs: Uint32Array
  readonly postingDoc: Uint32Array
  readonly postingField: Uint8Array
  readonly postingTf: Uint16Array
  readonly docIds: string[]
  readonly fieldLength: Uint32Array

  constructor(
    data: SegmentData,
    /** Names this segment: the changes file says which segment it applies to. */
    readonly id: string
  ) {
    this.fields = data.fields
    this.avgFieldLength = data.avgFieldLength
    this.terms = data.terms
    this.termStart = data.termStart
    this.termDocs = data.termDocs
    this.postingDoc = data.postingDoc
    this.postingField = data.postingField
    this.postingTf = data.postingTf
    this.docIds = data.docIds
    this.fieldLength = data.fieldLength
  }

  /** A segment with no documents (before the first build, or for an empty workspace). */
  static empty(fields: number): IndexSegment {
    const data: SegmentData = {
      version: '',
      fingerprint: '',
      fields,
      avgFieldLength: new Array<number>(fields).fill(0),
      terms: [],
      termStart: new Uint32Array(1),
      termDocs: new Uint32Array(0),
      postingDoc: new Uint32Array(0),
      postingField: new Uint8Array(0),
      postingTf: new Uint16Array(0),
      docIds: [],
      fieldLength: new Uint32Array(0)
    }
    return new IndexSegment(data, 'empty')
  }

  get documentCount(): number {
    return this.docIds.length
  }

  termIndex(term: string): number {
    return indexOfSorted(this.terms, term)
  }

  /** The document number of an id, or -1 (ids are sorted). */
  docIndex(id: string): number {
    return indexOfSorted(this.docIds, id)
  }

  postingCount(term: number): number {
    return this.termStart[term + 1]! - this.termStart[term]!
  }

  /** Where the postings of `doc` for `term` start, or -1 (binary search in the term's postings). */
  findPosting(term: number, doc: number): number {
    let lo = this.termStart[term]!
    let hi = this.termStart[term + 1]!
    const end = hi
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.postingDoc[mid]! < doc) lo = mid + 1
      else hi = mid
    }
    return lo < end && this.postingDoc[lo] === doc ? lo : -1
  }

  /** Documents holding the term, summed over fields. */
  documentsWith(term: number): number {
    let n = 0
    for (let f = 0; f < this.fields; f++) n += this.termDocs[term * this.fields + f]!
    return n
  }
}

const ALIGN = 8

/** The file form of a segment (header line, then aligned sections) and the segment it holds. */
export function encodeSegment(data: SegmentData): { file: Buffer; segment: IndexSegment } {
  const parts: [SectionName, Buffer][] = [
    ['termText', Buffer.from(data.terms.join('\n'), 'utf8')],
    ['termStart', bytesOf(data.termStart)],
    ['termDocs', bytesOf(data.termDocs)],
    ['postingDoc', bytesOf(data.postingDoc)],
    ['postingField', bytesOf(data.postingField)],
    ['postingTf', bytesOf(data.postingTf)],
    ['docText', Buffer.from(data.docIds.join('\n'), 'utf8')],
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
    fields: data.fields,
    avgFieldLength: data.avgFieldLength,
    checksum: checksumOf(body),
    id: randomUUID(),
    sections
  }
  const line = Buffer.from(`${JSON.stringify(header)}\n`, 'utf8')
  // the body starts aligned too, so the typed arrays can be views of the file's bytes
  const pad = Buffer.alloc((ALIGN - (line.length % ALIGN)) % ALIGN, 0x20)
  const file = Buffer.concat([line.subarray(0, line.length - 1), pad, Buffer.from('\n'), body])
  return { file, segment: new IndexSegment(data, header.id) }
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
export function decodeSegment(file: Buffer): { header: SegmentHeader; segment: IndexSegment } {
  const header = readSegmentHeader(file)
  const start = file.indexOf(0x0a) + 1
  // typed arrays need aligned offsets into their ArrayBuffer: copy the rare unaligned read
  const bytes = (file.byteOffset + start) % ALIGN === 0 ? file : Buffer.from(file)
  const body = bytes.subarray(start)
  if (checksumOf(body) !== header.checksum) throw new Error('the checksum does not match')
  const { terms: T, postings: P, documents: D, fields: F } = header
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
  const docIds = D === 0 ? [] : section('docText').toString('utf8').split('\n')
  if (terms.length !== T || docIds.length !== D) throw new Error('the term or document list is damaged')
  const termStart = view(Uint32Array, 'termStart', T + 1)
  if (termStart[T] !== P) throw new Error('the posting offsets are damaged')
  const data: SegmentData = {
    version: header.version,
    fingerprint: header.fingerprint,
    fields: F,
    avgFieldLength: header.avgFieldLength,
    terms,
    termStart,
    termDocs: view(Uint32Array, 'termDocs', T * F),
    postingDoc: view(Uint32Array, 'postingDoc', P),
    postingField: view(Uint8Array, 'postingField', P),
    postingTf: view(Uint16Array, 'postingTf', P),
    docIds,
    fieldLength: view(Uint32Array, 'fieldLength', D * F)
  }
  return { header, segment: new IndexSegment(data, header.id) }
}

function checksumOf(body: Buffer): string {
  return crc32(body).toString(16).padStart(8, '0')
}

function bytesOf(array: ArrayBufferView): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength)
}
