import type { NotebookApi } from '../../../shared/api'
import type { Note, OutgoingContent, SaveResult } from '../../../shared/notes'
import { dropDraft, keepDraft } from './unsaved-drafts'

/** Autosave waits this long after the last keystroke… */
export const AUTOSAVE_DELAY_MS = 600
/** …but no longer than this after the first unsaved one: steady typing is saved too. */
export const AUTOSAVE_MAX_WAIT_MS = 2000

export type SaveState =
  | { kind: 'saved' }
  | { kind: 'unsaved' }
  | { kind: 'saving' }
  | { kind: 'failed'; reason: string }
  /** The note is never saved from here: it cannot be shown in full, or its file is read-only. */
  | { kind: 'readonly'; reason: string }

export interface NoteSaverEvents {
  onState(state: SaveState): void
  onSaved(result: SaveResult, title: string): void
}

/** After a save fails for want of the server, the next try waits this long, doubling up to `RETRY_MAX_MS`. */
export const RETRY_FIRST_MS = 1000
export const RETRY_MAX_MS = 10_000

/**
 * Keeps one open note on disk: saves a moment after the last edit (and at least every
 * `AUTOSAVE_MAX_WAIT_MS` while typing goes on), and at once on `flush()` (blur, note switch,
 * close). Edits made while a save is in flight are saved right after it. A failed save keeps
 * everything, says why, and keeps the edits in the browser too (`unsaved-drafts.ts`), so they
 * outlive a reload; while the server cannot be reached it tries again by itself, and the next
 * edit or `flush()` retries at once.
 */
export class NoteSaver {
  private title: string
  /** The latest content, serialized only when it is saved (serializing a long note per keystroke is slow). */
  private content: () => OutgoingContent
  private revision: string
  private dirty = false
  private inFlight: Promise<void> | null = null
  private timer: number | undefined
  /** Started by the first unsaved edit, cleared by the save: the longest an edit waits. */
  private maxWaitTimer: number | undefined
  private state: SaveState = { kind: 'saved' }
  private frozen: string | null = null
  private retryTimer: number | undefined
  private retries = 0
  private disposed = false
  private everChanged = false
  /** Whether the browser holds a draft of this note (kept when a save failed). */
  private draftKept = false

  constructor(
    private readonly api: NotebookApi,
    readonly noteId: string,
    note: Note,
    private readonly events: NoteSaverEvents
  ) {
    this.title = note.title
    const initial = note.content
    this.content = () => initial
    this.revision = note.revision
  }

  /**
   * Takes up edits an earlier page kept and never saved: `note` shows them, and they are saved
   * at once against the revision they started from (a version changed since is kept as a copy).
   */
  resume(baseRevision: string): void {
    this.revision = baseRevision
    this.draftKept = true
    this.changed()
    void this.flush()
  }

  /** Keeps unsaved edits in the browser now (the page is going away). */
  keepUnsaved(): void {
    if (!this.hasUnsavedChanges || this.frozen !== null) return
    this.draftKept = keepDraft({ id: this.noteId, title: this.title, content: this.content(), baseRevision: this.revision }) || this.draftKept
  }

  /** The revision this page last saved or read: a change announced with another one came from elsewhere. */
  get revisionOnDisk(): string {
    return this.revision
  }

  /** Whether anything was typed into this note here (title or text). */
  get touched(): boolean {
    return this.everChanged
  }

  get hasUnsavedChanges(): boolean {
    return this.dirty || this.inFlight !== null
  }

  setContent(content: () => OutgoingContent): void {
    if (this.frozen !== null) return
    this.content = content
    this.changed()
  }

  setTitle(title: string): void {
    if (this.frozen !== null) return
    this.title = title
    this.changed()
  }

  /** From now on nothing is saved (the note is read-only here); edits not yet saved are dropped. */
  freeze(reason: string): void {
    this.frozen = reason
    this.dirty = false
    this.clearTimers()
    this.setState({ kind: 'readonly', reason })
  }

  /** Saves now if anything is unsaved, and resolves once the note is on disk (or the save failed). */
  async flush(): Promise<void> {
    this.clearTimers()
    while (this.inFlight) await this.inFlight
    if (this.dirty && this.frozen === null) await this.save()
  }

  /** This note is no longer open here: no more timers (edits kept in the browser are saved when it is opened again). */
  dispose(): void {
    this.disposed = true
    this.clearTimers()
  }

  private clearTimers(): void {
    window.clearTimeout(this.timer)
    window.clearTimeout(this.maxWaitTimer)
    window.clearTimeout(this.retryTimer)
    this.timer = undefined
    this.maxWaitTimer = undefined
    this.retryTimer = undefined
  }

  private changed(): void {
    this.dirty = true
    this.everChanged = true
    if (this.state.kind !== 'failed') this.setState({ kind: 'unsaved' })
    window.clearTimeout(this.timer)
    this.timer = window.setTimeout(() => void this.flush(), AUTOSAVE_DELAY_MS)
    // while typing goes on, the save (serializing the note) waits for an idle moment between
    // keys, so the key being typed is painted first
    this.maxWaitTimer ??= window.setTimeout(() => whenIdle(() => void this.flush()), AUTOSAVE_MAX_WAIT_MS)
  }

  private save(): Promise<void> {
    this.dirty = false
    this.setState({ kind: 'saving' })
    const title = this.title
    const draft = { id: this.noteId, title, content: this.content(), baseRevision: this.revision }
    this.inFlight = this.api
      .saveNote(draft)
      .then(
        (result) => {
          this.revision = result.revision
          this.retries = 0
          if (!this.dirty) {
            dropDraft(this.noteId)
            this.draftKept = false
          } else if (this.draftKept) this.keepUnsaved() // the kept draft stays the latest edits
          this.setState(this.dirty ? { kind: 'unsaved' } : { kind: 'saved' })
          this.events.onSaved(result, title)
        },
        (error: unknown) => {
          this.dirty = true
          // the edits outlive this page: a reload, or a new page after a restart, saves them
          this.draftKept = keepDraft(draft) || this.draftKept
          this.setState({ kind: 'failed', reason: describeSaveError(error) })
          if (isTransient(error)) this.retryLater()
        }
      )
      .finally(() => {
        this.inFlight = null
      })
    return this.inFlight
  }

  /** Tries again by itself while the server is away: 1 s, 2 s, 4 s… then every 10 s. */
  private retryLater(): void {
    if (this.disposed) return
    window.clearTimeout(this.retryTimer)
    const delay = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** this.retries++)
    this.retryTimer = window.setTimeout(() => void this.flush(), delay)
  }

  private setState(state: SaveState): void {
    // typing sets "unsaved" on every key: tell the UI only when something changes
    const reason = (s: SaveState): string | undefined => ('reason' in s ? s.reason : undefined)
    if (state.kind === this.state.kind && reason(state) === reason(this.state)) return
    this.state = state
    this.events.onState(state)
  }
}

/** Runs `work` when the page is idle (within half a second at most); at once where idle callbacks do not exist. */
function whenIdle(work: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(work, { timeout: 500 })
  else work()
}

function isNetworkError(error: unknown): boolean {
  return error instanceof TypeError || /Failed to fetch|NetworkError/i.test(error instanceof Error ? error.message : String(error))
}

/** A failure that may pass by itself: the server away, or a disk error. A refusal (read-only, too large) does not. */
function isTransient(error: unknown): boolean {
  const code = (error as Error | null)?.name
  return isNetworkError(error) || code === 'io-error' || code === 'internal'
}

function describeSaveError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  if (isNetworkError(error)) {
    return 'Pilcrow’s server cannot be reached (is “pilcrow serve” still running?). Your text is kept here and in this browser, and saved as soon as the server is back.'
  }
  return message.replace(/^Not saved: /, '')
}
