import { contextBridge, ipcRenderer } from 'electron'
import { COMMAND_CHANNEL, IMPORTED_CHANNEL, IPC_CHANNEL, NOTEBOOK_API_METHODS, OPEN_CHANNEL } from '../shared/api'
import { EVENT_CHANNEL, parseNotebookEvent } from '../shared/events'

/**
 * Exposes the notebook contract as named methods on `window.pilcrow` — never `ipcRenderer`
 * itself. Errors come back as values (see src/main/electron/ipc.ts) and are thrown here again.
 */
const api: Record<string, (...args: unknown[]) => Promise<unknown>> = {}
for (const method of NOTEBOOK_API_METHODS) {
  api[method] = async (...args: unknown[]) => {
    const reply = (await ipcRenderer.invoke(IPC_CHANNEL, method, args)) as
      | { ok: true; result: unknown }
      | { ok: false; error: { code: string; message: string } }
    if (reply.ok) return reply.result
    const error = new Error(reply.error.message)
    error.name = reply.error.code
    throw error
  }
}
contextBridge.exposeInMainWorld('pilcrow', api)

/** Subscribes to one of the shell's channels; returns the unsubscribe. */
function subscribe(channel: string, listener: (value: unknown) => void): () => void {
  const handler = (_event: unknown, value: unknown): void => listener(value)
  ipcRenderer.on(channel, handler)
  return () => ipcRenderer.removeListener(channel, handler)
}

/** The desktop shell's own events: a menu command chosen, a `pilcrow://` link opened, files imported from the menu. */
contextBridge.exposeInMainWorld('pilcrowShell', {
  onDidRequestCommand: (listener: (id: string) => void) => subscribe(COMMAND_CHANNEL, (id) => typeof id === 'string' && listener(id)),
  onDidRequestOpen: (listener: (url: string) => void) => subscribe(OPEN_CHANNEL, (url) => typeof url === 'string' && listener(url)),
  onDidImport: (listener: (outcomes: unknown[]) => void) => subscribe(IMPORTED_CHANNEL, (outcomes) => Array.isArray(outcomes) && listener(outcomes))
})

/** The notebook's events (see shared/events.ts), checked before the page hears of them. */
contextBridge.exposeInMainWorld('pilcrowEvents', {
  onDidChangeNote: (listener: (event: unknown) => void) =>
    subscribe(EVENT_CHANNEL, (value) => {
      const event = parseNotebookEvent(value)
      if (event?.type === 'note-changed') listener(event)
    })
})
