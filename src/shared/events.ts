import type { ImportOutcome, ImportStatus } from './imports'
import type { SearchStatus } from './search'
import type { Settings } from './settings'
import type { SyncStatus } from './sync'

/**
 * The contract's events: what the notebook announces when something changes, whoever changed it
 * (this window, another window or tab, the CLI, another program writing the workspace's files).
 * Declared once, here, beside the methods of `api.ts`: each event, and the named subscription
 * that hears it (`NOTEBOOK_EVENTS`). The desktop shell forwards every event on one IPC channel,
 * browser mode on one event stream (`GET /api/events`); each side checks every event against
 * `event-schema.ts` before the page hears of it, and builds the subscriptions with
 * `createEventSubscriptions`.
 */

/** A note was saved, renamed, trashed, restored, added or deleted. */
export interface NoteChangedEvent {
  type: 'note-changed'
  noteId: string
  /** The revision now on disk; null when the note was deleted. */
  revision: string | null
  title: string
  updatedAt: string
  trashed: boolean
  /** Its `#tags` now. */
  tags: string[]
}

/** A source was added, updated or deleted. */
export interface SourceChangedEvent {
  type: 'source-changed'
  sourceId: string
  /** A stamp of the version now stored (changes with every change); null when the source was deleted. */
  version: string | null
  title: string
}

/** Which notes cite which paragraphs changed, for these sources; which notes link to these notes changed. */
export interface LinksChangedEvent {
  type: 'links-changed'
  sourceIds: string[]
  /** The notes whose "Linked from" (the notes linking to them, and their sentences) changed. */
  noteIds: string[]
  /** Counts every change of the links: a larger number is a later state. */
  version: number
}

/** A source's highlights changed (added, recoloured, commented, deleted, or moved by a re-import). */
export interface HighlightsChangedEvent {
  type: 'highlights-changed'
  sourceId: string
  /** Counts every change of highlights: a larger number is a later state. */
  version: number
}

export interface SettingsChangedEvent {
  type: 'settings-changed'
  settings: Settings
  /** Counts every change of the settings: a larger number is a later state. */
  version: number
}

export interface StatusChangedEvent {
  type: 'status-changed'
  imports: ImportStatus
  search: SearchStatus
}

/** Sync with a server changed state: synced, syncing, offline, refused, or joined or left. */
export interface SyncChangedEvent {
  type: 'sync-changed'
  status: SyncStatus
}

/** A shared note's Yjs document changed (a co-author typed, or this device merged a change): the update, base64. */
export interface NoteDocChangedEvent {
  type: 'note-doc-changed'
  noteId: string
  update: string
}

/** Desktop only: a command chosen in the application menu. */
export interface CommandRequestedEvent {
  type: 'command-requested'
  commandId: string
}

/** Desktop only: a `pilcrow://` link opened from outside. */
export interface OpenRequestedEvent {
  type: 'open-requested'
  url: string
}

/** Desktop only: files imported through File → Import (the native dialog). */
export interface FilesImportedEvent {
  type: 'files-imported'
  outcomes: ImportOutcome[]
}

export type NotebookEvent =
  | NoteChangedEvent
  | SourceChangedEvent
  | LinksChangedEvent
  | HighlightsChangedEvent
  | SettingsChangedEvent
  | StatusChangedEvent
  | SyncChangedEvent
  | NoteDocChangedEvent
  | CommandRequestedEvent
  | OpenRequestedEvent
  | FilesImportedEvent

/** Each named subscription and the event it hears. */
export const NOTEBOOK_EVENTS = {
  /** A note was saved, renamed, trashed, restored, added or deleted (here, elsewhere, or on disk). */
  onDidChangeNotes: 'note-changed',
  /** A source was added, updated (re-imported, details edited) or deleted. */
  onDidChangeSources: 'source-changed',
  /** Which notes cite which paragraphs changed, for some sources. */
  onDidChangeLinks: 'links-changed',
  /** A source's highlights changed. */
  onDidChangeHighlights: 'highlights-changed',
  /** The settings changed (in any window). */
  onDidChangeSettings: 'settings-changed',
  /** Import progress, and the search index's state (loading, rebuilding, ready). */
  onDidChangeStatus: 'status-changed',
  /** Sync with a server: its state, and joining or leaving. */
  onDidChangeSync: 'sync-changed',
  /** A shared note's document changed: windows editing it apply the update. */
  onDidChangeNoteDoc: 'note-doc-changed',
  /** Desktop only: a command chosen in the application menu. */
  onDidRequestCommand: 'command-requested',
  /** Desktop only: a `pilcrow://` link opened from outside. */
  onDidRequestOpen: 'open-requested',
  /** Desktop only: files imported through File → Import (the native dialog). */
  onDidImportFiles: 'files-imported'
} as const satisfies Record<string, NotebookEvent['type']>

export type NotebookEventName = keyof typeof NOTEBOOK_EVENTS
type EventOf<N extends NotebookEventName> = Extract<NotebookEvent, { type: (typeof NOTEBOOK_EVENTS)[N] }>

/** Where the renderer subscribes to the events; each returns its unsubscribe. */
export type NotebookEvents = { [N in NotebookEventName]: (listener: (event: EventOf<N>) => void) => () => void }

// Compile-time proof that every event has a subscription.
type Unheard = Exclude<NotebookEvent['type'], (typeof NOTEBOOK_EVENTS)[NotebookEventName]>
const everyEventHeard: Unheard extends never ? true : never = true
void everyEventHeard

/** The IPC channel on which the desktop shell forwards every event to its window. */
export const EVENT_CHANNEL = 'pilcrow:event'

/**
 * Builds the named subscriptions over one stream of events (the IPC channel, the HTTP event
 * stream, the notebook itself), each given to the listeners of its type. The stream hands over
 * only events it has checked (`parseNotebookEvent`), or that never crossed a boundary.
 */
export function createEventSubscriptions(subscribe: (listener: (event: NotebookEvent) => void) => () => void): NotebookEvents {
  const events: Record<string, (listener: (event: NotebookEvent) => void) => () => void> = {}
  for (const [name, type] of Object.entries(NOTEBOOK_EVENTS)) events[name] = (listener) => subscribe((event) => event.type === type && listener(event))
  return events as unknown as NotebookEvents
}

/** An event source in one process (the core, a test's fake): listeners by type, no checking needed. */
export class EventEmitter {
  private readonly listeners = new Set<(event: NotebookEvent) => void>()

  emit(event: NotebookEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event)
      } catch (error) {
        console.error('pilcrow: an event listener failed:', error)
      }
    }
  }

  /** Every event, of every type (the transports forward these). */
  readonly onEvent = (listener: (event: NotebookEvent) => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** The named subscriptions over this emitter (nothing to check: nothing crossed a boundary). */
  subscriptions(): NotebookEvents {
    return createEventSubscriptions(this.onEvent)
  }
}
