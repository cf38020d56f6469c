import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { IPC_CHANNEL, type NotebookApi } from '../../shared/api'
import { dispatchCall } from '../../shared/api-schema'
import { serializeError } from '../../shared/errors'

/** The result of an IPC call as it crosses to the renderer (errors are values, not throws). */
export type IpcReply = { ok: true; result: unknown } | { ok: false; error: ReturnType<typeof serializeError> }

/**
 * Binds the whole contract to one IPC channel. The sender must be our own window showing our own
 * page; the method name and arguments are validated by `dispatchCall`.
 */
export function bindNotebookIpc(ipcMain: IpcMain, api: NotebookApi, isTrustedSender: (event: IpcMainInvokeEvent) => boolean): void {
  ipcMain.handle(IPC_CHANNEL, async (event, method: unknown, args: unknown): Promise<IpcReply> => {
    if (!isTrustedSender(event)) return { ok: false, error: { code: 'invalid-argument', message: 'Refused: the call did not come from Pilcrow’s window.' } }
    try {
      return { ok: true, result: await dispatchCall(api, method, args) }
    } catch (error) {
      return { ok: false, error: serializeError(error) }
    }
  })
}
