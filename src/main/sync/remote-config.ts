import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { PilcrowError } from '../../shared/errors'
import { NOTEBOOK_NAME, type SyncRemote } from '../../shared/sync'
import { writeFileAtomic } from '../core/atomic-write'

const RemoteFile = z.object({
  server: z.string().regex(/^wss?:\/\/[^/?#\s]+$/),
  notebook: z.string().regex(NOTEBOOK_NAME),
  joinedAt: z.string(),
  /** The name co-authors see this device by in the notes it has open (the computer's name unless given). */
  deviceName: z.string().max(100).optional(),
  /** Set once the first exchange with the server is done (the notebook's notes met the server's). */
  migratedAt: z.string().nullable()
})
export type RemoteRecord = z.infer<typeof RemoteFile>

/**
 * Where a workspace keeps what it shares: `sync/remote.json` (the server and notebook), `sync/token`
 * (readable by the user alone), `sync/documents/` (its copy of the notebook's Yjs documents) and
 * `sync/file-bases/` (the state each note file was written from).
 */
export class SyncFolder {
  readonly dir: string

  constructor(workspaceRoot: string) {
    this.dir = join(workspaceRoot, 'sync')
  }

  get documentsDir(): string {
    return join(this.dir, 'documents')
  }

  /** For each note, the state its note file was last written from (see FileBaseFiles). */
  get fileBasesDir(): string {
    return join(this.dir, 'file-bases')
  }

  private get remoteFile(): string {
    return join(this.dir, 'remote.json')
  }

  private get tokenFile(): string {
    return join(this.dir, 'token')
  }

  /** The remote this workspace joined, or null; a damaged record is an error that says which file. */
  async remote(): Promise<{ record: RemoteRecord; token: string } | null> {
    const raw = await fs.readFile(this.remoteFile, 'utf8').catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? null : Promise.reject(error)))
    if (raw === null) return null
    let parsed: ReturnType<typeof RemoteFile.safeParse>
    try {
      parsed = RemoteFile.safeParse(JSON.parse(raw))
    } catch {
      parsed = { success: false } as ReturnType<typeof RemoteFile.safeParse>
    }
    if (!parsed.success) throw new PilcrowError('unsupported-format', `${this.remoteFile} is damaged; run "pilcrow sync leave" and join again (your notes are not touched).`)
    const token = (await fs.readFile(this.tokenFile, 'utf8').catch(() => '')).trim()
    return { record: parsed.data, token }
  }

  /** Refuses a remote other than the one this workspace already syncs with (one at a time: leave first). */
  async checkJoinable(remote: SyncRemote): Promise<void> {
    const joined = await this.remote().catch(() => null)
    if (joined && (joined.record.server !== remote.server || joined.record.notebook !== remote.notebook)) {
      throw new PilcrowError('invalid-argument', `This workspace already syncs with ${joined.record.server}/${joined.record.notebook}. Leave it first (pilcrow sync leave, or Leave in the Sync dialog).`)
    }
  }

  /** Records the remote and its token; `deviceName` is what co-authors see this device as (the computer's name if none). */
  async join(remote: SyncRemote, token: string, deviceName?: string): Promise<void> {
    await this.checkJoinable(remote)
    await fs.mkdir(this.dir, { recursive: true })
    await writeFileAtomic(this.tokenFile, token + '\n', { mode: 0o600 })
    const joined = await this.remote().catch(() => null)
    // joining the same notebook again (a new token) keeps what the first exchange did
    const kept = joined && joined.record.server === remote.server && joined.record.notebook === remote.notebook ? joined.record : null
    const name = deviceName?.trim() || kept?.deviceName
    await this.save({ ...remote, joinedAt: kept?.joinedAt ?? new Date().toISOString(), migratedAt: kept?.migratedAt ?? null, ...(name ? { deviceName: name.slice(0, 100) } : {}) })
  }

  async save(record: RemoteRecord): Promise<void> {
    await writeFileAtomic(this.remoteFile, JSON.stringify(record, null, 2) + '\n')
  }

  /** Forgets the remote, the token and the shared documents; the note files stay as they are. */
  async leave(): Promise<boolean> {
    const had = await fs.access(this.remoteFile).then(() => true, () => false)
    await fs.rm(this.dir, { recursive: true, force: true })
    return had
  }
}

export const remoteOf = (record: RemoteRecord): SyncRemote => ({ server: record.server, notebook: record.notebook })
