import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { coerceSettings } from '../../shared/settings'
import { parseNoteFile } from './note-file'
import { NotesService } from './notes'
import { IndexFiles } from './search/index-files'
import type { LayeredIndex } from './search/layered-index'
import { bundleForChild } from './testing/bundle-for-child'
import { useNotebooks, useTempDirs } from './test-support'
import { openWorkspace } from './workspace'

const tempDir = useTempDirs()
const openNotebook = useNotebooks()
const KILLS = 100
const children: Record<string, string> = {}
let bundles: string

beforeAll(async () => {
  bundles = mkdtempSync(join(tmpdir(), 'pilcrow-children-'))
  for (const name of ['save-loop', 'settings-loop', 'index-loop']) {
    const dir = join(bundles, name)
    children[name] = await bundleForChild(join(import.meta.dirname, 'testing', `${name}.child.ts`), dir)
  }
})
afterAll(() => rmSync(bundles, { recursive: true, force: true }))

/** Runs a loop child and SIGKILLs it `delayMs` after its first completed write: mid-loop, at a random point of a write. */
function runAndKill(child: string, args: string[], delayMs: number): Promise<number[]> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [child, ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
    const saved: number[] = []
    let timer: NodeJS.Timeout | undefined
    proc.stdout.on('data', (chunk: Buffer) => {
      saved.push(...chunk.toString().trim().split('\n').map(Number))
      timer ??= setTimeout(() => proc.kill('SIGKILL'), delayMs)
    })
    proc.on('close', () => {
      clearTimeout(timer)
      resolve(saved)
    })
  })
}

/**
 * Kills the loop KILLS times; after each kill `read` must parse the file and name the version it
 * holds, which must be the last one confirmed or the one being written when the kill came.
 */
async function killRepeatedly(child: string, args: (startAt: number) => string[], read: () => number): Promise<{ versions: number }> {
  const versions = new Set<number>()
  let confirmed = read()
  for (let run = 0; run < KILLS; run++) {
    const startAt = (run + 1) * 100_000
    const saved = await runAndKill(child, args(startAt), Math.random() * 30)
    expect(saved.length, 'the kill must land inside the write loop').toBeGreaterThan(0)
    const version = read() // throws if torn, empty or unreadable
    const latest = saved.at(-1)!
    expect([latest, latest + 1, confirmed]).toContain(version)
    confirmed = version
    versions.add(version)
  }
  return { versions: versions.size }
}

describe(`a write killed at a random moment (${KILLS} kills each) leaves an old or a new version, never a torn one`, () => {
  it('note files', { timeout: 240_000 }, async () => {
    const ws = await openWorkspace(tempDir())
    const notes = new NotesService(ws)
    await notes.start()
    const note = await notes.create('v0')
    const path = join(ws.notesDir, `${note.id}.json`)
    const { versions } = await killRepeatedly(
      children['save-loop']!,
      (startAt) => [ws.root, note.id, String(startAt)],
      () => {
        const stored = parseNoteFile(readFileSync(path, 'utf8'))
        const version = stored.title === 'v0' ? 0 : Number(stored.title.slice(1))
        if (version !== 0) expect((stored.content.root.children[0] as { children: { text: string }[] }).children[0]!.text).toBe(`version ${version} `.repeat(20_000))
        return version
      }
    )
    expect(versions).toBeGreaterThan(KILLS / 2)
    // a restart removes the temp files those kills left behind
    await new NotesService(ws).start()
    expect(readdirSync(ws.notesDir)).toEqual([`${note.id}.json`])
  })

  it('the settings file', { timeout: 240_000 }, async () => {
    const dir = tempDir()
    const file = join(dir, 'settings.json')
    const { versions } = await killRepeatedly(
      children['settings-loop']!,
      (startAt) => [dir, String(startAt)],
      () => {
        let raw: string
        try {
          raw = readFileSync(file, 'utf8')
        } catch {
          return 0 // not written yet
        }
        const settings = coerceSettings(JSON.parse(raw))
        const version = Number(settings.lastNoteId!.slice(3))
        expect(settings.editorFontSize).toBe(10 + (version % 20))
        return version
      }
    )
    expect(versions).toBeGreaterThan(KILLS / 2)
  })

  it('the search index', { timeout: 240_000 }, async () => {
    const dir = tempDir()
    const notebook = await openNotebook(dir, { bundled: false })
    const note = await notebook.createNote('v0')
    await notebook.close()
    const files = new IndexFiles(join(dir, '.pilcrow', 'cache'))
    const fingerprints = new Set<string>()
    for (let run = 0; run < KILLS; run++) {
      const saved = await runAndKill(children['index-loop']!, [dir, note.id, String((run + 1) * 100_000)], Math.random() * 30)
      expect(saved.length, 'the kill must land inside the write loop').toBeGreaterThan(0)
      // whole and consistent: the changes file names the segment on disk and loads with it
      const raw = readFileSync(files.changesPath, 'utf8')
      const header = JSON.parse(raw.slice(0, raw.indexOf('\n'))) as { fingerprint: string; documents: number }
      const index = await files.load(header.fingerprint)
      expect(typeof index, String(index)).toBe('object')
      expect((index as LayeredIndex).documentCount).toBe(header.documents)
      fingerprints.add(header.fingerprint)
    }
    expect(fingerprints.size).toBeGreaterThan(KILLS / 2) // the file really changed between kills
  })
})
