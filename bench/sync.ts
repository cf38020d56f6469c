import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import { fork, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as Y from 'yjs'
import { DEFAULT_SETTINGS } from '../src/shared/settings'
import type { SerializedEditorState } from '../src/shared/notes'
import { noteDocName } from '../src/shared/sync'
import { findAppRoot } from '../src/main/core/app-paths'
import { Notebook } from '../src/main/core/notebook'
import { MemorySettingsStore } from '../src/main/core/settings-store'
import { bundleForChild } from '../src/main/core/testing/bundle-for-child'
import { TokenStore } from '../src/main/sync-server/tokens'
import { NoteDoc } from '../src/main/sync/note-doc'
import { SyncFolder } from '../src/main/sync/remote-config'
import { SyncEngine } from '../src/main/sync/sync-engine'
import type { Figures } from './index'
import { median, round } from './stats'

const ROOMS = 500
const NOTES = 1000
const RUNS = 3

/** A note of a few paragraphs with a chip, as researchers write them. */
function note(i: number): SerializedEditorState {
  const text = (t: string) => ({ type: 'text', text: t, detail: 0, format: 0, mode: 'normal', style: '', version: 1 })
  const chip = { type: 'paragraph-link', version: 1, anchor: { sourceId: 'russia-iran-alignment', blockId: 'p-6', paragraph: 6, quote: 'strategic', prefix: '', suffix: '' }, sourceTitle: 'Russia and Iran' }
  const paragraph = (...children: unknown[]) => ({ type: 'paragraph', children, direction: null, format: '', indent: 0, version: 1 })
  return {
    root: {
      type: 'root', direction: null, format: '', indent: 0, version: 1,
      children: [paragraph(text(`Note ${i}: the alignment is pragmatic `), chip), paragraph(text('Both resist a unipolar order, each for its own reasons.')), paragraph(text('Sanctions pushed them together more than ideology did.'))]
    } as unknown as SerializedEditorState['root']
  }
}

class ServerChild {
  private constructor(private readonly child: ChildProcess, readonly url: string) {}

  static async start(script: string, dataDir: string): Promise<ServerChild> {
    const child = fork(script, [dataDir], { execArgv: ['--expose-gc'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] })
    const url = await new Promise<string>((resolve) => child.once('message', (m: { url: string }) => resolve(m.url)))
    return new ServerChild(child, url)
  }

  heapMb(): Promise<number> {
    return new Promise((resolve) => {
      this.child.once('message', (m: { heapMb: number }) => resolve(m.heapMb))
      this.child.send({ heap: true })
    })
  }

  stop(): void {
    this.child.kill('SIGKILL')
  }
}

/** The server's heap at rest, with 500 notes open, and after they closed (Hocuspocus unloads a document when its last client leaves). */
async function serverRooms(script: string, work: string, log: (line: string) => void): Promise<Figures> {
  const dataDir = join(work, 'rooms-server')
  const token = await new TokenStore(dataDir).add('bench', false)
  const server = await ServerChild.start(script, dataDir)
  try {
    const start = await server.heapMb()
    const socket = new HocuspocusProviderWebsocket({ url: server.url })
    const template = new NoteDoc()
    template.setContent(note(0))
    const state = Y.encodeStateAsUpdate(template.doc)
    const providers = await Promise.all(
      Array.from({ length: ROOMS }, (_, i) => {
        const document = new Y.Doc()
        Y.applyUpdate(document, state)
        return new Promise<HocuspocusProvider>((resolve) => {
          const provider = new HocuspocusProvider({ name: noteDocName('bench', `n-room-${i}`), document, token, awareness: null, websocketProvider: socket, onSynced: () => resolve(provider) })
          provider.attach()
        })
      })
    )
    const open = await server.heapMb()
    for (const provider of providers) provider.destroy()
    socket.destroy()
    // stored (debounced) and unloaded: wait for the heap to stop falling
    let after = await server.heapMb()
    for (let i = 0; i < 20; i++) {
      await new Promise((resolve) => setTimeout(resolve, 500))
      const now = await server.heapMb()
      if (Math.abs(now - after) < 0.2) break
      after = now
    }
    log(`Sync server heap: ${round(start, 1)} MB at rest, ${round(open, 1)} MB with ${ROOMS} notes open, ${round(after, 1)} MB after they closed`)
    return {
      'sync.server.heap_start_mb': round(start, 1),
      'sync.server.heap_with_500_rooms_mb': round(open, 1),
      'sync.server.heap_after_500_rooms_mb': round(after, 1)
    }
  } finally {
    server.stop()
  }
}

const openNotebook = (dir: string) => Notebook.open({ workspaceDir: dir, bundledSources: [], settings: new MemorySettingsStore(DEFAULT_SETTINGS) })

async function joinAs(notebook: Notebook, url: string, token: string): Promise<SyncEngine> {
  const folder = new SyncFolder(notebook.workspace.root)
  await folder.join({ server: url, notebook: 'thesis' }, token)
  return (await SyncEngine.start({ notes: notebook.notes, sources: notebook.sources, folder }))!
}

/** A notebook of 1,000 notes on the server; a fresh workspace joins: from its start to every note file written. */
async function freshPeer(script: string, work: string, log: (line: string) => void): Promise<Figures> {
  const dataDir = join(work, 'peer-server')
  const token = await new TokenStore(dataDir).add('bench', false)
  const server = await ServerChild.start(script, dataDir)
  try {
    const seed = await openNotebook(join(work, 'seed'))
    const at = new Date().toISOString()
    for (let i = 0; i < NOTES; i++) await seed.notes.add({ id: `n-bench-${i}`, title: `Note ${i}`, createdAt: at, updatedAt: at, content: note(i) })
    const seeding = performance.now()
    const seedEngine = await joinAs(seed, server.url, token)
    const seeded = await seedEngine.settle(300_000)
    const seedMs = performance.now() - seeding
    await seedEngine.close()
    await seed.close()
    if (seeded.state !== 'synced') throw new Error(`the seed did not sync: ${seeded.state}`)
    const times: number[] = []
    for (let run = 0; run < RUNS; run++) {
      const fresh = await openNotebook(join(work, `fresh-${run}`))
      const started = performance.now()
      const engine = await joinAs(fresh, server.url, token)
      const status = await engine.settle(300_000)
      times.push(performance.now() - started)
      const count = fresh.notes.list().notes.length
      await engine.close()
      await fresh.close()
      if (status.state !== 'synced' || count !== NOTES) throw new Error(`the fresh peer ended ${status.state} with ${count} notes`)
    }
    log(`Sync: a fresh peer receives a ${NOTES}-note notebook in ${round(median(times))} ms (median of ${RUNS}: ${times.map((t) => round(t)).join(', ')}); the first device shares it in ${round(seedMs)} ms`)
    return { 'sync.fresh_peer_1000_notes_ms': round(median(times)), 'sync.first_device_shares_1000_notes_ms': round(seedMs) }
  } finally {
    server.stop()
  }
}

export async function benchSync(log: (line: string) => void): Promise<Figures> {
  const work = mkdtempSync(join(tmpdir(), 'pilcrow-bench-sync-'))
  try {
    const script = await bundleForChild(join(findAppRoot(), 'bench', 'sync-server.child.ts'), join(work, 'child'))
    return { ...(await serverRooms(script, work, log)), ...(await freshPeer(script, work, log)) }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}
