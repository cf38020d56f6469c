import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useTempDirs } from '../core/test-support'
import { pilcrow } from './testing/run-cli'

const tempDir = useTempDirs()
afterEach(() => vi.restoreAllMocks())

describe('pilcrow import FILE...', () => {
  it('--json prints, per file, its source id, title and block count, or its error; the exit code says whether all went in', async () => {
    const files = tempDir()
    const workspace = tempDir()
    writeFileSync(join(files, 'reading.md'), '# Reading list\n\nFirst paragraph.\n\nSecond paragraph.\n')
    writeFileSync(join(files, 'empty.txt'), '')
    const run = await pilcrow('import', join(files, 'reading.md'), join(files, 'empty.txt'), '--workspace', workspace, '--json')
    expect(run.code).toBe(1)
    expect(JSON.parse(run.out)).toEqual([
      { file: join(files, 'reading.md'), sourceId: 'reading', title: 'Reading list', blockCount: 3, status: 'added' },
      { file: join(files, 'empty.txt'), error: 'empty.txt: the file is empty.' }
    ])

    writeFileSync(join(files, 'reading.md'), '# Reading list\n\nFirst paragraph.\n\nSecond paragraph, revised.\n')
    const again = await pilcrow('import', join(files, 'reading.md'), '--workspace', workspace)
    expect(again.code).toBe(0)
    expect(again.out).toMatch(/^reading: Updated “Reading list” \(3 blocks\)\. The previous version is kept in \.pilcrow\/deleted-sources\/reading\.[0-9TZ-]+\.replaced\.json\.\n$/)

    const search = await pilcrow('search', 'revised', '--workspace', workspace, '--json')
    expect(JSON.parse(search.out)[0]).toMatchObject({ kind: 'source', sourceId: 'reading', paragraph: 2 })
  })
})
