import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { useNotebooks, useTempDirs } from '../core/test-support'
import { NoteDoc } from './note-doc'
import { noteOf as content } from './testing/note-json'
import { useSyncFixtures } from './testing/sync-fixtures'


describe('a window editing a shared note live', () => {
  const tempDir = useTempDirs()
  const openNotebook = useNotebooks()
  const sync = useSyncFixtures()

  it('renames it long after it opened without taking back a word typed since (its save carries the content it opened with)', async () => {
    const work = tempDir()
    const { server, token } = await sync.running(work)
    const a = await openNotebook(join(work, 'a'), { bundled: false })
    const made = await a.notes.create('Draft')
    await a.notes.save({ id: made.id, title: 'Draft', content: content('Opening words.'), baseRevision: made.revision })
    const engine = await sync.join(a, `${server.url}/thesis`, token)
    await engine.settle(10_000)
    const opened = await a.notes.get(made.id)
    expect(opened.shared).toBe(true)

    // the window types (its edits reach the document as Yjs updates); each batch writes the file again
    const window = new NoteDoc(engine.noteState(made.id))
    for (let i = 1; i <= 20; i++) {
      const before = Y.encodeStateVector(window.doc)
      window.setContent(content(`Opening words. Typed ${i} times.`))
      engine.applyWindowUpdate(made.id, Y.encodeStateAsUpdate(window.doc, before))
      await engine.settle(10_000)
    }
    expect(JSON.stringify((await a.notes.get(made.id)).content)).toContain('Typed 20 times.')

    // the rename: the window's saver still holds what it opened with, and the revision it opened at
    await a.notes.save({ id: made.id, title: 'Chapter 2', content: opened.content, baseRevision: opened.revision })
    const renamed = await a.notes.get(made.id)
    expect(renamed.title).toBe('Chapter 2')
    expect(JSON.stringify(renamed.content)).toContain('Opening words. Typed 20 times.')
  })
})
