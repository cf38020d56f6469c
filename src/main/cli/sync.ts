import { parseArgs } from 'node:util'
import { PilcrowError } from '../../shared/errors'
import { parseRemoteAddress, syncStatusLabel } from '../../shared/sync'
import type { CliCommand } from './commands'
import { UsageError } from './usage-error'
import { openWorkspaceDir, workspaceDirOption } from './workspace-option'

const USAGE = [
  'pilcrow sync join ws://HOST:PORT/NOTEBOOK --token T [--name DEVICE] [--workspace DIR]',
  'pilcrow sync status [--workspace DIR]',
  'pilcrow sync now [--workspace DIR] [--timeout SECONDS]',
  'pilcrow sync leave [--workspace DIR]'
].join('\n')

/** Exchanges everything once; 0 when everything is exchanged. */
async function syncOnce(workspaceDir: string, timeoutSeconds: number): Promise<number> {
  const notebook = await openWorkspaceDir(workspaceDir)
  const [{ SyncEngine }, { SyncFolder }] = await Promise.all([import('../sync/sync-engine'), import('../sync/remote-config')])
  const engine = await SyncEngine.start({ notes: notebook.notes, sources: notebook.sources, folder: new SyncFolder(notebook.workspace.root) })
  if (!engine) {
    await notebook.close()
    throw new PilcrowError('invalid-argument', 'This workspace has not joined a sync server. Join one first: pilcrow sync join ws://HOST:PORT/NOTEBOOK --token T')
  }
  try {
    const status = await engine.settle(timeoutSeconds * 1000)
    const address = `${engine.remote.server}/${engine.remote.notebook}`
    if (status.state === 'synced') {
      console.log(`${syncStatusLabel(status)} with ${address}: ${notebook.notes.list().notes.length} notes.`)
      return 0
    }
    console.error(status.state === 'refused' ? syncStatusLabel(status) : `Not everything was exchanged with ${address} within ${timeoutSeconds} s (${syncStatusLabel(status)}); your changes are kept here and go at the next sync.`)
    return 1
  } finally {
    await engine.close()
    await notebook.close()
  }
}

export const syncCommand: CliCommand = {
  name: 'sync',
  usage: USAGE,
  summary: 'Share the notebook through a sync server: join one, see the status, sync now, or leave',
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { workspace: { type: 'string' }, token: { type: 'string' }, timeout: { type: 'string' }, name: { type: 'string' } },
      strict: true,
      allowPositionals: true
    })
    const [verb, address, ...extra] = positionals
    if (extra.length || (verb !== 'join' && address !== undefined)) throw new UsageError(`unexpected "${[...(verb === 'join' ? [] : [address]), ...extra].join(' ')}".`)
    const timeout = values.timeout === undefined ? 60 : Number(values.timeout)
    if (!(timeout > 0 && timeout <= 3600)) throw new UsageError(`--timeout is a number of seconds from 1 to 3600, not "${values.timeout}".`)
    const workspaceDir = workspaceDirOption(values.workspace)
    const { SyncFolder } = await import('../sync/remote-config')
    const folder = new SyncFolder(workspaceDir)
    switch (verb) {
      case 'join': {
        if (!address) throw new UsageError('give the notebook\'s address, e.g. ws://127.0.0.1:4455/my-notebook')
        if (!values.token) throw new UsageError('give the token the server\'s keeper made for you, with --token')
        const remote = parseRemoteAddress(address)
        if ('error' in remote) throw new UsageError(remote.error)
        // the workspace first (a new folder becomes one): its sync folder must not make it "not empty"
        const { openWorkspace } = await import('../core/workspace')
        await openWorkspace(workspaceDir)
        await folder.join(remote, values.token, values.name)
        console.log(`Joined ${remote.server}/${remote.notebook}; exchanging the notebook now…`)
        return syncOnce(workspaceDir, timeout)
      }
      case 'now':
        return syncOnce(workspaceDir, timeout)
      case 'status': {
        // the workspace first (a new folder becomes one): its sync folder must not make it "not empty"
        const { openWorkspace } = await import('../core/workspace')
        await openWorkspace(workspaceDir)
        const joined = await folder.remote()
        if (!joined) {
          console.log('Not synced: this workspace has not joined a sync server.')
          return 0
        }
        const { record } = joined
        console.log(`Syncs with ${record.server}/${record.notebook} (joined ${record.joinedAt}${record.migratedAt ? `, first exchange ${record.migratedAt}` : ', first exchange not done yet'}).`)
        return 0
      }
      case 'leave': {
        const left = await folder.leave()
        console.log(left ? 'Left the sync server: the notes stay here as files, no longer shared.' : 'This workspace was not syncing.')
        return 0
      }
      default:
        throw new UsageError(verb ? `unknown "${verb}".` : 'say what to do: join, status, now or leave.')
    }
  }
}
