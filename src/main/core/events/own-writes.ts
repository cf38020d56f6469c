import { promises as fs } from 'node:fs'

/**
 * The size and time of each file as this process last wrote it, so the watcher's news of a write
 * of our own is dismissed with one stat, without reading (and parsing) the file again.
 */
export class OwnWrites {
  private readonly stamps = new Map<string, { size: number; mtimeMs: number }>()

  /** Notes a file just written under `key`. */
  async wrote(key: string, path: string): Promise<void> {
    const stat = await fs.stat(path).catch(() => null)
    if (stat) this.stamps.set(key, { size: stat.size, mtimeMs: stat.mtimeMs })
    else this.stamps.delete(key)
  }

  /** Whether the file is still as this process wrote it (then the change seen was ours). */
  async isOwn(key: string, path: string): Promise<boolean> {
    const mine = this.stamps.get(key)
    if (!mine) return false
    const stat = await fs.stat(path).catch(() => null)
    if (stat && stat.size === mine.size && stat.mtimeMs === mine.mtimeMs) return true
    this.stamps.delete(key)
    return false
  }
}
