import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { writeFileAtomic } from '../atomic-write'
import { loadIndex } from './index-loader'
import { LayeredIndex } from './layered-index'
import { PassageStore } from './passage-store'
import { decodeSegment, readSegmentHeader, type IndexSegment, type SegmentHeader } from './segment'
import { MINISEARCH_OPTIONS, SEARCH_INDEX_VERSION, type SearchDocument } from './search-options'

const LEGACY_INDEX = 'search-index.json'

/** The header line of the changes file. */
interface ChangesHeader {
  version: string
  /** The id of the segment these changes apply to. */
  segment: string
  /** The notes and sources segment + changes were built from. */
  fingerprint: string
  /** Documents in segment + changes. */
  documents: number
  /** Segment documents deleted or replaced since it was built. */
  tombstones: string[]
}

/**
 * The persisted index, three files in the cache folder: `search-index.bin`, the segment (written
 * when the index is rebuilt), `search-passages.bin`, the text of its source blocks (written with
 * it, read a hit at a time), and `search-changes.json`, the live layer and tombstones (written
 * a moment after each change; small). Either may be missing, damaged or stale: the index is a
 * cache, and any doubt means a rebuild.
 */
export class IndexFiles {
  readonly segmentPath: string
  readonly changesPath: string
  readonly passagesPath: string
  private prefetched: Promise<Buffer> | null = null

  constructor(private readonly dir: string) {
    this.segmentPath = join(dir, 'search-index.bin')
    this.changesPath = join(dir, 'search-changes.json')
    this.passagesPath = join(dir, 'search-passages.bin')
  }

  /** The passages of a segment's source blocks, as written beside it (`writePassages`). */
  passagesOf(segment: IndexSegment): PassageStore {
    return new PassageStore(this.passagesPath, segment.id)
  }

  /** Written before the segment they belong to: a reader finds them, or finds they are another segment's. */
  async writePassages(file: Buffer): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true })
    await writeFileAtomic(this.passagesPath, file)
  }

  /**
   * Starts reading the segment now, for a load soon after: the read runs on the file system's
   * threads while the notebook opens on the main one (60 MB take 150–200 ms to read).
   */
  prefetch(): void {
    this.prefetched ??= readWhole(this.segmentPath)
    this.prefetched.catch(() => undefined) // load() reports it
  }

  /** The index as persisted, or why it cannot be used. */
  async load(expectedFingerprint: string): Promise<LayeredIndex | string> {
    let file: Buffer
    try {
      const read = this.prefetched ?? fs.readFile(this.segmentPath)
      this.prefetched = null
      file = await read
    } catch {
      return 'no index on disk yet'
    }
    let header: SegmentHeader
    try {
      header = readSegmentHeader(file)
    } catch {
      return 'the index file is damaged'
    }
    if (header.version !== SEARCH_INDEX_VERSION) return 'the index was built with other options'
    const changes = await this.readChanges(header.id)
    if ((changes?.header.fingerprint ?? header.fingerprint) !== expectedFingerprint) return 'notes or sources changed since the index was saved'
    let index: LayeredIndex
    try {
      const { segment } = decodeSegment(file)
      const live = changes ? await loadIndex<SearchDocument>(changes.json, MINISEARCH_OPTIONS) : undefined
      index = new LayeredIndex(segment, live, changes?.header.tombstones)
    } catch {
      return 'the index file is damaged'
    }
    return index.documentCount === (changes?.header.documents ?? header.documents) ? index : 'the index file is incomplete'
  }

  async writeSegment(file: Buffer): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true })
    await writeFileAtomic(this.segmentPath, file)
    // the index of earlier versions (MiniSearch's JSON of everything), replaced by this one
    await fs.rm(join(this.dir, LEGACY_INDEX), { force: true })
  }

  /** Writes the live layer and tombstones, naming the segment they apply to. */
  async writeChanges(index: LayeredIndex, fingerprint: string): Promise<void> {
    const header: ChangesHeader = {
      version: SEARCH_INDEX_VERSION,
      segment: index.segment.id,
      fingerprint,
      documents: index.documentCount,
      tombstones: index.tombstones()
    }
    await fs.mkdir(this.dir, { recursive: true })
    await writeFileAtomic(this.changesPath, `${JSON.stringify(header)}\n${JSON.stringify(index.live)}`)
  }

  /** The changes for this segment, or null (none, damaged, or for another segment: ignored). */
  private async readChanges(segment: string): Promise<{ header: ChangesHeader; json: string } | null> {
    let raw: string
    try {
      raw = await fs.readFile(this.changesPath, 'utf8')
    } catch {
      return null
    }
    const newline = raw.indexOf('\n')
    try {
      const header = JSON.parse(raw.slice(0, newline)) as ChangesHeader
      if (header.version !== SEARCH_INDEX_VERSION || header.segment !== segment || !Array.isArray(header.tombstones)) return null
      return { header, json: raw.slice(newline + 1) }
    } catch {
      return null
    }
  }
}

/**
 * A file's bytes in one read per call of the file system's thread, not `readFile`'s 512 kB
 * chunks: each of those waits for a turn of the main thread, which is busy opening the notebook.
 */
async function readWhole(path: string): Promise<Buffer> {
  const handle = await fs.open(path, 'r')
  try {
    const { size } = await handle.stat()
    const buffer = Buffer.allocUnsafe(size)
    let done = 0
    while (done < size) {
      const { bytesRead } = await handle.read(buffer, done, size - done, done)
      if (bytesRead === 0) break
      done += bytesRead
    }
    return done === size ? buffer : buffer.subarray(0, done)
  } finally {
    await handle.close()
  }
}
