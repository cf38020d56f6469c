// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Source } from '../../../shared/model'
import { LinksStore } from './links-store'
import { NoteBacklinksStore } from './note-backlinks-store'
import { SEARCH_DEBOUNCE_MS, SearchStore } from './search-store'
import { SettingsStore } from './settings-store'
import { SourcesStore } from './sources-store'
import { StatusStore } from './status-store'
import { FakeNotebook } from './testing/fake-notebook'

beforeEach(() => vi.useFakeTimers({ now: 0 }))
afterEach(() => vi.useRealTimers())

const noError = (error: unknown): never => {
  throw error
}
const source = (id: string, title: string): Source => ({ id, meta: { title, authors: [] }, blocks: [] }) as unknown as Source

describe('SettingsStore', () => {
  it('shows a change at once; a change made while one is on its way is sent after it, merged, and both hold', async () => {
    const notebook = new FakeNotebook()
    const store = new SettingsStore(notebook.api, notebook.events, noError, notebook.settings)
    notebook.hold('updateSettings')
    store.update({ theme: 'dark' })
    store.update({ editorFontSize: 20 })
    store.update({ smartQuotes: false })
    expect(store.get()).toMatchObject({ theme: 'dark', editorFontSize: 20, smartQuotes: false })
    expect(notebook.calls.map((c) => c.args[0])).toEqual([{ theme: 'dark' }]) // one at a time
    notebook.release('updateSettings')
    await vi.runAllTimersAsync()
    notebook.release('updateSettings')
    await vi.runAllTimersAsync()
    expect(notebook.calls.map((c) => c.args[0])).toEqual([{ theme: 'dark' }, { editorFontSize: 20, smartQuotes: false }])
    expect(store.get()).toMatchObject({ theme: 'dark', editorFontSize: 20, smartQuotes: false })
  })

  it('as the page goes, a change waiting behind one on its way is sent at once (a reload right after two clicks keeps the second)', async () => {
    const notebook = new FakeNotebook()
    const store = new SettingsStore(notebook.api, notebook.events, noError, notebook.settings)
    notebook.hold('updateSettings')
    store.update({ theme: 'light' })
    store.update({ theme: 'dark' })
    expect(notebook.calls.map((c) => c.args[0])).toEqual([{ theme: 'light' }])
    store.sendBeforeLeaving()
    expect(notebook.calls.map((c) => c.args[0])).toEqual([{ theme: 'light' }, { theme: 'dark' }])
    store.sendBeforeLeaving() // nothing left waiting: nothing sent twice
    notebook.release('updateSettings')
    await vi.runAllTimersAsync()
    expect(notebook.calls.map((c) => c.args[0])).toEqual([{ theme: 'light' }, { theme: 'dark' }])
    expect(store.get()?.theme).toBe('dark')
  })

  it('a change on its way is not undone by an event of an earlier change (the open note remembered, say)', async () => {
    const notebook = new FakeNotebook()
    const store = new SettingsStore(notebook.api, notebook.events, noError, notebook.settings)
    notebook.hold('updateSettings')
    store.update({ theme: 'light' })
    // an event of a change made before (theme still "system") arrives while the theme's request is out
    notebook.emit({ type: 'settings-changed', settings: { ...notebook.settings, theme: 'system', lastNoteId: 'n-1' }, version: 1 })
    expect(store.get()).toMatchObject({ theme: 'light', lastNoteId: 'n-1' })
    notebook.release('updateSettings')
    await vi.runAllTimersAsync()
    expect(store.get()?.theme).toBe('light')
  })

  it('follows another window’s changes, and never goes back to an older one', () => {
    const notebook = new FakeNotebook()
    const store = new SettingsStore(notebook.api, notebook.events, noError, notebook.settings)
    notebook.emit({ type: 'settings-changed', settings: { ...notebook.settings, theme: 'dark' }, version: 5 })
    notebook.emit({ type: 'settings-changed', settings: { ...notebook.settings, theme: 'light' }, version: 4 })
    expect(store.get()?.theme).toBe('dark')
  })
})

describe('LinksStore', () => {
  it('keeps the answer for the source open now when answers arrive out of order', async () => {
    const notebook = new FakeNotebook()
    notebook.backlinks = (sourceId) => ({ sourceId, byBlock: { [`${sourceId}-p1`]: [] }, orphans: [] })
    const store = new LinksStore(notebook.api, notebook.events, noError)
    notebook.hold('getBacklinks')
    store.follow('first', true)
    store.follow('second', true)
    notebook.release('getBacklinks', [1, 0]) // the second answer, then the first
    await vi.runAllTimersAsync()
    expect(store.get()?.sourceId).toBe('second')
  })

  it('asks again only when an event names the open source', async () => {
    const notebook = new FakeNotebook()
    const store = new LinksStore(notebook.api, notebook.events, noError)
    store.follow('open', true)
    await vi.runAllTimersAsync()
    notebook.emit({ type: 'links-changed', sourceIds: ['another'], noteIds: [], version: 1 })
    notebook.emit({ type: 'links-changed', sourceIds: ['another', 'open'], noteIds: [], version: 2 })
    await vi.runAllTimersAsync()
    expect(notebook.called()).toEqual(['getBacklinks', 'getBacklinks'])
  })

  it('waits for the article to paint before the first question', () => {
    const notebook = new FakeNotebook()
    const store = new LinksStore(notebook.api, notebook.events, noError)
    store.follow('open', false)
    expect(notebook.called()).toEqual([])
    store.follow('open', true)
    expect(notebook.called()).toEqual(['getBacklinks'])
  })
})

describe('NoteBacklinksStore', () => {
  it('follows the open note: asks again only when an event names it, and keeps the answer for the note open now', async () => {
    const notebook = new FakeNotebook()
    notebook.noteBacklinks = (noteId) => ({ noteId, linkedFrom: [{ noteId: 'n-other', noteTitle: 'Other', context: `links ${noteId}` }] })
    const store = new NoteBacklinksStore(notebook.api, notebook.events, noError)
    notebook.hold('getNoteBacklinks')
    store.follow('n-first')
    store.follow('n-second')
    notebook.release('getNoteBacklinks', [1, 0])
    await vi.runAllTimersAsync()
    expect(store.get()?.linkedFrom[0]?.context).toBe('links n-second')
    notebook.emit({ type: 'links-changed', sourceIds: [], noteIds: ['n-first'], version: 1 })
    notebook.emit({ type: 'links-changed', sourceIds: ['s'], noteIds: [], version: 2 })
    await vi.runAllTimersAsync()
    expect(notebook.called()).toEqual(['getNoteBacklinks', 'getNoteBacklinks'])
    notebook.emit({ type: 'links-changed', sourceIds: [], noteIds: ['n-second'], version: 3 })
    await vi.runAllTimersAsync()
    expect(notebook.called()).toEqual(['getNoteBacklinks', 'getNoteBacklinks', 'getNoteBacklinks'])
  })
})

describe('SourcesStore', () => {
  it('follows source events: a loaded source changed is loaded again, a deleted one forgotten, the list fetched once for a burst', async () => {
    const notebook = new FakeNotebook()
    notebook.sources.set('a', source('a', 'A'))
    const store = new SourcesStore(notebook.api, notebook.events, noError)
    store.request('a')
    await vi.runAllTimersAsync()
    notebook.sources.set('a', source('a', 'A, edited'))
    notebook.sources.set('b', source('b', 'B'))
    notebook.emit({ type: 'source-changed', sourceId: 'a', version: 'v2', title: 'A, edited' })
    notebook.emit({ type: 'source-changed', sourceId: 'b', version: 'v1', title: 'B' })
    await vi.runAllTimersAsync()
    expect(store.get().loaded.get('a')?.meta.title).toBe('A, edited')
    expect(store.get().loaded.has('b')).toBe(false) // nobody asked for it
    expect(store.get().list.map((s) => s.title)).toEqual(['A, edited', 'B'])
    expect(notebook.called().filter((m) => m === 'listSources')).toHaveLength(1)
    notebook.sources.delete('a')
    notebook.emit({ type: 'source-changed', sourceId: 'a', version: null, title: '' })
    expect(store.get().loaded.get('a')).toBeNull()
    expect(store.get().list.map((s) => s.id)).toEqual(['b'])
  })

  it('an older answer for a source arriving after a newer one is dropped', async () => {
    const notebook = new FakeNotebook()
    notebook.sources.set('a', source('a', 'old'))
    const store = new SourcesStore(notebook.api, notebook.events, noError)
    notebook.hold('getSource')
    store.request('a')
    notebook.sources.set('a', source('a', 'new'))
    notebook.emit({ type: 'source-changed', sourceId: 'a', version: 'v2', title: 'new' })
    notebook.release('getSource', [1, 0])
    await vi.runAllTimersAsync()
    expect(store.get().loaded.get('a')?.meta.title).toBe('new')
  })
})

describe('SearchStore and StatusStore', () => {
  it('shows the answer to the latest query only, and the index state from events without asking', async () => {
    const notebook = new FakeNotebook()
    notebook.search = ({ query }) => ({ hits: [{ kind: 'note', title: query, snippet: query, highlights: [], text: query, score: 1, noteId: 'n-1', passage: 0 }] as never, status: { state: 'ready', progress: 1, documents: 1 } })
    const status = new StatusStore(notebook.api, notebook.events)
    const store = new SearchStore(notebook.api, status)
    notebook.hold('search')
    store.setQuery('alli')
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS)
    store.setQuery('alliance')
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS)
    notebook.release('search', [1, 0])
    await vi.runAllTimersAsync()
    expect(store.get().answered).toBe('alliance')
    notebook.emit({ type: 'status-changed', imports: { running: false }, search: { state: 'rebuilding', progress: 0.4, documents: 0 } })
    expect(status.get().search).toEqual({ state: 'rebuilding', progress: 0.4, documents: 0 })
    expect(notebook.called()).toEqual(['search', 'search'])
  })
})
