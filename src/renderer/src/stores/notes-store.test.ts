// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AUTOSAVE_DELAY_MS } from './note-saver'
import { NotesStore, withNote } from './notes-store'
import { FakeNotebook, textContent } from './testing/fake-notebook'

beforeEach(() => vi.useFakeTimers({ now: 0 }))
afterEach(() => vi.useRealTimers())

/** A store on a fake notebook with one note, open. */
async function opened(words = 'first words'): Promise<{ notebook: FakeNotebook; store: NotesStore; noteId: string }> {
  const notebook = new FakeNotebook()
  const note = notebook.addNote('Reading notes', words)
  const store = new NotesStore({ api: notebook.api, events: notebook.events })
  await store.start(note.id)
  await vi.runAllTimersAsync()
  notebook.calls.length = 0
  return { notebook, store, noteId: note.id }
}

describe('NotesStore', () => {
  it('an autosave is one request: the list and the open note learn of it from the answer and the event, without asking', async () => {
    const { notebook, store, noteId } = await opened()
    store.editContent(() => textContent('first words, and more'))
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS)
    await vi.runAllTimersAsync()
    expect(notebook.called()).toEqual(['saveNote'])
    expect(store.get().saveState).toEqual({ kind: 'saved' })
    expect(store.get().list?.notes[0]).toMatchObject({ id: noteId, updatedAt: notebook.notes.get(noteId)!.updatedAt })
  })

  it('a note changed elsewhere while it is open and unedited: the new version is shown, and the user told', async () => {
    const { notebook, store, noteId } = await opened()
    notebook.changeElsewhere(noteId, 'rewritten by another program')
    await vi.runAllTimersAsync()
    expect(notebook.called()).toEqual(['getNote', 'updateSettings'])
    expect(store.get().open?.content).toEqual(textContent('rewritten by another program'))
    expect(store.get().flash?.text).toMatch(/was changed elsewhere/)
  })

  it('a note changed elsewhere while it has unsaved edits: saved at once, both versions kept, and the user told', async () => {
    const { notebook, store, noteId } = await opened()
    store.editContent(() => textContent('typed here'))
    notebook.changeElsewhere(noteId, 'typed there')
    await vi.advanceTimersByTimeAsync(1) // long before the autosave would have run
    expect(notebook.called()).toEqual(['saveNote'])
    await vi.runAllTimersAsync()
    expect(notebook.notes.get(noteId)!.content).toEqual(textContent('typed here'))
    const copy = [...notebook.notes.values()].find((n) => n.title === 'Reading notes (other version)')!
    expect(copy.content).toEqual(textContent('typed there'))
    expect(store.get().notice).toEqual({ kind: 'info', text: expect.stringMatching(/was changed elsewhere at the same time/) })
    expect(store.get().list?.notes.map((n) => n.id)).toContain(copy.id)
  })

  it('its own save announced before the answer arrives (browser mode: two connections) is not taken for a change elsewhere', async () => {
    const { notebook, store, noteId } = await opened()
    notebook.hold('saveNote')
    store.editContent(() => textContent('mine'))
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS)
    // the event of this save has come; its answer has not
    expect(store.get().list?.notes[0]?.updatedAt).toBe(notebook.notes.get(noteId)!.updatedAt)
    notebook.release('saveNote')
    await vi.runAllTimersAsync()
    expect(notebook.called()).toEqual(['saveNote'])
    expect(store.get().notice).toBeNull()
    expect([...notebook.notes.values()].filter((n) => n.title.includes('other version'))).toEqual([])
  })

  it('a title typed while its save is on its way stays as typed when the answer comes, and the open note is not replaced by the answer', async () => {
    const { notebook, store, noteId } = await opened()
    notebook.hold('saveNote')
    store.editTitle('Reading notes, revised')
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS)
    store.editTitle('Reading notes, revised twice')
    const open = store.get().open
    notebook.release('saveNote')
    await vi.advanceTimersByTimeAsync(1)
    expect(store.get().open).toBe(open)
    expect(store.get().open?.title).toBe('Reading notes, revised twice')
    notebook.release('saveNote')
    await vi.runAllTimersAsync()
    expect(notebook.notes.get(noteId)!.title).toBe('Reading notes, revised twice')
  })

  it('a brand-new notebook lists the first note it makes from the answer, its event missed (the event stream not connected yet)', async () => {
    const notebook = new FakeNotebook()
    const store = new NotesStore({ api: notebook.api, events: { onDidChangeNotes: () => () => undefined } })
    await store.start(null)
    await vi.runAllTimersAsync()
    const first = store.get().open
    expect(first).not.toBeNull()
    expect(store.get().list?.notes.map((n) => n.id)).toEqual([first!.id])
  })

  it('a list asked for again (events missed) does not take back a note heard of while it was on its way', async () => {
    const { notebook, store } = await opened()
    notebook.hold('listNotes')
    const refreshed = store.refresh()
    await vi.runAllTimersAsync()
    // another window makes a note after the list was read, before its answer arrives
    const other = notebook.addNote('Made elsewhere')
    notebook.emit({ type: 'note-changed', noteId: other.id, revision: other.revision, title: other.title, updatedAt: other.updatedAt, trashed: false, tags: [] })
    expect(store.get().list?.notes.map((n) => n.title)).toContain('Made elsewhere')
    notebook.release('listNotes')
    await refreshed
    expect(store.get().list?.notes.map((n) => n.title)).toContain('Made elsewhere')
    expect(notebook.called()).toEqual(['listNotes', 'listNotes'])
  })

  it('the list follows notes made, renamed, trashed and deleted elsewhere, asking nothing', async () => {
    const { notebook, store } = await opened()
    const other = notebook.addNote('From the other tab')
    notebook.emit({ type: 'note-changed', noteId: other.id, revision: other.revision, title: other.title, updatedAt: other.updatedAt, trashed: false, tags: [] })
    expect(store.get().list?.notes.map((n) => n.title)).toEqual(['From the other tab', 'Reading notes'])
    notebook.emit({ type: 'note-changed', noteId: other.id, revision: 'r-x', title: 'Renamed', updatedAt: '2027-01-01T00:00:00.000Z', trashed: false, tags: [] })
    expect(store.get().list?.notes[0]?.title).toBe('Renamed')
    notebook.emit({ type: 'note-changed', noteId: other.id, revision: 'r-y', title: 'Renamed', updatedAt: '2027-01-01T00:00:00.000Z', trashed: true, tags: [] })
    expect(store.get().list?.trash.map((n) => n.title)).toEqual(['Renamed'])
    notebook.emit({ type: 'note-changed', noteId: other.id, revision: null, title: '', updatedAt: '2027-01-02T00:00:00.000Z', trashed: false, tags: [] })
    expect(store.get().list?.trash).toEqual([])
    expect(notebook.called()).toEqual([])
  })

  it('the open note deleted elsewhere keeps what is shown and says it is saved nowhere', async () => {
    const { notebook, store, noteId } = await opened()
    notebook.emit({ type: 'note-changed', noteId, revision: null, title: 'Reading notes', updatedAt: '2027-01-01T00:00:00.000Z', trashed: false, tags: [] })
    expect(store.get().open?.id).toBe(noteId)
    expect(store.get().notice?.text).toMatch(/was deleted elsewhere.*not saved anywhere/)
  })

  it('switching notes saves the one left first (nothing is lost)', async () => {
    const { notebook, store, noteId } = await opened()
    const second = notebook.addNote('Second')
    store.editContent(() => textContent('unsaved when switching'))
    await store.openNote(second.id)
    await vi.runAllTimersAsync()
    expect(notebook.notes.get(noteId)!.content).toEqual(textContent('unsaved when switching'))
    expect(store.get().open?.id).toBe(second.id)
  })
})

describe('withNote', () => {
  const list = {
    notes: [
      { id: 'n-2', title: 'B', createdAt: '1', updatedAt: '2026-02-01', trashedAt: null, tags: [] },
      { id: 'n-1', title: 'A', createdAt: '1', updatedAt: '2026-01-01', trashedAt: null, tags: [] }
    ],
    trash: [],
    damaged: []
  }
  it('puts a note by its time, and ignores a change older than the one shown', () => {
    expect(withNote(list, { id: 'n-1', title: 'A2', updatedAt: '2026-03-01', trashed: false }).notes.map((n) => n.title)).toEqual(['A2', 'B'])
    expect(withNote(list, { id: 'n-2', title: 'stale', updatedAt: '2026-01-15', trashed: false })).toBe(list)
    expect(withNote(list, { id: 'n-2', title: 'B', updatedAt: '2026-02-01', trashed: false })).toBe(list) // heard twice: the same list
  })
})
