import type { NotebookApi } from '../../../shared/api'
import type { Note, SaveResult, SerializedEditorState } from '../../../shared/notes'

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

/**
 * Keeps one open note on disk: saves a moment after the last edit (and at least every
 * `AUTOSAVE_MAX_WAIT_MS` while typing goes on), and at once on `flush()` (blur, note switch,
 * close). Edits made while a save is in flight are saved right after it. A failed save keeps
 * everything in memory and says why; the next edit or `flush()` retries.
 */
export class NoteSaver {
  private title: string
  /** The latest content, serialized only when it is saved (serializing a long note per keystroke is slow). */
  private content: () => SerializedEditorState
  private revision: string
  private dirty = false
  private inFlight: Promise<void> | null = null
  private timer: number | undefined
  /** Started by the first unsaved edit, cleared by the save: the longest an edit waits. */
  private maxWaitTimer: number | undefined
  private state: SaveState = { kind: 'saved' }
  private frozen: string | null = null

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

  get hasUnsavedChanges(): boolean {
    return this.dirty || this.inFlight !== null
  }

  setContent(content: () => SerializedEditorState): void {
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

  dispose(): void {
    this.clearTimers()
  }

  private clearTimers(): void {
    window.clearTimeout(this.timer)
    window.clearTimeout(this.maxWaitTimer)
    this.timer = undefined
    this.maxWaitTimer = undefined
  }

  private changed(): void {
    this.dirty = true
    if (this.state.kind !== 'failed') this.setState({ kind: 'unsaved' })
    window.clearTimeout(this.timer)
    this.timer = window.setTimeout(() => void this.flush(), AUTOSAVE_DELAY_MS)
    this.maxWaitTimer ??= window.setTimeout(() => void this.flush(), AUTOSAVE_MAX_WAIT_MS)
  }

  private save(): Promise<void> {
    this.dirty = false
    this.setState({ kind: 'saving' })
    const title = this.title
    this.inFlight = this.api
      .saveNote({ id: this.noteId, title, content: this.content(), baseRevision: this.revision })
      .then(
        (result) => {
          this.revision = result.revision
          this.setState(this.dirty ? { kind: 'unsaved' } : { kind: 'saved' })
          this.events.onSaved(result, title)
        },
        (error: unknown) => {
          this.dirty = true
          this.setState({ kind: 'failed', reason: describeSaveError(error) })
        }
      )
      .finally(() => {
        this.inFlight = null
      })
    return this.inFlight
  }

  private setState(state: SaveState): void {
    // typing sets "unsaved" on every key: tell the UI only when something changes
    const reason = (s: SaveState): string | undefined => ('reason' in s ? s.reason : undefined)
    if (state.kind === this.state.kind && reason(state) === reason(this.state)) return
    this.state = state
    this.events.onState(state)
  }
}

function describeSaveError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  if (error instanceof TypeError || /Failed to fetch|NetworkError/i.test(message)) {
    return 'Pilcrow’s server cannot be reached (is “pilcrow serve” still running?). Your text is kept here.'
  }
  return message.replace(/^Not saved: /, '')
}
