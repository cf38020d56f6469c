import { copyFileSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { createAnchor } from '../../../shared/anchors'
import { parseNotebookEvent } from '../../../shared/event-schema'
import type { NotebookEvent } from '../../../shared/events'
import { PARAGRAPH_LINK_TYPE } from '../../../shared/links'
import type { SerializedEditorState } from '../../../shared/notes'
import type { Notebook } from '../notebook'
import { useNotebooks, useTempDirs } from '../test-support'

const tempDir = useTempDirs()
const open = useNotebooks()

const text = (t: string) => ({ type: 'text', text: t, version: 1 })
const doc = (...children: unknown[]): SerializedEditorState => ({ root: { type: 'root', children: [{ type: 'paragraph', children }] } })

/** Every event the notebook announces from now on. */
function record(notebook: Notebook): NotebookEvent[] {
  const heard: NotebookEvent[] = []
  notebook.onEvent((event) => heard.push(event))
  return heard
}

describe('the notebook announces every change, whoever made it', () => {
  it('a save announces the note; its links only when they changed, for the sources they cite', async () => {
    const nb = await open(tempDir())
    const source = await nb.getSource('russia-iran-alignment')
    const p6 = { type: PARAGRAPH_LINK_TYPE, version: 1, anchor: createAnchor(source, source.blocks.find((b) => b.paragraph === 6)!.id), sourceTitle: source.meta.title }
    const note = await nb.createNote('Reading')
    await nb.getBacklinks(source.id) // someone holds backlinks now
    const heard = record(nb)
    const cited = await nb.saveNote({ id: note.id, title: 'Reading', content: doc(text('See '), p6, text('.')), baseRevision: note.revision })
    const typed = await nb.saveNote({ id: note.id, title: 'Reading', content: doc(text('See '), p6, text('.')), baseRevision: cited.revision })
    expect(heard).toEqual([
      { type: 'links-changed', sourceIds: [source.id], noteIds: [], version: 1 },
      { type: 'note-changed', noteId: note.id, revision: cited.revision, title: 'Reading', updatedAt: cited.updatedAt, trashed: false, tags: [] },
      { type: 'note-changed', noteId: note.id, revision: typed.revision, title: 'Reading', updatedAt: typed.updatedAt, trashed: false, tags: [] }
    ])
    // every event passes the check the page's side makes
    for (const event of heard) expect(parseNotebookEvent(JSON.parse(JSON.stringify(event)))).toEqual(event)
  })

  it('settings changes are numbered; imports announce their progress and end', async () => {
    const nb = await open(tempDir())
    const heard = record(nb)
    await nb.updateSettings({ theme: 'dark' })
    await nb.updateSettings({ editorFontSize: 20 })
    expect(heard.filter((e) => e.type === 'settings-changed').map((e) => e.type === 'settings-changed' && [e.version, e.settings.theme, e.settings.editorFontSize])).toEqual([
      [1, 'dark', 16],
      [2, 'dark', 20]
    ])
    await nb.importSource({ fileName: 'a.md', base64: Buffer.from('# A\n\nOne paragraph.\n').toString('base64') })
    await vi.waitFor(() => expect(heard.filter((e) => e.type === 'status-changed').at(-1)).toMatchObject({ imports: { running: false } }))
    expect(heard.some((e) => e.type === 'status-changed' && e.imports.running && e.imports.fileName === 'a.md')).toBe(true)
    expect(heard).toContainEqual({ type: 'source-changed', sourceId: 'a', version: expect.any(String), title: 'A' })
  })
})

describe('the workspace watcher', () => {
  it('a note file written, rewritten and removed by another program becomes the same events, searchable', async () => {
    const dir = tempDir()
    const nb = await open(dir, { watch: true })
    const note = await nb.createNote('Outside')
    const path = join(nb.workspace.notesDir, `${note.id}.json`)
    const heard = record(nb)
    // another editor saves the file its own way: a temp file renamed over it
    const stored = JSON.parse(readFileSync(path, 'utf8'))
    stored.content = doc(text('A pangolin wrote this elsewhere.'))
    writeFileSync(`${path}.other-tool`, JSON.stringify(stored))
    renameSync(`${path}.other-tool`, path)
    await vi.waitFor(() => expect(heard.find((e) => e.type === 'note-changed')).toMatchObject({ noteId: note.id, title: 'Outside', trashed: false }))
    const reread = await nb.getNote(note.id)
    expect(heard.find((e) => e.type === 'note-changed')).toMatchObject({ revision: reread.revision })
    await vi.waitFor(async () => expect((await nb.search({ query: 'pangolin' })).hits.map((h) => h.kind === 'note' && h.noteId)).toEqual([note.id]))

    rmSync(path)
    await vi.waitFor(() => expect(heard.at(-1)).toMatchObject({ type: 'note-changed', noteId: note.id, revision: null }))
    expect((await nb.listNotes()).notes.map((n) => n.id)).not.toContain(note.id)
  })

  it('its own saves come back through the watcher and announce nothing twice', async () => {
    const nb = await open(tempDir(), { watch: true })
    const note = await nb.createNote('Mine')
    const marker = await nb.createNote('Marker')
    const heard = record(nb)
    await nb.saveNote({ id: note.id, title: 'Mine', content: doc(text('typed here')), baseRevision: note.revision })
    // then another program touches another note: once that is heard, the watcher has read the save's write too
    const markerPath = join(nb.workspace.notesDir, `${marker.id}.json`)
    writeFileSync(markerPath, readFileSync(markerPath, 'utf8').replace('"Marker"', '"Marker, renamed outside"'))
    await vi.waitFor(() => expect(heard.some((e) => e.type === 'note-changed' && e.noteId === marker.id)).toBe(true))
    expect(heard.filter((e) => e.type === 'note-changed' && e.noteId === note.id)).toHaveLength(1)
  })

  it('a source added by another process (the CLI) is announced and searchable; one removed is announced as gone', async () => {
    const dir = tempDir()
    const nb = await open(dir, { watch: true })
    const other = await open(tempDir(), { bundled: false })
    const [made] = await other.importSourceFiles([await writeMarkdown(tempDir(), 'steppe.md', '# Steppe\n\nThe saiga antelope crossed the river.\n')])
    expect(made).toMatchObject({ ok: true, sourceId: 'steppe' })
    const heard = record(nb)
    copyFileSync(join(other.workspace.sourcesDir, 'steppe.json'), join(nb.workspace.sourcesDir, 'steppe.json'))
    await vi.waitFor(() => expect(heard).toContainEqual({ type: 'source-changed', sourceId: 'steppe', version: expect.any(String), title: 'Steppe' }))
    expect((await nb.listSources()).map((s) => s.id)).toContain('steppe')
    await vi.waitFor(async () => expect((await nb.search({ query: 'saiga' })).hits[0]).toMatchObject({ kind: 'source', sourceId: 'steppe' }))
    rmSync(join(nb.workspace.sourcesDir, 'steppe.json'))
    await vi.waitFor(() => expect(heard.at(-1)).toEqual({ type: 'source-changed', sourceId: 'steppe', version: null, title: '' }))
    expect((await nb.listSources()).map((s) => s.id)).not.toContain('steppe')
  })
})

describe('parseNotebookEvent', () => {
  it('refuses what is not an event of the contract', () => {
    for (const bad of [null, 'x', { type: 'note-changed' }, { type: 'note-changed', noteId: '../etc', revision: 'r', title: '', updatedAt: '', trashed: false }, { type: 'nope' }, { type: 'links-changed', sourceIds: ['A B'], version: 1 }]) {
      expect(parseNotebookEvent(bad)).toBeNull()
    }
  })
})

async function writeMarkdown(dir: string, name: string, markdown: string): Promise<string> {
  const path = join(dir, name)
  writeFileSync(path, markdown)
  return path
}

describe('the workspace watcher, highlights', () => {
  it('a highlights file written by another program is announced and read again; its own writes announce once', async () => {
    const nb = await open(tempDir(), { watch: true })
    const source = await nb.getSource('russia-iran-alignment')
    const block = source.blocks.find((b) => b.paragraph === 6)!
    const made = await nb.addHighlight({ sourceId: source.id, anchor: createAnchor(source, block.id, { start: 0, end: 5 }), color: 'yellow' })
    const heard = record(nb)
    const path = join(nb.highlights.dir, `${source.id}.json`)
    writeFileSync(path, readFileSync(path, 'utf8').replace('"yellow"', '"green"'))
    await vi.waitFor(() => expect(heard.filter((e) => e.type === 'highlights-changed')).toHaveLength(1))
    expect((await nb.listHighlights(source.id)).highlights.map((h) => [h.id, h.color])).toEqual([[made.id, 'green']])
  })
})
