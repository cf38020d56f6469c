import { chmodSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { SerializedEditorState } from '../../shared/notes'
import { NotesService } from './notes'
import { deadPid, useTempDirs } from './test-support'
import { openWorkspace } from './workspace'

const tempDir = useTempDirs()

async function service(dir = tempDir()): Promise<{ notes: NotesService; dir: string; notesDir: string }> {
  const ws = await openWorkspace(dir)
  const notes = new NotesService(ws)
  await notes.start()
  return { notes, dir, notesDir: ws.notesDir }
}

const text = (words: string): SerializedEditorState => ({
  root: {
    type: 'root',
    children: [{ type: 'paragraph', version: 1, children: [{ type: 'text', text: words, version: 1, format: 0, mode: 'normal', style: '', detail: 0 }] }]
  }
})

describe('NotesService', () => {
  it('creates, saves and reads back a note in its own file', async () => {
    const { notes, notesDir, dir } = await service()
    const note = await notes.create('First')
    const saved = await notes.save({ id: note.id, title: 'First note', content: text('hello'), baseRevision: note.revision })
    expect(saved.conflict).toBeNull()
    expect(readdirSync(notesDir)).toEqual([`${note.id}.json`])
    const again = await service(dir)
    const read = await again.notes.get(note.id)
    expect(read).toMatchObject({ title: 'First note', content: text('hello'), revision: saved.revision, trashedAt: null })
    expect(JSON.parse(readFileSync(join(notesDir, `${note.id}.json`), 'utf8'))).toMatchObject({ format: 'pilcrow-note', formatVersion: 1 })
  })

  it('lists notes by last edit, and moves them to the trash and back', async () => {
    const { notes } = await service()
    const a = await notes.create('A')
    await new Promise((r) => setTimeout(r, 5))
    const b = await notes.create('B')
    expect(notes.list().notes.map((n) => n.title)).toEqual(['B', 'A'])
    await new Promise((r) => setTimeout(r, 5))
    await notes.save({ id: a.id, title: 'A', content: text('edited'), baseRevision: a.revision })
    expect(notes.list().notes.map((n) => n.title)).toEqual(['A', 'B'])
    await notes.trash(b.id)
    expect(notes.list()).toMatchObject({ notes: [{ title: 'A' }], trash: [{ title: 'B' }] })
    await notes.restore(b.id)
    expect(notes.list().trash).toEqual([])
    expect(notes.list().notes).toHaveLength(2)
  })

  it.each([
    ['truncated JSON', '{"format":"pilcrow-note","formatVersion":1,"id":', 'it is not valid JSON (the file may be truncated or overwritten by another program)'],
    ['garbage', '\u0000\u0001binary', 'it is not valid JSON (the file may be truncated or overwritten by another program)'],
    ['an empty file', '', 'the file is empty'],
    ['a newer format', JSON.stringify({ format: 'pilcrow-note', formatVersion: 7 }), 'it was written by a newer Pilcrow (note format 7); update Pilcrow to open it'],
    ['the wrong shape', JSON.stringify({ format: 'pilcrow-note', formatVersion: 1, id: 'n-x' }), 'it is not a Pilcrow note']
  ])('lists a note file holding %s as damaged, never overwrites it, and keeps the rest working', async (_what, raw, reason) => {
    const { notes, dir, notesDir } = await service()
    const good = await notes.create('Good')
    writeFileSync(join(notesDir, 'n-broken.json'), raw)
    const reopened = (await service(dir)).notes
    const list = reopened.list()
    expect(list.notes.map((n) => n.id)).toEqual([good.id])
    expect(list.damaged).toHaveLength(1)
    expect(list.damaged[0]!.fileName).toBe('n-broken.json')
    expect(list.damaged[0]!.reason).toContain(`n-broken.json cannot be read: ${reason}`)
    await expect(reopened.get('n-broken')).rejects.toThrow('n-broken.json cannot be read')
    await expect(reopened.save({ id: 'n-broken', title: 'x', content: text('x'), baseRevision: '' })).rejects.toThrow(/^Not saved: n-broken.json cannot be read/)
    expect(readFileSync(join(notesDir, 'n-broken.json'), 'utf8')).toBe(raw)
    await reopened.save({ id: good.id, title: 'Good', content: text('still works'), baseRevision: good.revision })
  })

  it('lists a note file over the size limit as damaged without reading it, and leaves it as it is', async () => {
    const { notes, dir, notesDir } = await service()
    const good = await notes.create('Good')
    const path = join(notesDir, 'n-huge.json')
    writeFileSync(path, '{')
    truncateSync(path, 40 * 1024 * 1024) // sparse: 40 MB that cost no disk
    const list = (await service(dir)).notes.list()
    expect(list.notes.map((n) => n.id)).toEqual([good.id])
    expect(list.damaged.map((d) => d.reason)).toEqual(['n-huge.json cannot be read: it is 40 MB, over the 32 MB limit.'])
    expect(statSync(path).size).toBe(40 * 1024 * 1024)
  })

  it('keeps both versions when the file changed on disk while the app had edits (by content, not clock)', async () => {
    const { notes, notesDir } = await service()
    const note = await notes.create('Draft')
    const path = join(notesDir, `${note.id}.json`)
    const outside = JSON.parse(readFileSync(path, 'utf8'))
    outside.content = text('written by another program')
    writeFileSync(path, JSON.stringify(outside))
    const result = await notes.save({ id: note.id, title: 'Draft', content: text('typed in the app'), baseRevision: note.revision })
    expect(result.conflict).not.toBeNull()
    expect(result.conflict!.message).toMatch(/^“Draft” was changed elsewhere at the same time \(another window or tab, or another program\)\. Your version was saved; the other version was kept as the note “Draft \(other version, .+\)”\.$/)
    expect((await notes.get(note.id)).content).toEqual(text('typed in the app'))
    expect((await notes.get(result.conflict!.copyId)).content).toEqual(text('written by another program'))
    // the next save starts from the new revision: no second conflict
    const next = await notes.save({ id: note.id, title: 'Draft', content: text('more'), baseRevision: result.revision })
    expect(next.conflict).toBeNull()
  })

  it('does not see a conflict when only the modification time changed', async () => {
    const { notes, notesDir } = await service()
    const note = await notes.create('Same')
    const path = join(notesDir, `${note.id}.json`)
    writeFileSync(path, readFileSync(path)) // touched, same bytes
    expect((await notes.save({ id: note.id, title: 'Same', content: text('x'), baseRevision: note.revision })).conflict).toBeNull()
  })

  it('removes temp files of interrupted saves at start and never lists them', async () => {
    const { notes, dir, notesDir } = await service()
    const note = await notes.create('Kept')
    writeFileSync(join(notesDir, `.${note.id}.json.${deadPid()}.00112233aabb.tmp`), '{"half')
    const reopened = (await service(dir)).notes
    expect(readdirSync(notesDir)).toEqual([`${note.id}.json`])
    expect(reopened.list()).toMatchObject({ notes: [{ id: note.id }], damaged: [] })
  })

  it('refuses ids that could name a file outside the notes folder', async () => {
    const { notes } = await service()
    await expect(notes.get('../../etc/passwd')).rejects.toThrow('"../../etc/passwd" is not a note id.')
  })
})

describe('saves that arrive together', () => {
  it('many saves of one note from two clients at once: every version is on disk or in a reported conflict copy (20 rounds)', async () => {
    const { notes } = await service()
    for (let round = 0; round < 20; round++) {
      const note = await notes.create(`Round ${round}`)
      // two clients (tabs) that both started from the same revision, each saving three times without waiting
      const versions = ['a1', 'b1', 'a2', 'b2', 'a3', 'b3'].map((v) => `${v} of round ${round}`)
      const results = await Promise.all(versions.map((words) => notes.save({ id: note.id, title: `Round ${round}`, content: text(words), baseRevision: note.revision })))
      const onDisk = notes.all().map((n) => JSON.stringify(n.content))
      for (const words of versions) expect(onDisk.some((c) => c.includes(`"${words}"`)), `"${words}" is somewhere`).toBe(true)
      // every save after the first found another version on disk, and said where it was kept
      expect(results.filter((r) => r.conflict !== null)).toHaveLength(versions.length - 1)
      for (const r of results) if (r.conflict) expect(notes.all().some((n) => n.id === r.conflict!.copyId)).toBe(true)
    }
  })
})

describe('notes Pilcrow must not write', () => {
  it('a note nested thousands of levels deep is listed as damaged with the reason, and the rest keeps working', async () => {
    const { notes, notesDir, dir } = await service()
    const ok = await notes.create('Fine')
    let node: Record<string, unknown> = { type: 'text', text: 'deep', version: 1 }
    for (let i = 0; i < 2000; i++) node = { type: 'quote', version: 1, children: [node] }
    const raw = JSON.stringify({ format: 'pilcrow-note', formatVersion: 1, id: 'n-deep', title: 'Deep', createdAt: 'x', updatedAt: 'x', trashedAt: null, content: { root: { type: 'root', children: [node] } } })
    writeFileSync(join(notesDir, 'n-deep.json'), raw)
    const reopened = (await service(dir)).notes
    expect(reopened.list()).toMatchObject({
      notes: [{ id: ok.id }],
      damaged: [{ id: 'n-deep', reason: 'n-deep.json cannot be read: its content is nested more than 100 levels deep, deeper than Pilcrow reads (100 levels); it was left untouched.' }]
    })
    await expect(reopened.save({ id: 'n-deep', title: 'x', content: text('over it'), baseRevision: 'r' })).rejects.toThrow('The damaged file was left as it is.')
    expect(readFileSync(join(notesDir, 'n-deep.json'), 'utf8')).toBe(raw)
  })

  it('refuses to save content nested deeper than it reads back, with the reason', async () => {
    const { notes } = await service()
    const note = await notes.create('Pasted')
    let node: Record<string, unknown> = { type: 'text', text: 'deep', version: 1 }
    for (let i = 0; i < 150; i++) node = { type: 'listitem', version: 1, children: [{ type: 'list', listType: 'bullet', version: 1, children: [node] }] }
    const deep = { root: { type: 'root' as const, children: [node] } }
    await expect(notes.save({ id: note.id, title: 'Pasted', content: deep, baseRevision: note.revision })).rejects.toThrow(
      'Not saved: its content is nested more than 100 levels deep, deeper than Pilcrow reads (100 levels). Undo the last paste, or flatten the nesting.'
    )
  })

  it('a note file made read-only by its owner is shown as such and never written, its mode kept', async () => {
    const { notes, notesDir, dir } = await service()
    const note = await notes.create('Locked')
    const path = join(notesDir, `${note.id}.json`)
    chmodSync(path, 0o444)
    const before = readFileSync(path, 'utf8')
    const reopened = (await service(dir)).notes
    const read = await reopened.get(note.id)
    expect(read.readOnly).toBe('this note is read-only on disk. Make its file writable to edit it here.')
    await expect(reopened.save({ id: note.id, title: 'Locked', content: text('new'), baseRevision: read.revision })).rejects.toThrow(
      'Not saved: this note is read-only on disk. Make its file writable to edit it here.'
    )
    await expect(reopened.trash(note.id)).rejects.toThrow('“Locked” was not changed: this note is read-only on disk.')
    expect(readFileSync(path, 'utf8')).toBe(before)
    expect(statSync(path).mode & 0o777).toBe(0o444)
  })
})
