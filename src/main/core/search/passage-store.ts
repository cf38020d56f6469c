import { closeSync, openSync, readSync } from 'node:fs'
import type { BlockKind } from '../../../shared/model'

/** What a hit shows of a source block: read from here instead of parsing the whole source file. */
export interface StoredBlock {
  text: string
  paragraph: number | null
  kind: BlockKind
}

const FORMAT = 'pilcrow-search-passages'
/** The header line is padded to this size, so a reader takes it in one small read. */
const HEADER_BYTES = 512

interface StoreHeader {
  format: typeof FORMAT
  /** The id of the segment whose documents these are, in its order. */
  segment: string
  documents: number
}

/**
 * The text of every source block of a segment, on disk beside it (`search-passages.bin`), read
 * a hit at a time: a search of a million paragraphs shows its twenty hits without parsing twenty
 * source files (each a few hundred kilobytes of JSON) and without keeping every source in memory.
 *
 * File: a header line padded to 512 bytes, the records' offsets (float64, documents + 1), then
 * each record as `paragraph<TAB>kind<TAB>text` (none for a note: its passages are in memory).
 * Whatever cannot be read here is read from the source itself.
 */
export class PassageStore {
  constructor(
    private readonly path: string,
    private readonly segment: string
  ) {}

  /** The file for a segment's documents (ids in the segment's order); null records for notes. */
  static encode(segment: string, records: readonly (StoredBlock | null)[]): Buffer {
    const header: StoreHeader = { format: FORMAT, segment, documents: records.length }
    const head = Buffer.alloc(HEADER_BYTES, 0x20)
    const line = Buffer.from(JSON.stringify(header), 'utf8')
    if (line.length >= HEADER_BYTES) throw new Error('the passage header is too long')
    line.copy(head)
    head[HEADER_BYTES - 1] = 0x0a
    const offsets = new Float64Array(records.length + 1)
    // one buffer, each record written into it: a million small Buffers and their concatenation took seconds
    const heads = records.map((r) => (r ? `${r.paragraph ?? ''}\t${r.kind}\t` : ''))
    let at = 0
    records.forEach((r, i) => (offsets[i + 1] = at += r ? heads[i]!.length + Buffer.byteLength(r.text, 'utf8') : 0))
    const recordsAt = HEADER_BYTES + offsets.byteLength
    const file = Buffer.allocUnsafe(recordsAt + at)
    head.copy(file)
    Buffer.from(offsets.buffer).copy(file, HEADER_BYTES)
    records.forEach((r, i) => {
      if (r) file.write(r.text, recordsAt + offsets[i]! + file.write(heads[i]!, recordsAt + offsets[i]!, 'latin1'), 'utf8')
    })
    return file
  }

  /** The block of document `doc`, or null: a note, a damaged or replaced file, another segment's. */
  read(doc: number): StoredBlock | null {
    let fd: number
    try {
      fd = openSync(this.path, 'r')
    } catch {
      return null
    }
    try {
      const head = Buffer.alloc(HEADER_BYTES)
      if (readSync(fd, head, 0, HEADER_BYTES, 0) !== HEADER_BYTES) return null
      const header = JSON.parse(head.toString('utf8')) as StoreHeader
      if (header.format !== FORMAT || header.segment !== this.segment || !(doc >= 0 && doc < header.documents)) return null
      const span = new Float64Array(2)
      const spanBytes = Buffer.from(span.buffer)
      if (readSync(fd, spanBytes, 0, 16, HEADER_BYTES + doc * 8) !== 16) return null
      const [start, end] = span as unknown as [number, number]
      const length = end - start
      if (!(length > 0 && length < 64 * 1024 * 1024)) return null
      const recordsAt = HEADER_BYTES + (header.documents + 1) * 8
      const body = Buffer.alloc(length)
      if (readSync(fd, body, 0, length, recordsAt + start) !== length) return null
      return asBlock(body.toString('utf8'))
    } catch {
      return null
    } finally {
      closeSync(fd)
    }
  }
}

/** A record: `paragraph<TAB>kind<TAB>text` (no paragraph number: an unnumbered block). */
function asBlock(record: string): StoredBlock | null {
  const afterParagraph = record.indexOf('\t')
  const afterKind = record.indexOf('\t', afterParagraph + 1)
  if (afterParagraph < 0 || afterKind < 0) return null
  const paragraph = record.slice(0, afterParagraph)
  const kind = record.slice(afterParagraph + 1, afterKind)
  if (!(paragraph === '' || /^\d+$/.test(paragraph)) || !/^[a-z-]+$/.test(kind)) return null
  return { text: record.slice(afterKind + 1), paragraph: paragraph === '' ? null : Number(paragraph), kind: kind as BlockKind }
}
