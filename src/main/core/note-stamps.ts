import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { writeFileAtomic } from './atomic-write'
import type { FileStamp } from './source-catalog'

/** A note file's size and modification time when its revision was last worked out. */
export interface StampedRevision extends FileStamp {
  revision: string
}

/**
 * `.pilcrow/cache/note-revisions.json`: each note file's revision with the stamp of the file it
 * came from, so a command that only needs the revisions (is the search index current?) stats
 * 20,000 files instead of reading them. A cache like the sources catalog: an entry counts only
 * while its file's stamp is unchanged, and a missing or damaged file means the notes are read.
 */
export class NoteStamps {
  private readonly path: string
  private saving: Promise<void> = Promise.resolve()

  constructor(cacheDir: string) {
    this.path = join(cacheDir, 'note-revisions.json')
  }

  load(): Map<string, StampedRevision> {
    try {
      const raw = JSON.parse(readFileSync(this.path, 'utf8')) as Record<string, unknown>
      const out = new Map<string, StampedRevision>()
      for (const [id, value] of Object.entries(raw)) {
        if (!Array.isArray(value) || value.length !== 3) continue
        const [size, mtimeMs, revision] = value as unknown[]
        if (typeof size === 'number' && typeof mtimeMs === 'number' && typeof revision === 'string') out.set(id, { size, mtimeMs, revision })
      }
      return out
    } catch {
      return new Map()
    }
  }

  /** Written in the background; a failed write only means the notes are read next time. */
  save(stamps: ReadonlyMap<string, StampedRevision>): void {
    const body = JSON.stringify(Object.fromEntries([...stamps].map(([id, s]) => [id, [s.size, s.mtimeMs, s.revision]])))
    this.saving = this.saving.then(() => writeFileAtomic(this.path, body).catch(() => undefined))
  }

  settled(): Promise<void> {
    return this.saving
  }
}
