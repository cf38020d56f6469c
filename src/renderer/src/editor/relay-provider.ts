import type { Provider, ProviderAwareness } from '@lexical/yjs'
import { Awareness } from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { NotebookApi } from '../../../shared/api'
import type { NotebookEvents } from '../../../shared/events'
import { bytesFromBase64 } from '../api/base64'

type Listener = (arg: never) => void

/** A Yjs update as the contract carries it. */
function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

/** How a window's edits of a shared note are doing: all kept by the notebook, on their way, or failing (kept here, retried). */
export type RelayState = { kind: 'saved' } | { kind: 'saving' } | { kind: 'failed'; reason: string }

/**
 * The window's side of a shared note for Lexical's CollaborationPlugin: the note's Yjs document
 * comes from this device's notebook (`openNoteDoc`), the window's edits go back to it
 * (`updateNoteDoc`, in order, merged while one is on its way), and what changes there (a
 * co-author's typing, from the sync server) arrives as `note-doc-changed` events. The network
 * side is the notebook's (Hocuspocus); this relay only crosses the window's own boundary (IPC in
 * the desktop app, the token-checked HTTP API in browser mode), so the window's CSP stays
 * `connect-src 'self'`. A push that fails is kept and sent again; updates are idempotent.
 */
export class RelayProvider implements Provider {
  /** This window's presence (its caret and name, as Lexical sets them); y-protocols' Awareness, typed as Lexical reads it. */
  readonly awareness: ProviderAwareness & { destroy(): void }
  private readonly listeners = new Map<string, Set<Listener>>()
  private pending: Uint8Array | null = null
  private sending = false
  private stopEvents: (() => void) | null = null
  private retry: ReturnType<typeof setTimeout> | null = null
  private connected = false
  /** This window's own id for presence (telling the notebook twice is harmless). */
  private readonly windowId = crypto.randomUUID().replaceAll('-', '')
  /** Says again, every 30 s, that this window is in the note (a closed tab falls silent, and its marker goes). */
  private heartbeat: ReturnType<typeof setInterval> | null = null

  constructor(
    private readonly noteId: string,
    readonly doc: Y.Doc,
    private readonly api: Pick<NotebookApi, 'openNoteDoc' | 'updateNoteDoc' | 'setNotePresence'>,
    private readonly events: Pick<NotebookEvents, 'onDidChangeNoteDoc'>,
    private readonly onState: (state: RelayState) => void,
    private readonly onReady: () => void = () => undefined
  ) {
    this.awareness = new Awareness(doc) as unknown as ProviderAwareness & { destroy(): void }
    doc.on('update', this.onLocalUpdate)
  }

  private readonly onLocalUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === this) return
    this.pending = this.pending ? Y.mergeUpdates([this.pending, update]) : update
    void this.push()
  }

  private async push(): Promise<void> {
    if (this.sending || !this.pending || !this.connected) return
    const update = this.pending
    this.pending = null
    this.sending = true
    this.onState({ kind: 'saving' })
    try {
      await this.api.updateNoteDoc(this.noteId, toBase64(update))
      this.sending = false
      if (this.pending) return this.push()
      this.onState({ kind: 'saved' })
    } catch (error) {
      this.sending = false
      this.pending = this.pending ? Y.mergeUpdates([update, this.pending]) : update
      this.onState({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) })
      this.retry = setTimeout(() => {
        this.retry = null
        void this.push()
      }, 1000)
    }
  }

  /** Fetches the note's document as the notebook holds it (at the start, and after the event stream came back), and sends what only this window has. */
  async resync(): Promise<void> {
    void this.api.setNotePresence(this.noteId, this.windowId, true).catch(() => undefined)
    const { state } = await this.api.openNoteDoc(this.noteId)
    Y.applyUpdate(this.doc, bytesFromBase64(state), this)
    const mine = Y.encodeStateAsUpdate(this.doc, Y.encodeStateVectorFromUpdate(bytesFromBase64(state)))
    if (mine.length > 2) this.onLocalUpdate(mine, null)
  }

  connect(): void {
    if (this.connected) return
    this.connected = true
    this.stopEvents = this.events.onDidChangeNoteDoc((event) => {
      if (event.noteId === this.noteId) Y.applyUpdate(this.doc, bytesFromBase64(event.update), this)
    })
    this.heartbeat = setInterval(() => void this.api.setNotePresence(this.noteId, this.windowId, true).catch(() => undefined), 30_000)
    this.emit('status', { status: 'connecting' })
    this.resync().then(
      () => {
        this.emit('status', { status: 'connected' })
        this.emit('sync', true)
        this.onReady()
        void this.push()
      },
      (error: unknown) => this.onState({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) })
    )
  }

  disconnect(): void {
    if (this.connected) void this.api.setNotePresence(this.noteId, this.windowId, false).catch(() => undefined)
    this.connected = false
    if (this.heartbeat) clearInterval(this.heartbeat)
    this.heartbeat = null
    this.stopEvents?.()
    this.stopEvents = null
    if (this.retry) clearTimeout(this.retry)
    this.emit('status', { status: 'disconnected' })
  }

  /** Gone with its editor: what it still holds is sent one last time. */
  destroy(): void {
    const last = this.pending
    this.disconnect()
    this.doc.off('update', this.onLocalUpdate)
    this.awareness.destroy()
    if (last) void this.api.updateNoteDoc(this.noteId, toBase64(last)).catch(() => undefined)
  }

  on(type: string, listener: Listener): void {
    let set = this.listeners.get(type)
    if (!set) this.listeners.set(type, (set = new Set()))
    set.add(listener)
  }

  off(type: string, listener: Listener): void {
    this.listeners.get(type)?.delete(listener)
  }

  private emit(type: string, arg: unknown): void {
    for (const listener of this.listeners.get(type) ?? []) (listener as (a: unknown) => void)(arg)
  }
}
