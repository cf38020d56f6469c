import { contextBridge, ipcRenderer } from 'electron'
import { IPC_CHANNEL, NOTEBOOK_API_METHODS } from '../shared/api'
import { parseNotebookEvent } from '../shared/event-schema'
import { createEventSubscriptions, EVENT_CHANNEL } from '../shared/events'

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

/**
 * The events (see shared/events.ts): one channel, checked here, handed to the page as named
 * subscriptions only (`onDidChangeNotes`, `onDidRequestCommand`…), never the channel itself.
 */
contextBridge.exposeInMainWorld(
  'pilcrowEvents',
  createEventSubscriptions((listener) => {
    const handler = (_event: unknown, value: unknown): void => {
      const event = parseNotebookEvent(value)
      if (event) listener(event)
    }
    ipcRenderer.on(EVENT_CHANNEL, handler)
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, handler)
  })
)
