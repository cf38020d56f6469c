import fc from 'fast-check'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { NOTEBOOK_API_METHODS } from '../../shared/api'
import { dispatchCall } from '../../shared/api-schema'
import { PilcrowError } from '../../shared/errors'
import { markdownToNote } from '../../shared/markdown/parse'
import { coerceSettings } from '../../shared/settings'
import { main as cli } from '../cli/main'
import { startBrowserServer } from '../server/browser-server'
import { importSourceBytes } from './importers'
import { importMarkdown } from './importers/markdown'
import { parseNoteFile } from './note-file'
import { parseSourceFile } from './source-file'
import { noteChildrenArbitrary } from './testing/note-arbitrary'
import { useNotebooks, useTempDirs } from './test-support'

const tempDir = useTempDirs()
const open = useNotebooks()

/** Random and hostile text: arbitrary bytes decoded as UTF-8, JSON-ish fragments, huge nesting. */
const hostile = fc.oneof(
  fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes).toString('utf8')),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.json(),
  fc.constantFrom('{', '[', '{"format":"pilcrow-note","formatVersion":1e400}', '{"root":{"type":"root","children":{}}}', '['.repeat(5000), '"\\ud800"', '---\n: [\n---\n', '<script>alert(1)</script>', '\u0000'.repeat(50))
)

/** A parser must return a value or throw a plain Error with a message — never crash otherwise. */
function expectCleanOutcome(fn: () => unknown): void {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message.length).toBeGreaterThan(0)
  }
}

describe('generated note files through the whole core', () => {
  it('each is listed or reported damaged, and search, links and every export style go on working', async () => {
    const ws = tempDir()
    const samples = fc.sample(noteChildrenArbitrary, { seed: 7, numRuns: 60 })
    await (await open(ws)).close()
    samples.forEach((children, i) => {
      const now = new Date().toISOString()
      writeFileSync(join(ws, 'notes', `n-gen-${i}.json`), JSON.stringify({ format: 'pilcrow-note', formatVersion: 1, id: `n-gen-${i}`, title: `Generated ${i} ${i === 7 ? 'wombat' : ''}`.trim(), createdAt: now, updatedAt: now, trashedAt: null, content: { root: { type: 'root', children } } }))
    })
    const nb = await open(ws)
    const list = await nb.listNotes()
    expect(list.notes.length + list.damaged.length).toBe(samples.length)
    expect((await nb.search({ query: 'a' })).hits).toBeDefined()
    expect(await nb.getBacklinks('russia-iran-alignment')).toMatchObject({ sourceId: 'russia-iran-alignment' })
    for (const style of ['links', 'footnotes', 'pandoc'] as const) expect((await nb.exportMarkdown({ notes: 'all', style })).files.length).toBeGreaterThan(samples.length / 2)
    // saving each again (as the editor does, its unknown parts put back) keeps working
    for (const { id } of list.notes) {
      const note = await nb.getNote(id)
      await nb.saveNote({ id, title: note.title, content: note.content, baseRevision: note.revision })
    }
    expect((await nb.search({ query: 'wombat', scope: 'notes' })).hits.map((h) => h.title)).toEqual(['Generated 7 wombat'])
  })
})

describe('fuzzing every parser we own with random and hostile input', () => {
  it('note files', () => fc.assert(fc.property(hostile, (raw) => expectCleanOutcome(() => parseNoteFile(raw))), { numRuns: 400 }))
  it('source files', () => fc.assert(fc.property(hostile, (raw) => expectCleanOutcome(() => parseSourceFile(raw))), { numRuns: 400 }))
  it('settings (any stored value becomes valid settings)', () =>
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), hostile), (value) => {
        const settings = coerceSettings(value)
        expect(['system', 'light', 'dark']).toContain(settings.theme)
      }),
      { numRuns: 400 }
    ))
  it('the Markdown source importer', () => fc.assert(fc.property(hostile, (raw) => expectCleanOutcome(() => importMarkdown(raw, 'fuzz.md'))), { numRuns: 300 }))
  it('every source importer: a source with blocks, or a PilcrowError that names the file', async () => {
    const html = fc.array(fc.constantFrom('<p>', '</p>', '<script>x()</script>', '<img src=x onerror=y()>', '<a href="javascript:z()">', 'words of text, ', '<h1>', '<li>', '<table><tr><td>', '<svg><script>', '<!--', ']]>', '&amp;', '&#0;', '\u0000'), { maxLength: 60 }).map((parts) => parts.join(''))
    const inputs = fc.oneof(
      fc.tuple(fc.constantFrom('fuzz.md', 'fuzz.txt', 'fuzz.html'), hostile.map((t) => new TextEncoder().encode(t))),
      fc.tuple(fc.constant('fuzz.html'), html.map((t) => new TextEncoder().encode(t))),
      fc.tuple(fc.constantFrom('fuzz.md', 'fuzz.txt', 'fuzz.html', 'fuzz.pdf', 'fuzz.xyz'), fc.uint8Array({ maxLength: 600 })),
      fc.tuple(fc.constant('fuzz.pdf'), fc.uint8Array({ maxLength: 400 }).map((b) => new Uint8Array([...new TextEncoder().encode('%PDF-1.4\n'), ...b])))
    )
    await fc.assert(
      fc.asyncProperty(inputs, async ([name, bytes]) => {
        try {
          const source = await importSourceBytes(bytes, name)
          expect(source.blocks.length).toBeGreaterThan(0)
        } catch (error) {
          expect(error).toBeInstanceOf(PilcrowError)
          expect((error as Error).message.startsWith(`${name}: `)).toBe(true)
        }
      }),
      { numRuns: 120 } // a PDF case starts a worker thread with pdf.js: about 100 ms each
    )
  }, 120_000)
  it('the Markdown note importer', () =>
    fc.assert(
      fc.property(hostile, (raw) => {
        const note = markdownToNote(raw, { citation: () => null })
        expect(note.root.type).toBe('root')
      }),
      { numRuns: 300 }
    ))

  it('API calls with random method names and arguments get a clear error or a result', async () => {
    const nb = await open(tempDir())
    const before = readdirSync(join(nb.workspace.root, 'notes')).length
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constantFrom(...NOTEBOOK_API_METHODS), fc.string()), fc.oneof(fc.jsonValue(), fc.array(fc.jsonValue(), { maxLength: 3 })), async (method, args) => {
        if (method === 'createNote' || method === 'saveNote' || method === 'trashNote' || method === 'restoreNote' || method === 'updateSettings') return // they may legitimately write
        try {
          await dispatchCall(nb, method, args)
        } catch (error) {
          expect(error).toBeInstanceOf(PilcrowError)
        }
      }),
      { numRuns: 300 }
    )
    expect(readdirSync(join(nb.workspace.root, 'notes')).length).toBe(before)
  })

  it('HTTP API bodies: always a 4xx with JSON, never a 500 or a crash', async () => {
    const nb = await open(tempDir())
    const renderer = mkdtempSync(join(tmpdir(), 'pilcrow-renderer-'))
    const server = await startBrowserServer({ api: nb, rendererDir: renderer })
    const post = (method: string, body: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port: server.port, path: `/api/${encodeURIComponent(method)}`, method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Pilcrow-Token': server.token } },
          (res) => {
            res.resume()
            res.on('end', () => resolve(res.statusCode ?? 0))
          }
        )
        req.on('error', reject)
        req.end(body)
      })
    try {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom('getSource', 'getNote', 'search', 'getBacklinks', 'exportMarkdown', 'nope'), hostile, async (method, body) => {
          const status = await post(method, body)
          expect(status === 200 || (status >= 400 && status < 500), `${method} ${JSON.stringify(body).slice(0, 80)} → ${status}`).toBe(true)
        }),
        { numRuns: 200 }
      )
    } finally {
      await server.close()
      rmSync(renderer, { recursive: true, force: true })
    }
  })

  it('CLI arguments: a clear message and an exit code, never a crash, never a write outside the workspace', async () => {
    const cwd = process.cwd()
    const sandbox = tempDir()
    const workspace = join(sandbox, 'ws')
    const silence = { log: console.log, error: console.error }
    console.log = () => undefined
    console.error = () => undefined
    process.chdir(sandbox)
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('search', 'export', 'import', 'bogus', '--help', '--version'),
          fc.array(fc.oneof(fc.constantFrom('--json', '--limit', '--in', '--all', '--note', '--style', '--force', '-x', '--out', '""', 'notes', '0', '-1'), fc.string({ maxLength: 12 })), { maxLength: 5 }),
          async (command, args) => {
            // --out is only ever given a folder inside the sandbox
            const safeArgs = args.map((a, i) => (args[i - 1] === '--out' ? join(sandbox, 'out') : a))
            const code = await cli([command, ...safeArgs, '--workspace', workspace])
            expect([0, 1, 2]).toContain(code)
          }
        ),
        { numRuns: 120 }
      )
    } finally {
      process.chdir(cwd)
      console.log = silence.log
      console.error = silence.error
    }
    expect(readdirSync(sandbox).filter((n) => n !== 'ws' && n !== 'out')).toEqual([])
  }, 120_000)
})
