import { randomBytes } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { basename, dirname, join } from 'node:path'

/**
 * Temp files of saves are named `.<file>.<pid>.<random>.tmp` beside their target: the writer's
 * process id says whether the save may still be running. (Earlier builds wrote `.<file>.<random>.tmp`.)
 */
export const TEMP_FILE_PATTERN = /^\..+?\.(?:(\d+)\.)?[0-9a-f]{12}\.tmp$/

/** A temp file this old is stray whoever wrote it: no save takes a day. */
const TEMP_MAX_AGE_MS = 24 * 60 * 60 * 1000
/** A temp file of an earlier build (no process id in its name) is stray once this old. */
const UNTAGGED_TEMP_AGE_MS = 10 * 60 * 1000

function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`)
}

/** Writes `data` to a new temp file beside `path` and makes it durable; returns the temp file's path. */
async function writeTemp(path: string, data: string | Uint8Array, mode = 0o644): Promise<string> {
  const temp = tempPathFor(path)
  let handle: fs.FileHandle | undefined
  try {
    handle = await fs.open(temp, 'wx', mode)
    await handle.writeFile(data)
    await handle.sync()
    await handle.close()
    return temp
  } catch (error) {
    await handle?.close().catch(() => undefined)
    await fs.rm(temp, { force: true }).catch(() => undefined)
    throw error
  }
}

/**
 * Replaces `path` with `data` so that a crash at any moment leaves either the old or the new
 * content, never a torn file: write a temp file in the same folder → fsync → rename over the
 * target → fsync the folder. There is deliberately no non-atomic fallback: if any step fails the
 * error propagates and the old file is untouched. `mode` sets the new file's permissions (0o600
 * for a secret the user alone may read).
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, options: { mode?: number } = {}): Promise<void> {
  const temp = await writeTemp(path, data, options.mode)
  try {
    await fs.rename(temp, path)
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined)
    throw error
  }
  await fsyncDir(dirname(path))
}

/**
 * Creates `path` with `data` only if nothing is there yet, in every process at once: the complete
 * file is written aside, then hard-linked into place, which fails with `EEXIST` when another
 * writer got there first (a rename would silently replace it). Where the disk has no hard links,
 * an exclusive create (`wx`) takes its place.
 */
export async function createFileExclusive(path: string, data: string | Uint8Array): Promise<void> {
  const temp = await writeTemp(path, data)
  try {
    await fs.link(temp, path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error
    const handle = await fs.open(path, 'wx', 0o644)
    try {
      await handle.writeFile(data)
      await handle.sync()
    } finally {
      await handle.close()
    }
  } finally {
    await fs.rm(temp, { force: true }).catch(() => undefined)
  }
  await fsyncDir(dirname(path))
}

/** Makes a rename durable: the folder's entry must reach the disk too. */
async function fsyncDir(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** Whether a process with this id is running (one of another user counts: it may be saving). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Deletes temp files left by saves that were interrupted, and returns their names. A temp file
 * whose writer is still running is a save in progress (the app's, while the CLI starts): it is
 * left alone, unless it is a day old.
 */
export async function removeStrayTempFiles(dir: string): Promise<string[]> {
  const names = await fs.readdir(dir).catch(() => [] as string[])
  const now = Date.now()
  const stray: string[] = []
  for (const name of names) {
    const match = TEMP_FILE_PATTERN.exec(name)
    if (!match) continue
    const modified = await fs.stat(join(dir, name)).then((s) => s.mtimeMs, () => null)
    if (modified === null) continue // gone already: its save finished
    const age = now - modified
    const pid = match[1] ? Number(match[1]) : null
    const abandoned = pid === null ? age > UNTAGGED_TEMP_AGE_MS : age > TEMP_MAX_AGE_MS || !isRunning(pid)
    if (abandoned) stray.push(name)
  }
  await Promise.all(stray.map((name) => fs.rm(join(dir, name), { force: true })))
  return stray
}
