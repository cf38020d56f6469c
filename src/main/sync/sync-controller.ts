import { randomBytes } from 'node:crypto'
import { PilcrowError } from '../../shared/errors'
import { parseRemoteAddress, type SyncStatus } from '../../shared/sync'
import type { NotesService } from '../core/notes'
import type { SourcesService } from '../core/sources'
import { SYNC_OFF, type SyncPort } from '../core/sync-port'
import { SyncFolder } from './remote-config'
import { SyncEngine } from './sync-engine'

/**
 * Sync for a running app (`pilcrow serve`, the desktop app): starts the engine when the workspace
 * joined a remote, joins and leaves from the window, and tells every status change. One engine at
 * a time; joining while joined elsewhere is refused (leave first).
 */
export class SyncController implements SyncPort {
  private engine: SyncEngine | null = null
  private readonly folder: SyncFolder
  private last: SyncStatus
  /** This run's statuses, numbered (see SyncStatus.seq). */
  private readonly epoch = randomBytes(6).toString('base64url')
  private seq = 0

  constructor(
    workspaceRoot: string,
    private readonly notes: NotesService,
    private readonly sources: SourcesService,
    private readonly announce: (status: SyncStatus) => void,
    private readonly announceNoteDoc: (noteId: string, update: Uint8Array) => void = () => undefined
  ) {
    this.folder = new SyncFolder(workspaceRoot)
    this.last = { ...SYNC_OFF, epoch: this.epoch }
  }

  /** Starts syncing if the workspace joined a remote. */
  async start(): Promise<void> {
    this.engine = await SyncEngine.start({
      notes: this.notes,
      sources: this.sources,
      folder: this.folder,
      onStatus: (status) => this.tell(status),
      onNoteUpdate: (noteId, update) => this.announceNoteDoc(noteId, update)
    })
  }

  status(): SyncStatus {
    return this.last
  }

  async join(address: string, token: string, deviceName?: string): Promise<SyncStatus> {
    const remote = parseRemoteAddress(address.trim())
    if ('error' in remote) throw new PilcrowError('invalid-argument', remote.error)
    // refused before the running engine stops: a wrong address leaves syncing as it was
    await this.folder.checkJoinable(remote)
    await this.engine?.close()
    this.engine = null
    await this.folder.join(remote, token.trim(), deviceName)
    await this.start()
    return this.tell(this.engine!.status())
  }

  async leave(): Promise<SyncStatus> {
    await this.engine?.close()
    this.engine = null
    await this.folder.leave()
    return this.tell(SYNC_OFF)
  }

  noteState(noteId: string): Uint8Array {
    if (!this.engine) throw new PilcrowError('not-found', 'This notebook is not shared: its notes are saved as files.')
    return this.engine.noteState(noteId)
  }

  applyNoteUpdate(noteId: string, update: Uint8Array): void {
    if (!this.engine) throw new PilcrowError('not-found', 'This notebook is not shared any more: reload the note to save it as a file.')
    this.engine.applyWindowUpdate(noteId, update)
  }

  setNotePresence(noteId: string, windowId: string, here: boolean): void {
    this.engine?.setPresence(noteId, windowId, here)
  }

  async close(): Promise<void> {
    await this.engine?.close()
    this.engine = null
  }

  private tell(status: SyncStatus): SyncStatus {
    this.last = { ...status, seq: ++this.seq, epoch: this.epoch }
    this.announce(this.last)
    return this.last
  }
}

/** Attaches sync to an open notebook: what the shells call once the notebook is open. */
export async function attachSync(notebook: {
  workspace: { root: string }
  notes: NotesService
  sources: SourcesService
  attachSync(port: SyncPort): void
  announceSync(status: SyncStatus): void
  announceNoteDoc(noteId: string, update: Uint8Array): void
}): Promise<SyncController> {
  const controller = new SyncController(notebook.workspace.root, notebook.notes, notebook.sources, (status) => notebook.announceSync(status), (noteId, update) => notebook.announceNoteDoc(noteId, update))
  notebook.attachSync(controller)
  await controller.start()
  return controller
}
