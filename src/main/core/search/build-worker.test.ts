import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'rolldown'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '../../../shared/settings'
import { bundledSourcePaths, findAppRoot } from '../app-paths'
import { Notebook } from '../notebook'
import { MemorySettingsStore } from '../settings-store'
import { useNotebooks, useTempDirs } from '../test-support'

const tempDir = useTempDirs()
const openNotebook = useNotebooks()
let workerPath = ''

// the worker as the app ships it: its own bundle, run by worker_threads (no test runner inside),
// inside the project so that it finds the packages it imports
beforeAll(async () => {
  workerPath = join(findAppRoot(), '.tmp', 'test-workers', `search-worker-${process.pid}.mjs`)
  await build({
    input: join(__dirname, 'build-worker.ts'),
    platform: 'node',
    external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'),
    output: { file: workerPath, format: 'esm', codeSplitting: false },
    logLevel: 'silent'
  })
}, 60_000)
afterAll(() => rmSync(workerPath, { force: true }))

function openWithWorker(dir: string): Promise<Notebook> {
  return Notebook.open({ workspaceDir: dir, bundledSources: bundledSourcePaths(findAppRoot()), settings: new MemorySettingsStore(DEFAULT_SETTINGS), searchWorker: workerPath, watch: true })
}

const FIELD_NOTES = '# Field notes\n\nThe quokka colony on the island grew after the fox was removed.\n\nPangolins were seen twice near the river crossing.\n'

/** A workspace with the article and a source imported from Markdown (no pull quotes: nothing reads it at start), not indexed yet. */
async function workspaceWithFieldNotes(): Promise<{ dir: string; file: string }> {
  const dir = tempDir()
  const input = join(tempDir(), 'field-notes.md')
  writeFileSync(input, FIELD_NOTES)
  const nb = await openNotebook(dir)
  const [outcome] = await nb.importSourceFiles([input])
  await nb.close()
  // the next start builds the index afresh (on the worker): the import's paragraphs go in its segment
  for (const name of ['search-index.bin', 'search-changes.json', 'search-passages.bin']) rmSync(join(dir, '.pilcrow', 'cache', name), { force: true })
  if (!outcome?.ok) throw new Error('the import failed')
  const sourceId = outcome.sourceId
  return { dir, file: join(dir, 'sources', `${sourceId}.json`) }
}

describe('the search index built on a worker thread', () => {
  it('gives the hits a build on the main thread gives, snippets read from the passage store', async () => {
    const here = await openNotebook(tempDir())
    await here.searchIndex.whenReady()
    const dir = tempDir()
    const worker = await openWithWorker(dir)
    await worker.searchIndex.whenReady()
    for (const query of ['sanctions', 'strategic alliance', 'nucl', 'Tazmini']) {
      const expected = (await here.search({ query })).hits
      expect(expected.length, query).toBeGreaterThan(0)
      expect((await worker.search({ query })).hits, query).toEqual(expected)
    }
    expect(existsSync(join(dir, '.pilcrow', 'cache', 'search-passages.bin'))).toBe(true)
    await worker.close()

    // a hit's paragraph comes from the store: its source is not read into memory for it
    const { dir: withNotes, file } = await workspaceWithFieldNotes()
    const again = await openWithWorker(withNotes)
    const [hit] = (await again.search({ query: 'quokka colony' })).hits
    expect(hit).toMatchObject({ kind: 'source', text: 'The quokka colony on the island grew after the fox was removed.' })
    expect(again.sources.isRead(JSON.parse(readFileSync(file, 'utf8')).id as string)).toBe(false)
    await again.close()
  })

  it('answers from the old index while a source replaced by another program is indexed again, then finds its new words', async () => {
    const { dir, file } = await workspaceWithFieldNotes()
    const nb = await openWithWorker(dir)
    await nb.searchIndex.whenReady()
    const before = (await nb.search({ query: 'sanctions' })).hits
    expect(before.length).toBeGreaterThan(0)
    const segmentFile = join(dir, '.pilcrow', 'cache', 'search-index.bin')
    const built = statSync(segmentFile).ino

    writeFileSync(file, readFileSync(file, 'utf8').replaceAll('Pangolins were', 'Pangolins quixotically were'))
    // the rebuild starts once the watcher has seen the file; meanwhile every search is answered, by the old index
    await expect.poll(async () => (await nb.search({ query: 'quixotically' })).hits.length, { timeout: 20_000 }).toBe(1)
    expect((await nb.search({ query: 'sanctions' })).hits.length).toBe(before.length)
    await nb.close()
    // built again in full (not only its paragraphs changed in the live layer)
    expect(statSync(segmentFile).ino).not.toBe(built)
  })
})
