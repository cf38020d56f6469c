import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useNotebooks, useTempDirs } from './test-support'
import { openWorkspace, WORKSPACE_FORMAT_VERSION } from './workspace'

const tempDir = useTempDirs()
const open = useNotebooks()

describe('workspace', () => {
  it('creates a workspace with a format version in an empty or missing folder', async () => {
    const dir = join(tempDir(), 'new')
    const ws = await openWorkspace(dir)
    expect(ws.created).toBe(true)
    const marker = JSON.parse(readFileSync(join(dir, 'pilcrow-workspace.json'), 'utf8'))
    expect(marker).toMatchObject({ format: 'pilcrow-workspace', formatVersion: WORKSPACE_FORMAT_VERSION })
    expect((await openWorkspace(dir)).created).toBe(false)
  })

  it('refuses a folder written by a newer Pilcrow', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'pilcrow-workspace.json'), JSON.stringify({ format: 'pilcrow-workspace', formatVersion: 99 }))
    await expect(openWorkspace(dir)).rejects.toThrow('This workspace was written by a newer Pilcrow (format 99; this version reads up to 1). Update Pilcrow to open it.')
  })

  it('refuses a non-empty folder that is not a workspace, and touches nothing in it', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'thesis.docx'), 'mine')
    await expect(openWorkspace(dir)).rejects.toThrow(/is not a Pilcrow workspace and is not empty/)
    expect(readdirSync(dir)).toEqual(['thesis.docx'])
  })
})

describe('notebook', () => {
  it('starts a new workspace with the bundled article, stored as a normalised source', async () => {
    const dir = tempDir()
    const notebook = await open(dir)
    expect(await notebook.listSources()).toEqual([
      { id: 'russia-iran-alignment', title: 'Russia and Iran – a strategic alliance or something more?', authors: ['Ghoncheh Tazmini'], blockCount: 19, originalFile: 'russia-iran-alignment.md' }
    ])
    const stored = JSON.parse(readFileSync(join(dir, 'sources', 'russia-iran-alignment.json'), 'utf8'))
    expect(stored).toMatchObject({ format: 'pilcrow-source', formatVersion: 1, id: 'russia-iran-alignment' })
    expect(readdirSync(join(dir, 'sources', 'originals'))).toEqual(['russia-iran-alignment.md'])
  })

  it('reopens a workspace without importing the article again', async () => {
    const dir = tempDir()
    await open(dir)
    const again = await open(dir)
    expect((await again.listSources()).map((s) => s.id)).toEqual(['russia-iran-alignment'])
    expect((await again.getSource('russia-iran-alignment')).blocks.filter((b) => b.paragraph !== null)).toHaveLength(12)
  })

  it('reports a damaged source file, leaves it as it is, and keeps the others', async () => {
    const dir = tempDir()
    await open(dir)
    mkdirSync(join(dir, 'sources'), { recursive: true })
    writeFileSync(join(dir, 'sources', 'broken.json'), '{"format":"pilcrow-source","formatVe')
    const notebook = await open(dir)
    expect(notebook.sources.damaged).toEqual([
      { path: join(dir, 'sources', 'broken.json'), reason: 'broken.json cannot be read: it is not valid JSON (the file may be truncated)' }
    ])
    expect(readFileSync(join(dir, 'sources', 'broken.json'), 'utf8')).toBe('{"format":"pilcrow-source","formatVe')
    expect((await notebook.listSources()).map((s) => s.id)).toEqual(['russia-iran-alignment'])
  })

  it('says which source is missing', async () => {
    const notebook = await open(tempDir())
    await expect(notebook.getSource('nope')).rejects.toThrow('There is no source "nope" in this workspace.')
  })
})

describe('a notebook whose notes vanished', () => {
  it('warns when all its notes were deleted or emptied by another program, and changes nothing', async () => {
    const dir = tempDir()
    const nb = await open(dir)
    for (const title of ['a', 'b', 'c']) await nb.createNote(title)
    await nb.close()
    expect((await (await open(dir)).getWorkspaceInfo()).warnings).toEqual([])
    for (const name of readdirSync(join(dir, 'notes'))) rmSync(join(dir, 'notes', name))
    const after = await open(dir)
    expect((await after.getWorkspaceInfo()).warnings).toEqual([
      `The 3 notes this notebook had are gone from ${join(dir, 'notes')}. Another program may have deleted them. Pilcrow changed nothing: restore the notes folder from a backup.`
    ])
    writeFileSync(join(dir, 'notes', 'n-x.json'), '')
    const emptied = await open(dir)
    expect((await emptied.getWorkspaceInfo()).warnings[0]).toMatch(/^All 3 notes of this notebook are unreadable now \(1 damaged files\)/)
  })
})
