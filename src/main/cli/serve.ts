import { parseArgs } from 'node:util'
import { findAppRoot, rendererDir } from '../core/app-paths'
import { openWorkspaceDir, workspaceDirOption } from './workspace-option'
import { startBrowserServer } from '../server/browser-server'
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
    const port = values.port === undefined ? 0 : Number(values.port)
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535, not "${values.port}".`)
    const workspaceDir = workspaceDirOption(values.workspace)
    const renderer = rendererDir(findAppRoot())
    if (!existsSync(join(renderer, 'index.html'))) {
      console.error('pilcrow: the app is not built yet. Run "npm run build" first.')
      return 1
    }
    // the page first: the search index loads a moment later, in the background
    const notebook = await openWorkspaceDir(workspaceDir, { searchIndexDelayMs: 1500 })
    const server = await startBrowserServer({ api: notebook, rendererDir: renderer, port })
    console.log(`Pilcrow is running at ${server.url}`)
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
