/**
 * What the sync engine, the sync server and the window agree on: the names of the Yjs documents a
 * notebook is made of on a Hocuspocus server, and the states sync can be in.
 */

/** A notebook's name in a remote's address (`ws://host:port/NOTEBOOK`). */
export const NOTEBOOK_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/

/**
 * The documents of one notebook: `NOTEBOOK/notebook` (the list of notes, the sources, their
 * citation keys) and one `NOTEBOOK/note/ID` per note (its Lexical content, title and trash state).
 */
export const DOCUMENT_NAME = /^([A-Za-z0-9][A-Za-z0-9_-]{0,63})\/(notebook|note\/n-[a-z0-9-]{1,80})$/

export const notebookDocName = (notebook: string): string => `${notebook}/notebook`
export const noteDocName = (notebook: string, noteId: string): string => `${notebook}/note/${noteId}`

/** The note a document name stands for, or null for the notebook's own document. */
export function noteIdOfDocName(name: string): string | null {
  const match = DOCUMENT_NAME.exec(name)
  return match?.[2]?.startsWith('note/') ? match[2].slice('note/'.length) : null
}

/** A remote as the workspace records it (the token is kept apart, readable by the user alone). */
export interface SyncRemote {
  /** `ws://host:port` or `wss://host:port`, without the notebook. */
  server: string
  notebook: string
}

export type SyncState = 'off' | 'synced' | 'syncing' | 'offline' | 'refused'

export interface SyncStatus {
  state: SyncState
  remote: SyncRemote | null
  /** Read-only token: the notes are shown, typing is refused. */
  readOnly: boolean
  /** Who else has each note open now, by the names their devices go by (this device not counted). */
  presence: Record<string, string[]>
  /** Why sync was refused ("the token was revoked…"), or what went wrong last. */
  message: string | null
  /** Documents with changes the server has not confirmed yet. */
  pending: number
  lastSyncedAt: string | null
  /**
   * Orders statuses (a window hears them as events and as answers, on two connections that may
   * overtake one another): a larger `seq` of the same `epoch` (one run of the notebook) is later.
   */
  seq: number
  epoch: string
}

/** Whether `next` is newer than `current` (see SyncStatus.seq). */
export function isNewerSyncStatus(next: SyncStatus, current: SyncStatus | null): boolean {
  return current === null || next.epoch !== current.epoch || next.seq >= current.seq
}

/** What the window shows for a status, e.g. "Offline — changes kept here". */
export function syncStatusLabel(status: SyncStatus): string {
  switch (status.state) {
    case 'off':
      return 'Not synced'
    case 'synced':
      return status.readOnly ? 'Synced (read only)' : 'Synced'
    case 'syncing':
      return 'Syncing…'
    case 'offline':
      return 'Offline — changes kept here'
    case 'refused':
      return `Sync refused: ${status.message ?? 'the server refused the token.'}`
  }
}

/** Splits `ws://HOST:PORT/NOTEBOOK` into the server and the notebook, or says what is wrong. */
export function parseRemoteAddress(address: string): SyncRemote | { error: string } {
  let url: URL
  try {
    url = new URL(address)
  } catch {
    return { error: `"${address}" is not an address; give one like ws://127.0.0.1:4455/my-notebook.` }
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') return { error: `A sync address starts with ws:// or wss://, not ${url.protocol}//.` }
  if (url.username || url.password || url.search || url.hash) return { error: 'A sync address has no user name, password, ?query or #part; the token is given with --token.' }
  const notebook = url.pathname.replace(/^\/+|\/+$/g, '')
  if (!NOTEBOOK_NAME.test(notebook)) return { error: `The address must end with the notebook's name (letters, digits, - and _), e.g. ${url.protocol}//${url.host}/my-notebook.` }
  return { server: `${url.protocol}//${url.host}`, notebook }
}
