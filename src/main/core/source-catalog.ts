import { promises as fs } from 'node:fs'
import { dirname, join } from 'node:path'
import { z } from 'zod'
import { hashId } from '../../shared/hash'
import type { Source, SourceMeta } from '../../shared/model'
import { writeFileAtomic } from './atomic-write'

/** Bump when an entry's fields change: an older catalog is then ignored and rebuilt. */
const CATALOG_VERSION = 1

/** What a source file was when its entry was made: a file that differs is read again. */
export interface FileStamp {
  size: number
  mtimeMs: number
}

/**
 * What the workspace needs to know about a source without holding its blocks: enough to list
 * it, find it by file or title, and tell the search index whether it changed.
 */
export interface CatalogEntry {
  id: string
  meta: SourceMeta
  blockCount: number
  /** A hash of the block ids in order: it changes whenever the blocks do. */
  blocksHash: string
  hasPullQuotes: boolean
  stamp: FileStamp
}

const entrySchema = z.object({
  id: z.string().min(1),
  meta: z.object({ title: z.string(), authors: z.array(z.string()) }).passthrough(),
  blockCount: z.number().int().nonnegative(),
  blocksHash: z.string(),
  hasPullQuotes: z.boolean(),
  stamp: z.object({ size: z.number(), mtimeMs: z.number() })
})
const catalogSchema = z.object({ version: z.literal(CATALOG_VERSION), entries: z.record(z.string(), entrySchema) })

export function catalogEntry(source: Source, stamp: FileStamp): CatalogEntry {
  return {
    id: source.id,
    meta: source.meta,
    blockCount: source.blocks.length,
    blocksHash: hashId(source.blocks.map((b) => b.id).join(',')),
    hasPullQuotes: source.blocks.some((b) => b.kind === 'pullquote'),
    stamp
  }
}

/** A short string that changes whenever the source's file does (what the `source-changed` event carries). */
export function catalogVersion(entry: CatalogEntry): string {
  return `${entry.stamp.size}-${Math.round(entry.stamp.mtimeMs * 1000).toString(36)}-${entry.blocksHash}`
}

/** The stamp of a file's stat; one that cannot be stat'ed matches no entry. */
export function stampOf(stat: { size: number; mtimeMs: number } | null): FileStamp {
  return stat ? { size: stat.size, mtimeMs: stat.mtimeMs } : { size: -1, mtimeMs: -1 }
}

export function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs
}

/**
 * `.pilcrow/cache/sources-catalog.json`: an entry per source file, so opening a workspace reads
 * a few kilobytes instead of every source's blocks (80 MB for 200,000 paragraphs). A cache like
 * the search index: an entry is trusted only while its file's size and modification time are
 * unchanged, and a missing or damaged catalog only means the sources are read in full once.
 */
export class SourceCatalogFile {
  private readonly path: string
  private writing: Promise<void> = Promise.resolve()

  constructor(cacheDir: string) {
    this.path = join(cacheDir, 'sources-catalog.json')
  }

  /** The saved entries by file name; empty when there is no usable catalog. */
  async read(): Promise<Map<string, CatalogEntry>> {
    try {
      const parsed = catalogSchema.safeParse(JSON.parse(await fs.readFile(this.path, 'utf8')))
      return parsed.success ? new Map(Object.entries(parsed.data.entries) as [string, CatalogEntry][]) : new Map()
    } catch {
      return new Map()
    }
  }

  /** Saves the entries (one write at a time, the latest last); a failure only costs a slower next start. */
  write(entries: ReadonlyMap<string, CatalogEntry>): Promise<void> {
    const text = JSON.stringify({ version: CATALOG_VERSION, entries: Object.fromEntries(entries) })
    this.writing = this.writing.then(() =>
      fs
        .mkdir(dirname(this.path), { recursive: true })
        .then(() => writeFileAtomic(this.path, text))
        .catch((error: unknown) => console.error('pilcrow: could not save the sources catalog:', error))
    )
    return this.writing
  }

  /** Resolves when the writes asked for so far are done. */
  settled(): Promise<void> {
    return this.writing
  }
}
