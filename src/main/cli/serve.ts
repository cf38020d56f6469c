import { parseArgs } from 'node:util'
import { findAppRoot, rendererDir } from '../core/app-paths'
import { openWorkspaceDir, workspaceDirOption } from './workspace-option'
import { startBrowserServer } from '../server/browser-server'
import { loadServerIdentity, saveServerIdentity } from '../server/server-identity'
import type { CliCommand } from './commands'
import { UsageError } from './usage-error'
import { existsSync } from 'node:fs'
import { join } from 'node:path'

export const serveCommand: CliCommand = {
  name: 'serve',
  usage: 'pilcrow serve [--workspace DIR] [--port N]',
  summary: 'Open the notebook in your browser (127.0.0.1 only, with a per-run token)',
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: { workspace: { type: 'string' }, port: { type: 'string' } },
      strict: true,
      allowPositionals: false
    })
    const asked = values.port === undefined ? null : Number(values.port)
    if (asked !== null && (!Number.isInteger(asked) || asked < 0 || asked > 65535)) throw new UsageError(`--port must be a whole number from 0 to 65535, not "${values.port}".`)
    const workspaceDir = workspaceDirOption(values.workspace)
    const renderer = rendererDir(findAppRoot())
    if (!existsSync(join(renderer, 'index.html'))) {
      console.error('pilcrow: the app is not built yet. Run "npm run build" first.')
      return 1
    }
    // the page first: the search index loads a moment later, in the background
    const notebook = await openWorkspaceDir(workspaceDir, { searchIndexDelayMs: 1500, watch: true })
    // shared through a sync server when the workspace joined one (pilcrow sync join, or the Sync dialog)
    const { attachSync } = await import('../sync/sync-controller')
    await attachSync(notebook)
    // the same token and, unless asked otherwise, the same port as the last run: a page left open
    // across a restart reaches the new server and saves what was typed meanwhile
    const identity = await loadServerIdentity(notebook.workspace.root)
    const start = (port: number) => startBrowserServer({ api: notebook, events: (listener) => notebook.onEvent(listener), rendererDir: renderer, port, token: identity.token })
    const server = await (asked === null && identity.port !== null ? start(identity.port).catch(() => start(0)) : start(asked ?? 0))
    console.log(`Pilcrow is running at ${server.url}`)
    // after the address is out: the write waits on the disk (fsync), the page need not
    if (server.port !== identity.port) {
      saveServerIdentity(notebook.workspace.root, { ...identity, port: server.port }).catch((error: unknown) => console.error('pilcrow: could not keep the port for the next run:', error))
    }
    await new Promise<void>((resolve) => {
      const stop = (): void => resolve()
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })
    await server.close()
    await notebook.close()
    return 0
  }
}
