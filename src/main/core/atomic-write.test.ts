import { chmodSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createFileExclusive, removeStrayTempFiles, writeFileAtomic } from './atomic-write'
import { deadPid, useTempDirs } from './test-support'

const tempDir = useTempDirs()

describe('writeFileAtomic', () => {
  it('replaces the file and leaves no temp file behind', async () => {
    const dir = tempDir()
    const file = join(dir, 'note.json')
    await writeFileAtomic(file, 'old')
    await writeFileAtomic(file, 'new')
    expect(readFileSync(file, 'utf8')).toBe('new')
    expect(readdirSync(dir)).toEqual(['note.json'])
  })

  it('keeps the old file intact when the write fails', async () => {
    if (process.getuid?.() === 0) {
      // root ignores folder permissions; make the rename fail by targeting a folder instead
      const dir = tempDir()
      const target = join(dir, 'taken')
      await writeFileAtomic(join(dir, 'keep.json'), 'old')
      await import('node:fs/promises').then((fs) => fs.mkdir(join(target, 'inside'), { recursive: true }))
      await expect(writeFileAtomic(target, 'new')).rejects.toThrow()
      expect(readFileSync(join(dir, 'keep.json'), 'utf8')).toBe('old')
      expect(readdirSync(dir).sort()).toEqual(['keep.json', 'taken'])
      return
    }
    const dir = tempDir()
    const file = join(dir, 'note.json')
    await writeFileAtomic(file, 'old')
    chmodSync(dir, 0o500)
    try {
      await expect(writeFileAtomic(file, 'new')).rejects.toThrow()
    } finally {
      chmodSync(dir, 0o700)
    }
    expect(readFileSync(file, 'utf8')).toBe('old')
  })

  it('cleans up temp files of interrupted saves, and nothing else', async () => {
    const dir = tempDir()
    const gone = deadPid()
    writeFileSync(join(dir, `.note.json.${gone}.0123456789ab.tmp`), 'half')
    writeFileSync(join(dir, 'note.json'), 'whole')
    expect(await removeStrayTempFiles(dir)).toEqual([`.note.json.${gone}.0123456789ab.tmp`])
    expect(readdirSync(dir)).toEqual(['note.json'])
  })

  it('leaves the temp file of a save still running in another process (its writer is alive)', async () => {
    const dir = tempDir()
    const live = `.note.json.${process.ppid}.0123456789ab.tmp`
    writeFileSync(join(dir, live), 'being written')
    expect(await removeStrayTempFiles(dir)).toEqual([])
    // a day later it is stray whoever holds the id
    const dayAgo = new Date(Date.now() - 25 * 3600_000)
    utimesSync(join(dir, live), dayAgo, dayAgo)
    expect(await removeStrayTempFiles(dir)).toEqual([live])
  })

  it('an earlier build\'s temp file (no process id) is stray only once ten minutes old', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, '.note.json.0123456789ab.tmp'), 'half')
    expect(await removeStrayTempFiles(dir)).toEqual([])
    const old = new Date(Date.now() - 11 * 60_000)
    utimesSync(join(dir, '.note.json.0123456789ab.tmp'), old, old)
    expect(await removeStrayTempFiles(dir)).toEqual(['.note.json.0123456789ab.tmp'])
  })
})

describe('createFileExclusive', () => {
  it('creates the file whole, and refuses with EEXIST when it is there already (nothing overwritten, no temp left)', async () => {
    const dir = tempDir()
    const file = join(dir, 'source.json')
    await createFileExclusive(file, 'first')
    await expect(createFileExclusive(file, 'second')).rejects.toMatchObject({ code: 'EEXIST' })
    expect(readFileSync(file, 'utf8')).toBe('first')
    expect(readdirSync(dir)).toEqual(['source.json'])
  })

  it('of many writers racing for one name, exactly one wins', async () => {
    const dir = tempDir()
    const file = join(dir, 'source.json')
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => createFileExclusive(file, `writer ${i}`)))
    const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []))
    expect(won).toHaveLength(1)
    expect(readFileSync(file, 'utf8')).toBe(`writer ${won[0]}`)
  })
})
