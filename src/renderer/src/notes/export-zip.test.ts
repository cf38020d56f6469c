import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { exportZip } from './export-zip'

// Where Info-ZIP's unzip is missing this skips: install it (apt-get install unzip), as .ci/run does.
const hasUnzip = spawnSync('unzip', ['-v']).status === 0
const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

describe.skipIf(!hasUnzip)('the export zip, read by Info-ZIP unzip', () => {
  it('unpacks into one folder named after the note, with UTF-8 names kept (smart quotes, Arabic, accents) and ordinary permissions', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pilcrow-zip-'))
    dirs.push(dir)
    const names = ['notes/“Alignment” — réflexions.md', 'notes/روسيا وإيران.md', 'sources/russia-iran-alignment.md', 'index.md']
    const zip = exportZip({ name: '“Alignment” #1', files: names.map((path, i) => ({ path, content: `file ${i}\n` })) })
    expect(zip.name).toBe('“Alignment” -1.zip')
    writeFileSync(join(dir, zip.name), zip.bytes)
    const list = spawnSync('unzip', ['-Z1', zip.name], { cwd: dir, encoding: 'utf8' })
    expect(list.stdout.trim().split('\n')).toEqual(names.map((n) => `“Alignment” -1/${n}`))
    // made on Unix, not MS-DOS: unzip -Z shows the Unix permissions
    expect(spawnSync('unzip', ['-Z', zip.name], { cwd: dir, encoding: 'utf8' }).stdout).toMatch(/^-rw-r--r-- .* unx /m)
    const unpacked = spawnSync('unzip', ['-q', zip.name], { cwd: dir, encoding: 'utf8' })
    expect(unpacked.status, unpacked.stderr).toBe(0)
    names.forEach((n, i) => expect(readFileSync(join(dir, '“Alignment” -1', n), 'utf8')).toBe(`file ${i}\n`))
  })
})
