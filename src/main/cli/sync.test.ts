import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Notebook } from '../core/notebook'
import { MemorySettingsStore } from '../core/settings-store'
import { DEFAULT_SETTINGS } from '../../shared/settings'
import { useTempDirs } from '../core/test-support'
import { ServerProcess } from '../sync/testing/sync-fixtures'
import { pilcrow } from './testing/run-cli'

const openNotebook = (dir: string) => Notebook.open({ workspaceDir: dir, bundledSources: [], settings: new MemorySettingsStore(DEFAULT_SETTINGS) })

describe('pilcrow sync-server and pilcrow sync', () => {
  const tempDir = useTempDirs()
  const servers: ServerProcess[] = []
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.kill()
  })

  it('manage the server\'s tokens: one line per new token, a list without the tokens, a revoke', async () => {
    const data = tempDir()
    const added = await pilcrow('sync-server', 'token', 'add', 'laptop', '--data', data)
    expect(added.code).toBe(0)
    expect(added.out).toMatch(/^pct_[A-Za-z0-9_-]{32}\n$/)
    expect((await pilcrow('sync-server', 'token', 'add', 'supervisor', '--read-only', '--data', data)).code).toBe(0)
    const listed = await pilcrow('sync-server', 'token', 'list', '--data', data)
    expect(listed.out).toMatch(/^laptop\tread-write\tadded .+\nsupervisor\tread-only\tadded .+\n$/)
    expect(listed.out).not.toContain(added.out.trim())
    expect((await pilcrow('sync-server', 'token', 'add', 'laptop', '--data', data)).err).toMatch(/already a token named "laptop"/)
    expect((await pilcrow('sync-server', 'token', 'revoke', 'laptop', '--data', data)).out).toMatch(/Revoked "laptop"/)
    expect((await pilcrow('sync-server', 'token', 'revoke', 'laptop', '--data', data)).code).toBe(1)
    expect((await pilcrow('sync-server', '--port', '1')).code).toBe(2) // no --data
  })

  it('join a notebook, sync once, and leave; search in one workspace finds what was written in the other', async () => {
    const work = tempDir()
    const server = await ServerProcess.create(work)
    servers.push(server)
    const token = await server.addToken('co-authors')
    await server.start()
    const [a, b] = [join(work, 'a'), join(work, 'b')]
    const address = `${server.url}/thesis`

    const notebook = await openNotebook(a)
    const note = await notebook.notes.create('Field notes')
    await notebook.notes.save({ id: note.id, title: 'Field notes', content: { root: { type: 'root', direction: null, format: '', indent: 0, version: 1, children: [{ type: 'paragraph', direction: null, format: '', indent: 0, version: 1, children: [{ type: 'text', text: 'The Caspian quinquepartite summit mattered.', detail: 0, format: 0, mode: 'normal', style: '', version: 1 }] }] } } as never, baseRevision: note.revision })
    await notebook.close()
    const joinedA = await pilcrow('sync', 'join', address, '--token', token, '--workspace', a, '--timeout', '20')
    expect(joinedA.err).toBe('')
    expect(joinedA.out).toMatch(/^Joined ws:\/\/127\.0\.0\.1:\d+\/thesis; exchanging the notebook now…\nSynced with ws:\/\/127\.0\.0\.1:\d+\/thesis: \d+ notes\.\n$/)
    expect(statSync(join(a, 'sync', 'token')).mode & 0o777).toBe(0o600)
    expect(readFileSync(join(a, 'sync', 'remote.json'), 'utf8')).not.toContain(token)

    const joinedB = await pilcrow('sync', 'join', address, '--token', token, '--workspace', b, '--timeout', '20')
    expect(joinedB.err).toBe('')
    expect(joinedB.code).toBe(0)
    expect((await pilcrow('sync', 'status', '--workspace', b)).out).toMatch(/^Syncs with ws:\/\/127\.0\.0\.1:\d+\/thesis \(joined .+, first exchange .+\)\.\n$/)
    const now = await pilcrow('sync', 'now', '--workspace', b, '--timeout', '20')
    expect(now.err).toBe('')
    expect(now.code).toBe(0)
    const found = await pilcrow('search', 'quinquepartite', '--workspace', b)
    expect(found.out).toMatch(/note · Field notes[^\n]*\n  The Caspian «quinquepartite» summit mattered\./)

    const left = await pilcrow('sync', 'leave', '--workspace', b)
    expect(left.out).toMatch(/Left the sync server/)
    expect(existsSync(join(b, 'sync'))).toBe(false)
    expect((await pilcrow('sync', 'now', '--workspace', b)).err).toMatch(/has not joined a sync server/)
  }, 60_000)

  it('say what is wrong with an address or a missing token', async () => {
    const dir = tempDir()
    expect((await pilcrow('sync', 'join', 'http://example.org/x', '--token', 't', '--workspace', dir)).err).toMatch(/starts with ws:\/\/ or wss:\/\//)
    expect((await pilcrow('sync', 'join', 'ws://127.0.0.1:4455/', '--token', 't', '--workspace', dir)).err).toMatch(/must end with the notebook's name/)
    expect((await pilcrow('sync', 'join', 'ws://127.0.0.1:4455/thesis', '--workspace', dir)).err).toMatch(/give the token/)
    expect((await pilcrow('sync', 'status', '--workspace', dir)).out).toBe('Not synced: this workspace has not joined a sync server.\n')
  })
})
