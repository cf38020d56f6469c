import { closeSync, openSync, readSync } from 'node:fs'
import type { BlockKind } from '../../../shared/model'

/** What a hit shows of a source block: read from here instead of parsing the whole source file. */
export interface StoredBlock {
  text: string
  paragraph: number | null
  kind: BlockKind
}

/** What a hit shows of a note: its title and passages as the index read them. */
export interface StoredNote {
  title: string
  passages: string[]
}

export type StoredRecord = { block: StoredBlock } | { note: StoredNote }

const FORMAT = 'pilcrow-search-passages'
/** The header line is padded to this size, so a reader takes it in one small read. */
const HEADER_BYTES = 512
/** A note's record says so where a block's says its kind (no block kind is "note"). */
const NOTE_KIND = 'note'
/** No record is longer (a whole note of 10,000 paragraphs is a few megabytes). */
const MAX_RECORD_BYTES = 64 * 1024 * 1024

interface StoreHeader {
  format: typeof FORMAT
  /** The id of the segment whose documents these are, in its order. */
  segment: string
  documents: number
}

/** An open store file, its header checked: one per search, however many hits it shows. */
interface OpenStore {
  fd: number
  documents: number
}

/** Where each record starts (documents + 1 of them): read with the first record, kept while the store is. */
type Offsets = Float64Array

/**
 * The text of every document of a segment, on disk beside it (`search-passages.bin`), read a
 * hit at a time: a search of a million paragraphs shows its twenty hits without parsing twenty
 * source files (each a few hundred kilobytes of JSON) or twenty note files, and without keeping
 * them all in memory.
 *
 * File: a header line padded to 512 bytes, the records' offsets (float64, documents + 1), then
 * each record: a block's as `paragraph<TAB>kind<TAB>text`, a note's as `<TAB>note<TAB>` and the
 * JSON of `[title, ...passages]`. Whatever cannot be read here is read from the source or note.
 */
export class PassageStore {
  /** The open file (null: none to read; undefined: not opened yet), and how many `reading` calls hold it open. */
  private open: OpenStore | null | undefined = undefined
  private holders = 0
  /** Read once (8 MB for a million documents): then a hit costs one read of the file, not two. */
  private offsets: Offsets | null = null

  constructor(
    private readonly path: string,
    private readonly segment: string
  ) {}

  /** The file for a segment's documents (in the segment's order). */
  static encode(segment: string, records: readonly (StoredRecord | null)[]): Buffer {
    const header: StoreHeader = { format: FORMAT, segment, documents: records.length }
    const head = Buffer.alloc(HEADER_BYTES, 0x20)
    const line = Buffer.from(JSON.stringify(header), 'utf8')
    if (line.length >= HEADER_BYTES) throw new Error('the passage header is too long')
    line.copy(head)
    head[HEADER_BYTES - 1] = 0x0a
    // one buffer, each record written into it: a million small Buffers and their concatenation took seconds
    const parts = records.map((r): [string, string] =>
      !r ? ['', ''] : 'block' in r ? [`${r.block.paragraph ?? ''}\t${r.block.kind}\t`, r.block.text] : [`\t${NOTE_KIND}\t`, JSON.stringify([r.note.title, ...r.note.passages])]
    )
    const offsets = new Float64Array(records.length + 1)
    let at = 0
    parts.forEach(([lead, text], i) => (offsets[i + 1] = at += lead.length + Buffer.byteLength(text, 'utf8')))
    const recordsAt = HEADER_BYTES + offsets.byteLength
    const file = Buffer.allocUnsafe(recordsAt + at)
    head.copy(file)
    Buffer.from(offsets.buffer).copy(file, HEADER_BYTES)
    parts.forEach(([lead, text], i) => {
      const start = recordsAt + offsets[i]!
      file.write(text, start + file.write(lead, start, 'latin1'), 'utf8')
    })
    return file
  }

  /** Runs `fn` with the file opened once for every `read` it makes (a search's hits). */
  reading<T>(fn: () => T): T {
    this.holders++
    try {
      return fn()
    } finally {
      if (--this.holders === 0) this.close()
    }
  }

  /** The record of document `doc`, or null: none, a damaged or replaced file, another segment's. */
  read(doc: number): StoredRecord | null {
    if (this.open === undefined) this.open = this.openFile()
    try {
      const store = this.open
      if (!store || !(doc >= 0 && doc < store.documents)) return null
      const offsets = (this.offsets ??= readOffsets(store))
      const start = offsets[doc]!
      const length = offsets[doc + 1]! - start
      if (!(length > 0 && length <= MAX_RECORD_BYTES)) return null
      const body = Buffer.alloc(length)
      if (readSync(store.fd, body, 0, length, HEADER_BYTES + (store.documents + 1) * 8 + start) !== length) return null
      return asRecord(body.toString('utf8'))
    } catch {
      return null
    } finally {
      if (this.holders === 0) this.close()
    }
  }

  private close(): void {
    if (this.open) closeSync(this.open.fd)
    this.open = undefined
  }

  private openFile(): OpenStore | null {
    let fd: number
    try {
      fd = openSync(this.path, 'r')
    } catch {
      return null
    }
    try {
      const head = Buffer.alloc(HEADER_BYTES)
      const header = readSync(fd, head, 0, HEADER_BYTES, 0) === HEADER_BYTES ? (JSON.parse(head.toString('utf8')) as StoreHeader) : null
      if (header?.format === FORMAT && header.segment === this.segment && Number.isInteger(header.documents)) return { fd, documents: header.documents }
    } catch {
      // damaged: as if there were none
    }
    closeSync(fd)
    return null
  }
}

function readOffsets(store: OpenStore): Offsets {
  const offsets = new Float64Array(store.documents + 1)
  if (readSync(store.fd, new Uint8Array(offsets.buffer), 0, offsets.byteLength, HEADER_BYTES) !== offsets.byteLength) throw new Error('the passage offsets are cut short')
  return offsets
}

function asRecord(record: string): StoredRecord | null {
  const afterParagraph = record.indexOf('\t')
  const afterKind = record.indexOf('\t', afterParagraph + 1)
  if (afterParagraph < 0 || afterKind < 0) return null
  const paragraph = record.slice(0, afterParagraph)
  const kind = record.slice(afterParagraph + 1, afterKind)
  const text = record.slice(afterKind + 1)
  if (kind === NOTE_KIND) {
    const note = JSON.parse(text) as unknown
    if (!Array.isArray(note) || note.length === 0 || !note.every((t) => typeof t === 'string')) return null
    const [title, ...passages] = note as string[]
    return { note: { title: title!, passages } }
  }
  if (!(paragraph === '' || /^\d+$/.test(paragraph)) || !/^[a-z-]+$/.test(kind)) return null
  return { block: { text, paragraph: paragraph === '' ? null : Number(paragraph), kind: kind as BlockKind } }
}
