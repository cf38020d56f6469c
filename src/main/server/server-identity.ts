import { randomBytes } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { writeFileAtomic } from '../core/atomic-write'

/**
 * What `pilcrow serve` keeps between runs for one workspace, in `.pilcrow/server.json`, readable
 * by the user alone: its token and the port it last listened on. A page opened before a restart
 * then reaches the new server at the same address with the same token, and saves what was typed
 * while it was down. A file others can read (copied, synced, chmod-ed) is not trusted: a new
 * token is made.
 */
export interface ServerIdentity {
  token: string
  /** The port of the last run, tried first when no port is asked for. */
  port: number | null
}

const FILE = 'server.json'

function pathIn(workspaceRoot: string): string {
  return join(workspaceRoot, '.pilcrow', FILE)
}

/** The workspace's server token (made now when there is none, or when others could read it) and last port. */
export async function loadServerIdentity(workspaceRoot: string): Promise<ServerIdentity> {
  const path = pathIn(workspaceRoot)
  try {
    const stat = await fs.stat(path)
    const data = JSON.parse(await fs.readFile(path, 'utf8')) as { token?: unknown; port?: unknown }
    const privateToUser = (stat.mode & 0o077) === 0 && (process.getuid === undefined || stat.uid === process.getuid())
    if (privateToUser && typeof data.token === 'string' && /^[A-Za-z0-9_-]{32,}$/.test(data.token)) {
      const port = Number.isInteger(data.port) && (data.port as number) > 0 && (data.port as number) < 65536 ? (data.port as number) : null
      return { token: data.token, port }
    }
  } catch {
    // none yet, or unreadable: a new one is made
  }
  const identity: ServerIdentity = { token: randomBytes(24).toString('base64url'), port: null }
  await saveServerIdentity(workspaceRoot, identity)
  return identity
}

/** Writes the identity, readable and writable by the user alone. */
export async function saveServerIdentity(workspaceRoot: string, identity: ServerIdentity): Promise<void> {
  const path = pathIn(workspaceRoot)
  await fs.mkdir(join(workspaceRoot, '.pilcrow'), { recursive: true })
  await writeFileAtomic(path, JSON.stringify(identity) + '\n', { mode: 0o600 })
}
