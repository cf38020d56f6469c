import type { SyncStatus } from '../../shared/sync'
import type { NotesService } from '../core/notes'
import { SyncFolder } from './remote-config'
import { SyncEngine } from './sync-engine'

/**
 * Starts syncing a workspace's notes when it joined a remote (null when it joined none). The
 * notes service is the open notebook's: saves from windows, imports and the CLI reach the engine
 * through it, and what peers wrote reaches them through it too (its change events).
 */
export function startSync(workspaceRoot: string, notes: NotesService, onStatus?: (status: SyncStatus) => void, reconnect?: { delay: number; maxDelay: number }): Promise<SyncEngine | null> {
  return SyncEngine.start({ notes, folder: new SyncFolder(workspaceRoot), ...(onStatus ? { onStatus } : {}), ...(reconnect ? { reconnect } : {}) })
}
