import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseNoteFile } from './note-file'
import { NotesService } from './notes'
import { bundleForChild } from './testing/bundle-for-child'
import { useNotebooks, useTempDirs } from './test-support'
import { openWorkspace } from './workspace'

const tempDir = useTempDirs()
const openNotebook = useNotebooks()
const hasStrace = spawnSync('strace', ['-V']).status === 0
let child: string

let bundleDir: string
beforeAll(async () => {
  bundleDir = mkdtempSync(join(tmpdir(), 'pilcrow-child-'))
  if (hasStrace) child = await bundleForChild(join(import.meta.dirname, 'testing', 'save-once.child.ts'), bundleDir)
})
afterAll(() => rmSync(bundleDir, { recursive: true, force: true }))

/** A workspace with one note holding "old text". */
async function workspaceWithNote() {
  const dir = tempDir()
  const ws = await openWorkspace(dir)
  const notes = new NotesService(ws)
  await notes.start()
  const note = await notes.create('Kept')
  await notes.save({ id: note.id, title: 'Kept', content: { root: { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', text: 'old text' }] }] } }, baseRevision: note.revision })
  const target = join(ws.notesDir, `${note.id}.json`)
  const temp = join(ws.notesDir, `.${note.id}.json.1.000000000000.tmp`) // see save-once.child.ts
  return { dir, ws, id: note.id, target, temp, before: readFileSync(target, 'utf8') }
}

/** Runs one save of "new text" under strace, limited to syscalls on `paths`. */
function saveUnderStrace(dir: string, id: string, paths: string[], straceArgs: string[]) {
  const trace = join(dir, 'strace.log')
  const result = spawnSync('strace', ['-f', '-qq', '-o', trace, ...paths.flatMap((p) => ['-P', p]), ...straceArgs, process.execPath, child, dir, id, 'new text'], { encoding: 'utf8' })
  return { ...result, trace: readFileSync(trace, 'utf8') }
}

const FAULTS = [
  { name: 'rename fails with EPERM', syscalls: 'rename,renameat,renameat2', error: 'EPERM', reason: 'the operating system refused the change (permission denied) (EPERM)' },
  { name: 'fsync fails with EIO', syscalls: 'fsync,fdatasync', error: 'EIO', reason: 'the disk reported an input/output error (EIO)' },
  { name: 'write fails with ENOSPC', syscalls: 'write,writev,pwrite64,pwritev,pwritev2', error: 'ENOSPC', reason: 'the disk is full (ENOSPC)' },
  { name: 'openat fails with EROFS', syscalls: 'open,openat', error: 'EROFS', reason: 'the disk is read-only (EROFS)' }
] as const

// Where strace is missing these skip: install it (apt-get install strace), as .ci/run does.
describe.skipIf(!hasStrace)('saving under injected faults (strace)', () => {
  it.each(FAULTS)('$name: the old file stays intact and the error says why', async (fault) => {
    const ws = await workspaceWithNote()
    // strace -P matches a syscall by its first path: the temp file, for open, write, fsync and rename
    const path = ws.temp
    const run = saveUnderStrace(ws.dir, ws.id, [path], [`-e`, `inject=${fault.syscalls}:error=${fault.error}`])
    expect(run.trace).toContain(`= -1 ${fault.error}`) // the fault really happened
    expect(run.status).toBe(1)
    expect(run.stderr.trim()).toBe(`Not saved: ${fault.reason}. “Kept” on disk was left as it was.`)
    expect(readFileSync(ws.target, 'utf8')).toBe(ws.before)
    expect(readdirSync(ws.ws.notesDir)).toEqual([`${ws.id}.json`]) // no temp file left behind
  })

  it('writes in the durable order: temp file → fsync → rename → fsync the folder', async () => {
    const ws = await workspaceWithNote()
    const run = saveUnderStrace(ws.dir, ws.id, [ws.temp, ws.target, ws.ws.notesDir], ['-e', 'trace=open,openat,write,writev,pwrite64,pwritev,fsync,fdatasync,rename,renameat,renameat2'])
    expect(run.status).toBe(0)
    expect(parseNoteFile(readFileSync(ws.target, 'utf8')).content.root.children).toMatchObject([{ children: [{ text: 'new text' }] }])
    const steps = run.trace
      .split('\n')
      .map((line) => {
        if (/open(at)?\(.*\.tmp"/.test(line) && /O_CREAT/.test(line)) return 'create temp'
        if (/^\d+\s+(write|writev|pwrite64|pwritev)\(/.test(line)) return 'write'
        if (/^\d+\s+f(data)?sync\(/.test(line)) return 'fsync'
        if (/rename(at2?)?\(.*\.tmp".*\.json"/.test(line)) return 'rename'
        if (/open(at)?\(.*notes", O_RDONLY/.test(line) && !/O_DIRECTORY/.test(line)) return 'open folder'
        return null
      })
      .filter((s, i, all) => s !== null && s !== all[i - 1])
    expect(steps.slice(steps.indexOf('create temp'))).toEqual(['create temp', 'write', 'fsync', 'rename', 'open folder', 'fsync'])
  })

  it('a command started while the app saves on a slow disk leaves that save alone (its temp file is live)', async () => {
    const ws = await workspaceWithNote()
    // every fsync of the saving process waits 1.5 s, so its temp file sits in the folder meanwhile
    const saving = spawn('strace', ['-f', '-qq', '-o', '/dev/null', '-e', 'trace=fsync', '-e', 'inject=fsync:delay_enter=1500000', process.execPath, child, ws.dir, ws.id, 'new text', 'real-pid'])
    let stderr = ''
    saving.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const exited = new Promise<number | null>((resolve) => saving.on('exit', resolve))
    await until(() => readdirSync(ws.ws.notesDir).some((name) => name.endsWith('.tmp')))
    // what every `pilcrow` command does as it opens the workspace: stray temp files are removed
    const cli = await openNotebook(ws.dir, { bundled: false })
    expect(cli.notes.list().notes).toHaveLength(1)
    expect(await exited, stderr).toBe(0)
    expect(parseNoteFile(readFileSync(ws.target, 'utf8')).content.root.children).toMatchObject([{ children: [{ text: 'new text' }] }])
    expect(readdirSync(ws.ws.notesDir)).toEqual([`${ws.id}.json`])
  })
})

/** Waits (up to 10 s) until `check` holds. */
async function until(check: () => boolean): Promise<void> {
  for (const start = Date.now(); !check(); await new Promise((r) => setTimeout(r, 10))) {
    if (Date.now() - start > 10_000) throw new Error('timed out')
  }
}
