import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { PilcrowError } from '../../shared/errors'
import type { Notebook } from './notebook'
import { useNotebooks, useTempDirs } from './test-support'

const tempDir = useTempDirs()
const open = useNotebooks()
const ARTICLE = 'russia-iran-alignment'

/** Opens (adding a plain-text source, which has no pull quotes), closes (so the catalog is written) and opens again. */
async function reopen(dir: string) {
  const first = await open(dir)
  await addPlainSource(first)
  await first.close()
  return open(dir)
}

const PLAIN = 'field-notes'

async function addPlainSource(notebook: Notebook): Promise<void> {
  const file = join(tempDir(), `${PLAIN}.txt`)
  writeFileSync(file, 'Field notes\n\nThe caravan reached the harbour at dawn, after a long crossing.\n\nA second paragraph about the harbour.\n')
  const [outcome] = await notebook.importSourceFiles([file])
  if (!outcome?.ok) throw new Error(`import failed: ${JSON.stringify(outcome)}`)
}

describe('sources catalog', () => {
  it('opens a workspace without reading the blocks of unchanged sources, and reads them when needed', async () => {
    const dir = tempDir()
    const first = await open(dir)
    await addPlainSource(first)
    const listed = await first.listSources()
    await first.close()

    const notebook = await open(dir)
    expect(notebook.sources.isRead(PLAIN)).toBe(false)
    expect(await notebook.listSources()).toEqual(listed.sort((a, b) => a.id.localeCompare(b.id)))
    expect(notebook.sources.isRead(PLAIN)).toBe(false)
    expect((await notebook.getSource(PLAIN)).blocks.map((b) => b.paragraph)).toEqual([null, 1, 2])
    expect(notebook.sources.isRead(PLAIN)).toBe(true)
  })

  it('answers a search from a persisted index and sources read on demand, as a fresh build does', async () => {
    const dir = tempDir()
    const first = await open(dir)
    await addPlainSource(first)
    const fresh = (await first.search({ query: 'harbour' })).hits
    await first.close()
    const notebook = await open(dir)
    expect(notebook.sources.isRead(PLAIN)).toBe(false)
    const hits = (await notebook.search({ query: 'harbour' })).hits
    expect((await notebook.getSearchStatus()).state).toBe('ready')
    expect(hits).toEqual(fresh)
    expect(hits.map((h) => h.kind === 'source' && h.paragraph).sort()).toEqual([1, 2])
  })

  it('reads a source again when its file changed since the catalog was written', async () => {
    const dir = tempDir()
    await reopen(dir)
    const path = join(dir, 'sources', `${PLAIN}.json`)
    const stored = JSON.parse(readFileSync(path, 'utf8'))
    stored.meta.title = 'Edited outside Pilcrow'
    writeFileSync(path, JSON.stringify(stored))
    const notebook = await open(dir)
    expect((await notebook.listSources()).find((s) => s.id === PLAIN)?.title).toBe('Edited outside Pilcrow')
    expect(notebook.sources.isRead(PLAIN)).toBe(true)
  })

  it('ignores a damaged catalog and finds every source anyway', async () => {
    const dir = tempDir()
    await reopen(dir)
    writeFileSync(join(dir, '.pilcrow', 'cache', 'sources-catalog.json'), '{"version":1,"entries":{"russia-iran-alignment.json":{"id":')
    const notebook = await open(dir)
    expect((await notebook.listSources()).map((s) => s.id).sort()).toEqual([PLAIN, ARTICLE])
    expect(notebook.sources.damaged).toEqual([])
    await notebook.close()
    // and writes a good one again
    expect(Object.keys(JSON.parse(readFileSync(join(dir, '.pilcrow', 'cache', 'sources-catalog.json'), 'utf8')).entries).sort()).toEqual([`${PLAIN}.json`, `${ARTICLE}.json`])
  })

  it('reports a source damaged behind the catalog when it is opened, and leaves the file as it is', async () => {
    const dir = tempDir()
    const notebook = await reopen(dir)
    // same size and modification time as catalogued: only reading the file can tell
    const path = join(dir, 'sources', `${PLAIN}.json`)
    const { size, atime, mtime } = statSync(path)
    const garbage = 'x'.repeat(size)
    writeFileSync(path, garbage)
    utimesSync(path, atime, mtime)
    const error = await notebook.getSource(PLAIN).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PilcrowError)
    expect((error as PilcrowError).message).toBe(
      `The source "Field notes" cannot be opened: ${PLAIN}.json cannot be read: it is not valid JSON (the file may be truncated). The file was left untouched.`
    )
    expect((await notebook.getWorkspaceInfo()).warnings).toContain(`A source file was left untouched because ${PLAIN}.json cannot be read: it is not valid JSON (the file may be truncated)`)
    // the other sources and the search keep working; the damaged one's hits are left out
    expect((await notebook.getSource(ARTICLE)).blocks).toHaveLength(19)
    const hits = (await notebook.search({ query: 'harbour' })).hits
    expect(hits.filter((hit) => hit.kind === 'source')).toEqual([])
    // importing the same file again makes a new source beside it, and does not overwrite it
    await addPlainSource(notebook)
    expect((await notebook.listSources()).map((s) => s.id).sort()).toEqual([PLAIN, `${PLAIN}-2`, ARTICLE])
    expect(readFileSync(path, 'utf8')).toBe(garbage)
  })
})
