import type { NotebookApi } from '../../../shared/api'
import type { NotebookEvents } from '../../../shared/events'
import type { Settings, SettingsPatch } from '../../../shared/settings'
import { Store } from './store'

/**
 * The settings, shown changed at once (controls stay responsive) and then as the notebook stored
 * them. Changes go to the notebook one request at a time, so answers cannot arrive out of order;
 * a change made meanwhile waits and is merged into the next request. Changes from other windows
 * arrive as events, numbered: an older one never replaces a newer state.
 */
export class SettingsStore extends Store<Settings | null> {
  private pending: SettingsPatch | null = null
  /** The change on its way: shown over any state heard meanwhile (an event of an earlier change must not undo it). */
  private inFlight: SettingsPatch | null = null
  private version = -1
  private readonly off: () => void

  constructor(
    private readonly api: Pick<NotebookApi, 'updateSettings'>,
    events: Pick<NotebookEvents, 'onDidChangeSettings'>,
    private readonly onError: (error: unknown) => void,
    initial: Settings | null = null
  ) {
    super(initial)
    this.off = events.onDidChangeSettings((event) => {
      if (event.version <= this.version) return
      this.version = event.version
      // what this window is still sending stays shown over the stored state
      this.showStored(event.settings)
    })
  }

  /** The settings the window started with (or read later): applied unless something newer came. */
  load(settings: Settings): void {
    if (this.version === -1) this.showStored(settings)
  }

  update(patch: SettingsPatch): void {
    const current = this.get()
    if (current) this.set({ ...current, ...patch })
    this.pending = { ...this.pending, ...patch }
    void this.send()
  }

  /**
   * The page is going (a reload, the tab closed): a change still waiting behind the one on its way
   * would never be sent, so it goes now, without waiting for that answer.
   */
  sendBeforeLeaving(): void {
    if (!this.pending) return
    const patch = this.pending
    this.pending = null
    // (a page kept in the back-forward cache comes back showing what was stored)
    this.api.updateSettings(patch).then(this.showStored, this.onError)
  }

  private async send(): Promise<void> {
    if (this.inFlight || !this.pending) return
    const patch = this.pending
    this.inFlight = patch
    this.pending = null
    try {
      const stored = await this.api.updateSettings(patch)
      this.inFlight = null
      this.showStored(stored)
    } catch (error) {
      this.inFlight = null
      this.onError(error)
    } finally {
      void this.send()
    }
  }

  /** The settings as stored, with what this window is still sending over them. */
  private readonly showStored = (stored: Settings): void => this.setIfChanged(this.withPending(stored))

  private withPending(settings: Settings): Settings {
    return { ...settings, ...this.inFlight, ...this.pending }
  }

  dispose(): void {
    this.off()
  }
}

/** The settings a window draws with: the same unless something other than the open note or source changed. */
export function sameForDrawing(a: Settings | null, b: Settings | null): boolean {
  if (a === b) return true
  if (!a || !b) return false
  return JSON.stringify({ ...a, lastNoteId: null, lastSourceId: null }) === JSON.stringify({ ...b, lastNoteId: null, lastSourceId: null })
}
