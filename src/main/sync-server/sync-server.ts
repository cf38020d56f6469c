import { Database } from '@hocuspocus/extension-database'
import { Server } from '@hocuspocus/server'
import { DOCUMENT_NAME } from '../../shared/sync'
import { join } from 'node:path'
import { DocumentFiles } from '../sync/document-files'
import { TokenStore } from './tokens'

/** The most notes a notebook may have for its devices to connect at once (see maxPendingDocuments). */
export const MAX_NOTES_PER_NOTEBOOK = 20_000

/** An authentication failure whose reason the client is told (Hocuspocus sends `reason`). */
const refusal = (reason: string): Error & { reason: string } => Object.assign(new Error(reason), { reason })

/**
 * The largest message a peer may send: a note's whole state goes in one message at its first
 * sync, and Lexical's Yjs encoding takes about 300 bytes a paragraph (a 10,000-paragraph note, 3 MB).
 */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024

export interface SyncServerOptions {
  dataDir: string
  host: string
  port: number
}

export interface RunningSyncServer {
  url: string
  close(): Promise<void>
}

/**
 * Pilcrow's sync server: Hocuspocus, with every document kept in DIR (see DocumentFiles) and
 * every connection authenticated by a token from DIR/tokens.json. A read-only token's connection
 * receives the notebook and has everything it sends refused by Hocuspocus itself.
 */
export async function startSyncServer(options: SyncServerOptions): Promise<RunningSyncServer> {
  const tokens = new TokenStore(options.dataDir)
  const files = new DocumentFiles(join(options.dataDir, 'documents'))
  await tokens.list() // a broken token file stops the server at start, with its message
  const server = new Server({
    address: options.host,
    port: options.port,
    quiet: true,
    stopOnSignals: false,
    debounce: 500,
    maxDebounce: 4000,
    websocketOptions: { maxPayload: MAX_MESSAGE_BYTES },
    // a device opens every note of its notebook on one connection at once, each waiting for its
    // token to be checked: Hocuspocus' defaults (100 documents, 1,000 messages before the first
    // is authenticated) would close a 1,000-note notebook's connection at every start
    maxPendingDocuments: MAX_NOTES_PER_NOTEBOOK,
    maxUnauthenticatedQueueMessages: 4 * MAX_NOTES_PER_NOTEBOOK,
    maxUnauthenticatedQueueSize: 64 * 1024 * 1024,
    extensions: [new Database({ fetch: ({ documentName }) => files.read(documentName), store: ({ documentName, state }) => files.write(documentName, state) })],
    async onAuthenticate({ token, documentName, connectionConfig }) {
      if (!DOCUMENT_NAME.test(documentName)) throw refusal(`"${documentName.slice(0, 100)}" is not a Pilcrow notebook's document.`)
      const access = await tokens.check(token ?? '').catch((error: Error) => Promise.reject(refusal(error.message)))
      if (!access) throw refusal('the token is wrong or was revoked.')
      connectionConfig.readOnly = access.readOnly
      return { tokenName: access.name }
    }
  })
  await server.listen()
  const { port } = server.address
  return {
    url: `ws://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`,
    close: () => server.destroy()
  }
}
