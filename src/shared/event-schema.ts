import * as z from 'zod/mini'
import { CITATION_LOCALES } from './citations'
import type { NotebookEvent } from './events'

/**
 * The schema every event is checked against when it crosses a process or network boundary (the
 * preload, the page's event stream). zod/mini, and in its own module: the page loads it beside
 * the first screen, not in it.
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
  trashed: z.boolean(),
  tags: z.array(text(200)).check(z.maxLength(10_000))
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
  /** The notes whose "Linked from" changed. */
  noteIds: z.array(noteId).check(z.maxLength(100_000)),
  /** Counts every change of the links: a larger number is a later state. */
  version: count
})

const highlightsChanged = z.strictObject({ type: z.literal('highlights-changed'), sourceId, version: count })

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
  highlightMeanings: z.partialRecord(z.enum(['yellow', 'green', 'blue', 'pink', 'purple']), text(60)),
  citationStyle: text(100),
  citationLocale: z.enum(CITATION_LOCALES),
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
  unit: z.optional(z.enum(['page', 'file', 'item', 'chapter']))
})

const searchStatus = z.strictObject({
  state: z.enum(['ready', 'loading', 'rebuilding']),
  progress: z.number(),
  documents: z.number(),
  reason: z.optional(text(1000))
})

const statusChanged = z.strictObject({ type: z.literal('status-changed'), imports: importStatus, search: searchStatus })

/** A Yjs update, base64: at most the server's largest message (see sync-server.ts). */
const yjsUpdate = z.string().check(z.maxLength(96 * 1024 * 1024), z.regex(/^[A-Za-z0-9+/]*={0,2}$/))
const noteDocChanged = z.strictObject({ type: z.literal('note-doc-changed'), noteId: text(100), update: yjsUpdate })

const syncChanged = z.strictObject({
  type: z.literal('sync-changed'),
  status: z.strictObject({
    state: z.enum(['off', 'synced', 'syncing', 'offline', 'refused']),
    remote: z.nullable(z.strictObject({ server: text(300), notebook: text(64) })),
    readOnly: z.boolean(),
    presence: z.record(text(100), z.array(text(100)).check(z.maxLength(100))),
    message: z.nullable(text(2000)),
    pending: count,
    lastSyncedAt: z.nullable(text(40)),
    seq: count,
    epoch: text(40)
  })
})

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
    highlightsRelinked: z.optional(z.strictObject({ stayed: count, moved: count, orphaned: count })),
    previousKept: z.optional(text(2000))
  }),
  z.strictObject({ fileName: text(1000), ok: z.literal(false), error: text(10_000) })
])
const filesImported = z.strictObject({ type: z.literal('files-imported'), outcomes: z.array(importOutcome).check(z.maxLength(10_000)) })

const notebookEventSchema = z.discriminatedUnion('type', [noteChanged, sourceChanged, linksChanged, highlightsChanged, settingsChanged, statusChanged, syncChanged, noteDocChanged, commandRequested, openRequested, filesImported])

/** Checks an event that crossed a process or network boundary before anything reads it; null when it is not one. */
export function parseNotebookEvent(value: unknown): NotebookEvent | null {
  const parsed = notebookEventSchema.safeParse(value)
  return parsed.success ? (parsed.data as NotebookEvent) : null
}

// Compile-time proof that what the schema accepts is an event of the contract.
type Checked = z.infer<typeof notebookEventSchema>
const schemaMatchesContract: Checked extends NotebookEvent ? true : never = true
void schemaMatchesContract
