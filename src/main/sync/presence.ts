import type { Awareness } from 'y-protocols/awareness'

/** How a device says which notes it has open (its awareness state on the notebook's document). */
interface DeviceState {
  name: string
  notes: string[]
}

const MAX_NAME = 100
const MAX_NOTES = 1000
/** A window tells again every 30 s that it is still in its note; one silent for longer (closed, crashed) is gone. */
export const PRESENCE_TTL_MS = 75_000

/** A peer's state, when it is one (a hostile or broken peer's state is ignored, not trusted). */
function deviceState(state: unknown): DeviceState | null {
  const { name, notes } = (state ?? {}) as Partial<DeviceState>
  if (typeof name !== 'string' || !Array.isArray(notes) || notes.length > MAX_NOTES) return null
  return { name: name.slice(0, MAX_NAME), notes: notes.filter((id): id is string => typeof id === 'string' && /^n-[a-z0-9-]{1,80}$/.test(id)) }
}

/**
 * Who is in which note: each device tells the notebook's awareness (Yjs' presence channel, one
 * per notebook rather than one per note) its name and the shared notes its windows have open;
 * each reads the others'. Nothing of it is stored.
 */
export class NotebookPresence {
  /** The windows of this device that have each note open, with when each last said so. */
  private readonly open = new Map<string, Map<string, number>>()
  private readonly sweep: NodeJS.Timeout

  constructor(
    private readonly awareness: Awareness,
    name: string,
    onChange: () => void
  ) {
    awareness.setLocalState({ name: name.slice(0, MAX_NAME), notes: [] } satisfies DeviceState)
    awareness.on('change', onChange)
    this.sweep = setInterval(() => this.forgetSilent(), PRESENCE_TTL_MS / 3)
    this.sweep.unref()
  }

  private publish(): void {
    this.awareness.setLocalStateField('notes', [...this.open.keys()].slice(0, MAX_NOTES))
  }

  private forgetSilent(now = Date.now()): void {
    let changed = false
    for (const [noteId, windows] of this.open) {
      for (const [windowId, seen] of windows) if (now - seen > PRESENCE_TTL_MS) changed = windows.delete(windowId) || changed
      if (windows.size === 0) this.open.delete(noteId)
    }
    if (changed) this.publish()
  }

  /** A window opened (here = true) or closed a note; telling it twice changes nothing. */
  set(noteId: string, windowId: string, here: boolean): void {
    const windows = this.open.get(noteId) ?? new Map<string, number>()
    const known = windows.size
    if (here) windows.set(windowId, Date.now())
    else windows.delete(windowId)
    if (windows.size > 0) this.open.set(noteId, windows)
    else this.open.delete(noteId)
    if (windows.size !== known) this.publish()
  }

  stop(): void {
    clearInterval(this.sweep)
  }

  /** The other devices in each note, by name. */
  others(): Record<string, string[]> {
    const byNote: Record<string, string[]> = {}
    for (const [client, state] of this.awareness.getStates()) {
      if (client === this.awareness.clientID) continue
      const device = deviceState(state)
      if (!device) continue
      for (const note of device.notes) (byNote[note] ??= []).push(device.name)
    }
    for (const names of Object.values(byNote)) names.sort()
    return byNote
  }
}
