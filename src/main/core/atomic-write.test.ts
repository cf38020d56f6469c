import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { removeStrayTempFiles, writeFileAtomic } from './atomic-write'
import { useTempDirs } from './test-support'

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
    writeFileSync(join(dir, '.note.json.0123456789ab.tmp'), 'half')
    writeFileSync(join(dir, 'note.json'), 'whole')
    expect(await removeStrayTempFiles(dir)).toEqual(['.note.json.0123456789ab.tmp'])
    expect(readdirSync(dir)).toEqual(['note.json'])
  })
})
