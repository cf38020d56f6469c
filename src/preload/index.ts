import { contextBridge, ipcRenderer } from 'electron'
import { IPC_CHANNEL, NOTEBOOK_API_METHODS } from '../shared/api'

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
