import type { SyncStatus } from '../../shared/sync'

/**
 * What the notebook asks of sync, whoever provides it: the shells (`pilcrow serve`, the desktop
 * app) attach the sync engine of src/main/sync; a notebook without one (the one-shot CLI, tests)
 * answers that it does not sync.
 */
export interface SyncPort {
  status(): SyncStatus
  join(address: string, token: string, deviceName?: string): Promise<SyncStatus>
  leave(): Promise<SyncStatus>
  /** Stops syncing for now (the notebook closes), keeping every document on disk. */
  close(): Promise<void>
  /** A shared note's document, its whole state (a window opens it to edit live). */
  noteState(noteId: string): Uint8Array
  /** A window's edit of a shared note's document. */
  applyNoteUpdate(noteId: string, update: Uint8Array): void
  /** A window opened (or closed) a shared note: co-authors see this device in it. */
  setNotePresence(noteId: string, windowId: string, here: boolean): void
}

export const SYNC_OFF: SyncStatus = { state: 'off', remote: null, readOnly: false, presence: {}, message: null, pending: 0, lastSyncedAt: null, seq: 0, epoch: '' }
