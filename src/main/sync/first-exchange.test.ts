import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useNotebooks, useTempDirs } from '../core/test-support'
import { noteOf as content } from './testing/note-json'
import { useSyncFixtures } from './testing/sync-fixtures'

const at = '2026-12-01T09:00:00.000Z'

describe('the first exchange of a workspace that already has notes', () => {
  const tempDir = useTempDirs()
  const openNotebook = useNotebooks()
  const sync = useSyncFixtures()

  it('migrates the first device\'s notes; a note another device also holds (never synced) arrives beside it as a copy, never merged, never dropped', async () => {
    const work = tempDir()
    const { server, token } = await sync.running(work)
    // the same workspace copied to two machines, then edited apart before either synced
    const laptop = await openNotebook(join(work, 'laptop'), { bundled: false })
    const desktop = await openNotebook(join(work, 'desktop'), { bundled: false })
    await laptop.notes.add({ id: 'n-copied-note', title: 'Reading list', createdAt: at, updatedAt: at, content: content('Laptop: Tazmini 2021, then Katz.') })
    await desktop.notes.add({ id: 'n-copied-note', title: 'Reading list', createdAt: at, updatedAt: at, content: content('Desktop: Tazmini 2021, then Trenin.') })
    await laptop.notes.add({ id: 'n-laptop-only', title: 'Laptop only', createdAt: at, updatedAt: at, content: content('Only on the laptop.') })
    await desktop.notes.add({ id: 'n-same-on-both', title: 'Same', createdAt: at, updatedAt: at, content: content('Identical.') })
    await laptop.notes.add({ id: 'n-same-on-both', title: 'Same', createdAt: at, updatedAt: at, content: content('Identical.') })

    const laptopEngine = await sync.join(laptop, `${server.url}/thesis`, token)
    expect((await laptopEngine.settle(10_000)).state).toBe('synced')
    const desktopEngine = await sync.join(desktop, `${server.url}/thesis`, token)
    expect((await desktopEngine.settle(10_000)).state).toBe('synced')

    const titles = desktop.notes.list().notes.map((n) => n.title).sort()
    expect(titles).toEqual(['Laptop only', 'Reading list', "Reading list (this device's copy)", 'Same'])
    expect(JSON.stringify((await desktop.notes.get('n-copied-note')).content)).toContain('Laptop: Tazmini 2021, then Katz.')
    const copy = desktop.notes.list().notes.find((n) => n.title.endsWith("(this device's copy)"))!
    expect(JSON.stringify((await desktop.notes.get(copy.id)).content)).toContain('Desktop: Tazmini 2021, then Trenin.')
    expect(JSON.stringify((await desktop.notes.get('n-same-on-both')).content).match(/Identical\./g)).toHaveLength(1)

    // and the laptop receives the desktop's copy too
    await expect.poll(() => laptop.notes.list().notes.length, { timeout: 10_000 }).toBe(4)
    expect(laptop.notes.list().notes.map((n) => n.title).sort()).toEqual(titles)
  })
})

describe('a notebook of many notes', () => {
  const tempDir = useTempDirs()
  const openNotebook = useNotebooks()
  const sync = useSyncFixtures()

  it('reaches a fresh device whole: hundreds of notes open on one connection at once are not refused', async () => {
    const work = tempDir()
    const { server, token } = await sync.running(work)
    const a = await openNotebook(join(work, 'a'), { bundled: false })
    for (let i = 0; i < 300; i++) await a.notes.add({ id: `n-many-${i}`, title: `Note ${i}`, createdAt: at, updatedAt: at, content: content(`Words of note ${i}.`) })
    expect((await (await sync.join(a, `${server.url}/thesis`, token)).settle(30_000)).state).toBe('synced')
    const b = await openNotebook(join(work, 'b'), { bundled: false })
    expect((await (await sync.join(b, `${server.url}/thesis`, token)).settle(30_000)).state).toBe('synced')
    expect(b.notes.list().notes).toHaveLength(300)
    expect(JSON.stringify((await b.notes.get('n-many-299')).content)).toContain('Words of note 299.')
  }, 60_000)
})
