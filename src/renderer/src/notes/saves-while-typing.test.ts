// @vitest-environment jsdom
import { act, createElement, Profiler, type ReactNode } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AUTOSAVE_DELAY_MS } from '../stores/note-saver'
import { NotesStore } from '../stores/notes-store'
import { FakeNotebook, textContent } from '../stores/testing/fake-notebook'
import { LiveSaveStatus } from './SaveStatus'
import { useShownNotesList } from './useNotes'

// Typing in a long note saves every two seconds; each React commit then measures the caret's
// offset from the note's start. What a save changes must reach the screen without one.

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

let root: Root
let host: HTMLElement
let commits: number
beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2026-01-01T00:00:30Z') })
  host = document.body.appendChild(document.createElement('div'))
  root = createRoot(host)
  commits = 0
})
afterEach(async () => {
  await act(async () => root.unmount())
  document.body.innerHTML = ''
  vi.useRealTimers()
})

/** Renders `element`, counting the commits of its tree. */
async function render(element: ReactNode): Promise<void> {
  await act(async () => root.render(createElement(Profiler, { id: 'under-test', onRender: () => commits++ }, element)))
}

async function openedNote(): Promise<{ notebook: FakeNotebook; store: NotesStore; noteId: string }> {
  const notebook = new FakeNotebook()
  notebook.addNote('Older note')
  const note = notebook.addNote('Reading notes', 'first words')
  const store = new NotesStore({ api: notebook.api, events: notebook.events })
  await act(async () => {
    await store.start(note.id)
    await vi.runAllTimersAsync()
  })
  return { notebook, store, noteId: note.id }
}

const status = (): HTMLElement => host.querySelector('[role="status"]')!

describe('saves while one types', () => {
  it('the save status says Edited, Saving…, Saved without a React commit, and a failure or read-only with one', async () => {
    const { notebook, store, noteId } = await openedNote()
    await render(createElement(LiveSaveStatus, { store, relay: null, onRetry: () => undefined }))
    expect(status().textContent).toBe('Saved')
    const drawn = commits

    notebook.hold('saveNote')
    await act(async () => store.editContent(() => textContent('first words, and more')))
    expect(status().textContent).toBe('Edited')
    expect(status().className).toBe('save-status save-unsaved')
    await act(async () => vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS))
    expect(status().textContent).toBe('Saving…')
    await act(async () => {
      notebook.release('saveNote')
      await vi.runAllTimersAsync()
    })
    expect(status().textContent).toBe('Saved')
    expect(notebook.notes.get(noteId)!.content).toEqual(textContent('first words, and more'))
    expect(commits).toBe(drawn)

    await act(async () => store.markUnreadable(noteId, 'its file is read-only'))
    expect(status().textContent).toBe('Read-only: its file is read-only')
    expect(commits).toBe(drawn + 1)
  })

  it('a shared note that failed to reach its document says so, with Retry', async () => {
    const { store } = await openedNote()
    const onRetry = vi.fn()
    await render(createElement(LiveSaveStatus, { store, relay: { kind: 'failed', reason: 'the notebook cannot be reached' }, onRetry }))
    expect(status().textContent).toBe('Not saved: the notebook cannot be reached Retry')
    await act(async () => host.querySelector('button')!.click())
    expect(onRetry).toHaveBeenCalledTimes(1)
  })

  it('the notes list draws again when a row would read differently, not when a save changes a time that still reads "just now"', async () => {
    const { notebook, store, noteId } = await openedNote()
    let shown: string[] = []
    function Titles(): ReactNode {
      const list = useShownNotesList(store)
      shown = list?.notes.map((n) => n.title) ?? []
      return null
    }
    await render(createElement(Titles))
    expect(shown).toEqual(['Reading notes', 'Older note'])
    const drawn = commits

    await act(async () => {
      store.editContent(() => textContent('first words, and more'))
      await vi.runAllTimersAsync()
    })
    expect(store.get().list?.notes[0]?.updatedAt).toBe(notebook.notes.get(noteId)!.updatedAt)
    expect(commits).toBe(drawn)

    // another note saved elsewhere moves to the top: a row reads differently
    await act(async () => {
      notebook.emit({ type: 'note-changed', noteId: 'n-1', revision: 'r-9', title: 'Older note', updatedAt: '2026-01-01T00:00:40.000Z', trashed: false, tags: [] })
      await vi.runAllTimersAsync()
    })
    expect(shown).toEqual(['Older note', 'Reading notes'])
    expect(commits).toBe(drawn + 1)
  })
})
