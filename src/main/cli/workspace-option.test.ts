import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useTempDirs } from '../core/test-support'
import { main } from './main'

const tempDir = useTempDirs()
afterEach(() => vi.restoreAllMocks())

describe('--workspace naming a file', () => {
  it.each([['serve'], ['search', 'alliance']])('pilcrow %s refuses it with a clear message, before serving or opening anything', async (...command) => {
    const file = join(tempDir(), 'notes.txt')
    writeFileSync(file, 'not a workspace')
    let out = ''
    let err = ''
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void (out += `${a.join(' ')}\n`))
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void (err += `${a.join(' ')}\n`))
    const code = await main([...command, '--workspace', file])
    expect(code).toBe(1)
    expect(err).toBe(`pilcrow ${command[0]}: The workspace must be a folder, and ${file} is a file.\n`)
    expect(out).toBe('')
  })
})
