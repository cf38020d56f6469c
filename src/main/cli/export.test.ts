import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useTempDirs } from '../core/test-support'
import { pilcrow } from './testing/run-cli'

const tempDir = useTempDirs()
afterEach(() => vi.restoreAllMocks())

describe('pilcrow export --style csl --csl STYLE', () => {
  it('formats the citations and the bibliography in the named style, and names the styles when one is unknown', async () => {
    const workspace = tempDir()
    // a note citing ¶6, written as an import of Markdown that links to it
    const folder = tempDir()
    writeFileSync(join(folder, 'Reading.md'), '# Reading\n\nThe bulwark [¶6](../sources/russia-iran-alignment.md#^p6).\n')
    expect((await pilcrow('import', folder, '--workspace', workspace)).code).toBe(0)
    const out = join(tempDir(), 'export')
    const run = await pilcrow('export', '--all', '--style', 'csl', '--csl', 'chicago-author-date', '--out', out, '--workspace', workspace)
    expect(run.err).toBe('')
    expect(run.code).toBe(0)
    const note = readFileSync(join(out, 'notes', 'Reading.md'), 'utf8')
    expect(note).toContain('[(Tazmini 2021, para. 6)](../sources/russia-iran-alignment.md#^p6)')
    expect(note).toContain('Tazmini, Ghoncheh. 2021. “Russia and Iran – a Strategic Alliance or Something More?”')
    const bad = await pilcrow('export', '--all', '--style', 'csl', '--csl', 'vancouver', '--out', join(tempDir(), 'x'), '--workspace', workspace)
    expect(bad.code).not.toBe(0)
    expect(bad.err).toMatch(/no citation style "vancouver": use one of .*apa/)
  }, 30_000)
})
