import { spawn } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { parseNoteFile } from './note-file'
import { NotesService } from './notes'
import { bundleForChild } from './testing/bundle-for-child'
import { useTempDirs } from './test-support'
import { openWorkspace } from './workspace'

const tempDir = useTempDirs()
const KILLS = 100
let child: string

beforeAll(async () => {
  child = await bundleForChild(join(import.meta.dirname, 'testing', 'save-loop.child.ts'), tempDir())
})

/** Runs the save loop and SIGKILLs it `delayMs` after its first completed save: mid-loop, at a random point of a save. */
function runAndKill(workspace: string, noteId: string, startAt: number, delayMs: number): Promise<number[]> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [child, workspace, noteId, String(startAt)], { stdio: ['ignore', 'pipe', 'inherit'] })
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

describe('a save killed at a random moment', () => {
  it(`leaves the note at an old or a new version, never torn or empty (${KILLS} kills)`, { timeout: 180_000 }, async () => {
    const dir = tempDir()
    const ws = await openWorkspace(dir)
    const notes = new NotesService(ws)
    await notes.start()
    const note = await notes.create('v0')
    const path = join(ws.notesDir, `${note.id}.json`)
    let lastConfirmed = 0
    const versionsSeen = new Set<number>()
    let killedMidLoop = 0
    for (let run = 0; run < KILLS; run++) {
      const startAt = (run + 1) * 100_000
      const saved = await runAndKill(dir, note.id, startAt, Math.random() * 30)
      if (saved.length > 0) killedMidLoop++
      const stored = parseNoteFile(readFileSync(path, 'utf8')) // throws if torn or empty
      const version = stored.title === 'v0' ? 0 : Number(stored.title.slice(1))
      // the file holds the last confirmed save, or the one in flight when the kill came
      const latest = saved.at(-1)
      const allowed = latest === undefined ? [lastConfirmed] : [latest, latest + 1]
      expect(allowed).toContain(version)
      if (version !== 0) {
        const text = (stored.content.root.children[0] as { children: { text: string }[] }).children[0]!.text
        expect(text).toBe(`version ${version} `.repeat(20_000))
      }
      lastConfirmed = version
      versionsSeen.add(version)
      // anything else in the folder is a temp file of the interrupted save
      expect(readdirSync(ws.notesDir).filter((n) => n !== `${note.id}.json` && !n.endsWith('.tmp'))).toEqual([])
    }
    // every kill landed inside the save loop, and left many different versions behind
    expect(killedMidLoop).toBe(KILLS)
    expect(versionsSeen.size).toBeGreaterThan(KILLS / 2)
    // a restart cleans up the temp files those kills left behind
    const restarted = new NotesService(ws)
    await restarted.start()
    expect(readdirSync(ws.notesDir)).toEqual([`${note.id}.json`])
  })
})
