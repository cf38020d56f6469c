import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import type { SerializedEditorState } from '../../shared/notes'
import type { Notebook } from '../core/notebook'
import { useNotebooks, useTempDirs } from '../core/test-support'
import type { SyncEngine } from './sync-engine'
import { useSyncFixtures } from './testing/sync-fixtures'

type Node = { type: string; text?: string; children?: Node[]; anchor?: { sourceId: string; blockId: string; paragraph: number; quote: string } }

/** A small seeded random generator (mulberry32): the same seed, the same run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const text = (t: string): Node => ({ type: 'text', text: t, detail: 0, format: 0, mode: 'normal', style: '', version: 1 } as Node)
const paragraph = (...children: Node[]): Node => ({ type: 'paragraph', children, direction: null, format: '', indent: 0, version: 1 } as unknown as Node)
const chip = (quote: string, paragraph: number): Node =>
  ({ type: 'paragraph-link', version: 1, anchor: { sourceId: 'russia-iran-alignment', blockId: `p-${paragraph}`, paragraph, quote, prefix: '', suffix: '' }, sourceTitle: 'Russia and Iran' }) as unknown as Node
const note = (blocks: Node[]): SerializedEditorState => ({ root: { type: 'root', children: blocks, direction: null, format: '', indent: 0, version: 1 } as SerializedEditorState['root'] })

/** What a window's editor holds: the content it shows and the revision it stands at. */
interface Window {
  name: string
  notebook: Notebook
  engine: SyncEngine
  content: SerializedEditorState
  revision: string
  /** The content before its last edit: what Ctrl+Z brings back. */
  undo: SerializedEditorState | null
  /** The marker or chip the last edit added or removed, and whether undoing it leaves it present. */
  undoOf: { marker: string; presentAfterUndo: boolean } | null
}

const NOTE_ID = 'n-shared-draft'

describe('three peers editing one note through the sync server', () => {
  const tempDir = useTempDirs()
  const openNotebook = useNotebooks()
  const sync = useSyncFixtures()

  it('end identical after seeded random edits, a SIGKILL of the server, offline edits on every peer and a restart; a fresh peer gets the same notebook', { timeout: 120_000 }, async () => {
    const rand = random(20261206)
    const pick = <T>(list: T[]): T => list[Math.floor(rand() * list.length)]!
    const work = tempDir()
    const { server, token } = await sync.running(work, 'co-authors')
    const address = `${server.url}/thesis`

    // peer A has the note; B and C join empty workspaces
    const a = await openNotebook(join(work, 'a'), { bundled: false })
    await a.notes.add({ id: NOTE_ID, title: 'Shared draft', createdAt: '2026-12-06T10:00:00.000Z', updatedAt: '2026-12-06T10:00:00.000Z', content: note([1, 2, 3, 4, 5].map((i) => paragraph(text(`Paragraph ${i} of the draft on Russia and Iran.`)))) })
    const windows: Window[] = []
    for (const name of ['a', 'b', 'c']) {
      const notebook = name === 'a' ? a : await openNotebook(join(work, name), { bundled: false })
      const engine = await sync.join(notebook, address, token)
      expect((await engine.settle(20_000)).state).toBe('synced')
      const opened = await notebook.notes.get(NOTE_ID)
      windows.push({ name, notebook, engine, content: opened.content, revision: opened.revision, undo: null, undoOf: null })
    }

    // what every edit should leave in the end: each marker word, each chip (by its quote), present or not
    const expected = new Map<string, boolean>()
    const edits = { text: 0, chipsInserted: 0, chipsDeleted: 0, undos: 0, saves: 0 }
    let counter = 0

    const edit = async (w: Window): Promise<void> => {
      // now and then the window shows the merged note (it follows a change when nothing is unsaved)
      if (rand() < 0.3) {
        const fresh = await w.notebook.notes.get(NOTE_ID)
        w.content = fresh.content
        w.revision = fresh.revision
        w.undo = null
      }
      const before = structuredClone(w.content)
      const blocks = w.content.root.children as unknown as Node[]
      const roll = rand()
      const chips = blocks.flatMap((b) => (b.children ?? []).filter((c) => c.type === 'paragraph-link'))
      if (roll < 0.12 && w.undo) {
        w.content = w.undo
        expected.set(w.undoOf!.marker, w.undoOf!.presentAfterUndo)
        w.undo = null
        edits.undos++
      } else {
        const marker = `zq${w.name}${++counter}x`
        if (roll < 0.55) {
          const block = pick(blocks)
          const texts = (block.children ?? []).filter((c) => c.type === 'text')
          if (texts.length === 0) block.children = [...(block.children ?? []), text(` ${marker}`)]
          else {
            const target = pick(texts)
            const spaces = [...target.text!.matchAll(/ /g)].map((m) => m.index!)
            const at = spaces.length ? pick(spaces) : target.text!.length
            target.text = `${target.text!.slice(0, at)} ${marker}${target.text!.slice(at)}`
          }
          expected.set(marker, true)
          edits.text++
        } else if (roll < 0.8 || chips.length === 0) {
          // a citation at the end of its paragraph, after the sentence it supports. (A chip between
          // two runs of words is the one case Lexical's Yjs binding does not merge cleanly: deleting
          // it joins the runs, and words a co-author types into the second run at that moment are
          // dropped by the binding; see the closing note of #21.)
          const block = pick(blocks)
          block.children = [...(block.children ?? []), chip(marker, 1 + Math.floor(rand() * 20))]
          expected.set(marker, true)
          edits.chipsInserted++
        } else {
          const gone = pick(chips)
          for (const block of blocks) {
            const at = (block.children ?? []).indexOf(gone)
            if (at < 0) continue
            block.children!.splice(at, 1)
          }
          expected.set(gone.anchor!.quote, false)
          edits.chipsDeleted++
          w.undoOf = { marker: gone.anchor!.quote, presentAfterUndo: true }
          w.undo = before
          return save(w)
        }
        w.undoOf = { marker, presentAfterUndo: false }
        w.undo = before
      }
      return save(w)
    }
    const save = async (w: Window): Promise<void> => {
      const result = await w.notebook.notes.save({ id: NOTE_ID, title: 'Shared draft', content: w.content, baseRevision: w.revision })
      w.revision = result.revision
      edits.saves++
    }
    const round = async (count: number): Promise<void> => {
      for (let i = 0; i < count; i++) {
        await Promise.all(windows.map((w) => edit(w)))
        if (rand() < 0.5) await new Promise((resolve) => setTimeout(resolve, rand() * 30))
      }
    }

    await round(15)
    await server.kill() // midway, with changes still travelling
    await Promise.all(windows.map((w) => vi.waitFor(() => expect(w.engine.status().state).toBe('offline'), { timeout: 5000 })))
    await round(8) // offline on every peer
    await server.start()
    await round(7)

    // everyone settles until no peer learns anything new
    let contents: string[] = []
    for (let attempt = 0; attempt < 10; attempt++) {
      for (const w of windows) expect((await w.engine.settle(20_000)).state).toBe('synced')
      contents = await Promise.all(windows.map(async (w) => JSON.stringify((await w.notebook.notes.get(NOTE_ID)).content)))
      if (contents.every((c) => c === contents[0])) break
    }
    expect(contents[1]).toBe(contents[0])
    expect(contents[2]).toBe(contents[0])

    const final = contents[0]!
    for (const [marker, present] of expected) {
      const occurrences = final.split(marker).length - 1
      expect({ marker, occurrences }).toEqual({ marker, occurrences: present ? 1 : 0 })
    }
    const finalNote = JSON.parse(final) as SerializedEditorState
    const finalChips = (finalNote.root.children as unknown as Node[]).flatMap((b) => (b.children ?? []).filter((c) => c.type === 'paragraph-link'))
    for (const c of finalChips) expect(`${c.anchor!.sourceId}#¶${c.anchor!.paragraph}`).toMatch(/^russia-iran-alignment#¶\d+$/)
    expect(finalChips.length).toBe([...expected].filter(([m, present]) => present && finalChips.some((c) => c.anchor!.quote === m)).length)
    expect(edits.text).toBeGreaterThan(20)
    expect(edits.chipsInserted).toBeGreaterThan(10)
    expect(edits.chipsDeleted).toBeGreaterThan(3)
    expect(edits.undos).toBeGreaterThan(3)

    // a fresh peer joining afterwards gets the same notebook
    const d = await openNotebook(join(work, 'd'), { bundled: false })
    const fresh = await sync.join(d, address, token)
    expect((await fresh.settle(20_000)).state).toBe('synced')
    expect(JSON.stringify((await d.notes.get(NOTE_ID)).content)).toBe(final)
    expect(d.notes.list().notes.map((n) => n.title)).toEqual(['Shared draft'])
    console.log(`convergence: 3 peers, ${edits.saves} saves (${edits.text} text, ${edits.chipsInserted} chips inserted, ${edits.chipsDeleted} deleted, ${edits.undos} undos), 1 SIGKILL, ${expected.size} markers checked`)
  })
})
