import * as z from 'zod/mini'
import type { ImportOutcome, ImportStatus } from './imports'
import type { SearchStatus } from './search'
import type { Settings } from './settings'

/**
 * The contract's events: what the notebook announces when something changes, whoever changed it
 * (this window, another window or tab, the CLI, another program writing the workspace's files).
 * Declared once, here, beside the methods of `api.ts`: each event's schema, and the named
 * subscription that hears it (`NOTEBOOK_EVENTS`). The desktop shell forwards every event on one
 * IPC channel, browser mode on one event stream (`GET /api/events`); both build their
 * subscriptions with `createEventSubscriptions`, and check every event before the page hears of it.
 * (zod/mini: the checks load with the first screen, and the full zod is four times its size.)
 */

const text = (max: number) => z.string().check(z.maxLength(max))
const count = z.int().check(z.minimum(0))
const noteId = z.string().check(z.maxLength(100), z.regex(/^n-[a-z0-9-]+$/))
const sourceId = z.string().check(z.maxLength(200), z.regex(/^[a-z0-9][a-z0-9-]*$/))

const noteChanged = z.strictObject({
  type: z.literal('note-changed'),
  noteId,
  /** The revision now on disk; null when the note was deleted. */
  revision: z.nullable(text(100)),
  title: text(1000),
  updatedAt: text(40),
  trashed: z.boolean()
})

const sourceChanged = z.strictObject({
  type: z.literal('source-changed'),
  sourceId,
  /** A stamp of the version now stored (changes with every change); null when the source was deleted. */
  version: z.nullable(text(100)),
  title: text(2000)
})

const linksChanged = z.strictObject({
  type: z.literal('links-changed'),
  /** The sources whose backlinks (who cites which paragraph) are not what they were. */
  sourceIds: z.array(sourceId).check(z.maxLength(100_000)),
  /** Counts every change of the links: a larger number is a later state. */
  version: count
})

const windowBounds = z.nullable(z.object({ x: z.optional(z.int()), y: z.optional(z.int()), width: z.int(), height: z.int(), maximized: z.optional(z.boolean()) }))
/** The settings as the notebook stored them (it checked them against `settingsSchema` already). */
const settings = z.object({
  theme: z.enum(['system', 'light', 'dark']),
  editorFontSize: z.number(),
  panes: z.object({ readerFraction: z.number() }),
  lastNoteId: z.nullable(text(200)),
  lastSourceId: z.nullable(text(200)),
  citeHintDismissed: z.boolean(),
  smartQuotes: z.boolean(),
  window: windowBounds
})

const settingsChanged = z.strictObject({
  type: z.literal('settings-changed'),
  settings,
  /** Counts every change of the settings: a larger number is a later state. */
  version: count
})

const importStatus = z.strictObject({
  running: z.boolean(),
  fileName: z.optional(text(1000)),
  fileIndex: z.optional(count),
  fileCount: z.optional(count),
  done: z.optional(z.number()),
  total: z.optional(z.number()),
  unit: z.optional(z.enum(['page', 'file']))
})

const searchStatus = z.strictObject({
  state: z.enum(['ready', 'loading', 'rebuilding']),
  progress: z.number(),
  documents: z.number(),
  reason: z.optional(text(1000))
})

const statusChanged = z.strictObject({ type: z.literal('status-changed'), imports: importStatus, search: searchStatus })

// The desktop shell's own events: the menu, `pilcrow://` links, files from the native dialog.
const commandRequested = z.strictObject({ type: z.literal('command-requested'), commandId: text(100) })
const openRequested = z.strictObject({ type: z.literal('open-requested'), url: text(4000) })
const importOutcome = z.union([
  z.strictObject({
    fileName: text(1000),
    ok: z.literal(true),
    status: z.enum(['added', 'updated', 'unchanged']),
    sourceId,
    title: text(2000),
    blockCount: count,
    relinked: z.optional(z.strictObject({ stayed: count, moved: count, orphaned: count })),
    previousKept: z.optional(text(2000))
  }),
  z.strictObject({ fileName: text(1000), ok: z.literal(false), error: text(10_000) })
])
const filesImported = z.strictObject({ type: z.literal('files-imported'), outcomes: z.array(importOutcome).check(z.maxLength(10_000)) })

const notebookEventSchema = z.discriminatedUnion('type', [noteChanged, sourceChanged, linksChanged, settingsChanged, statusChanged, commandRequested, openRequested, filesImported])

export type NoteChangedEvent = z.infer<typeof noteChanged>
export type SourceChangedEvent = z.infer<typeof sourceChanged>
export type LinksChangedEvent = z.infer<typeof linksChanged>
export type SettingsChangedEvent = { type: 'settings-changed'; settings: Settings; version: number }
export type StatusChangedEvent = { type: 'status-changed'; imports: ImportStatus; search: SearchStatus }
export type CommandRequestedEvent = z.infer<typeof commandRequested>
export type OpenRequestedEvent = z.infer<typeof openRequested>
export type FilesImportedEvent = { type: 'files-imported'; outcomes: ImportOutcome[] }
export type NotebookEvent =
  | NoteChangedEvent
  | SourceChangedEvent
  | LinksChangedEvent
  | SettingsChangedEvent
  | StatusChangedEvent
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
  /** The settings changed (in any window). */
  onDidChangeSettings: 'settings-changed',
  /** Import progress, and the search index's state (loading, rebuilding, ready). */
  onDidChangeStatus: 'status-changed',
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

/** Checks an event that crossed a process or network boundary before anything reads it; null when it is not one. */
export function parseNotebookEvent(value: unknown): NotebookEvent | null {
  const parsed = notebookEventSchema.safeParse(value)
  return parsed.success ? (parsed.data as NotebookEvent) : null
}

/**
 * Builds the named subscriptions over one stream of raw events (the IPC channel, the HTTP event
 * stream, or the notebook itself): every event is checked, then given to the listeners of its type.
 */
export function createEventSubscriptions(subscribe: (listener: (raw: unknown) => void) => () => void): NotebookEvents {
  const events: Record<string, (listener: (event: NotebookEvent) => void) => () => void> = {}
  for (const [name, type] of Object.entries(NOTEBOOK_EVENTS)) {
    events[name] = (listener) =>
      subscribe((raw) => {
        const event = parseNotebookEvent(raw)
        if (event?.type === type) listener(event)
      })
  }
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

  /** The named subscriptions over this emitter (no validation: nothing crossed a boundary). */
  subscriptions(): NotebookEvents {
    const events: Record<string, (listener: (event: NotebookEvent) => void) => () => void> = {}
    for (const [name, type] of Object.entries(NOTEBOOK_EVENTS)) events[name] = (listener) => this.onEvent((event) => event.type === type && listener(event))
    return events as unknown as NotebookEvents
  }
}
