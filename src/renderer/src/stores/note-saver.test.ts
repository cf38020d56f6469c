// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { NotebookApi } from '../../../shared/api'
import type { Note, NoteDraft, SaveResult, SerializedEditorState } from '../../../shared/notes'
import { AUTOSAVE_DELAY_MS, AUTOSAVE_MAX_WAIT_MS, NoteSaver, type SaveState } from './note-saver'

const content = (words: string): SerializedEditorState => ({ root: { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', text: words }] }] } })
const note: Note = { id: 'n-1', title: 'T', createdAt: '', updatedAt: '', trashedAt: null, content: content(''), revision: 'r0' }

/** The notebook's saveNote, in memory: records what reached it and when. */
function fakeNotebook(): { api: NotebookApi; saves: { at: number; draft: NoteDraft }[] } {
  const saves: { at: number; draft: NoteDraft }[] = []
  const api = {
    saveNote: async (draft: NoteDraft): Promise<SaveResult> => {
      saves.push({ at: Date.now(), draft })
      return { revision: `r${saves.length}`, updatedAt: new Date().toISOString(), conflict: null }
    }
  } as unknown as NotebookApi
  return { api, saves }
}

beforeEach(() => vi.useFakeTimers({ now: 0 }))
afterEach(() => vi.useRealTimers())

describe('NoteSaver', () => {
  it('saves a moment after the last key', async () => {
    const { api, saves } = fakeNotebook()
    const saver = new NoteSaver(api, note.id, note, { onState: () => undefined, onSaved: () => undefined })
    saver.setContent(() => content('a'))
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS - 1)
    expect(saves).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(1)
    expect(saves.map((s) => s.at)).toEqual([AUTOSAVE_DELAY_MS])
  })

  it('typing steadily (a key every 125 ms for 10 s) is saved at least every 2 s, with one pair of timers per wait', async () => {
    const { api, saves } = fakeNotebook()
    const saver = new NoteSaver(api, note.id, note, { onState: () => undefined, onSaved: () => undefined })
    let typed = ''
    for (let at = 0; at < 10_000; at += 125) {
      typed += 'x'
      const now = typed
      saver.setContent(() => content(now))
      await vi.advanceTimersByTimeAsync(125)
    }
    const times = saves.map((s) => s.at)
    expect(times.length).toBeGreaterThanOrEqual(4)
    expect(times[0]).toBeLessThanOrEqual(AUTOSAVE_MAX_WAIT_MS)
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeLessThanOrEqual(AUTOSAVE_MAX_WAIT_MS + 125)
    // each save carries the text as it was then, and the base revision of the save before
    expect(saves.map((s) => s.draft.baseRevision)).toEqual(saves.map((_, i) => `r${i === 0 ? 0 : i}`))
  })

  it('a frozen (read-only) note is never saved, whatever is typed', async () => {
    const { api, saves } = fakeNotebook()
    const states: SaveState[] = []
    const saver = new NoteSaver(api, note.id, note, { onState: (s) => states.push(s), onSaved: () => undefined })
    saver.setContent(() => content('half'))
    saver.freeze('This note cannot be shown in full.')
    saver.setContent(() => content('more'))
    saver.setTitle('renamed')
    await saver.flush()
    await vi.advanceTimersByTimeAsync(10_000)
    expect(saves).toEqual([])
    expect(states.at(-1)).toEqual({ kind: 'readonly', reason: 'This note cannot be shown in full.' })
  })
})
