import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { CliCommand } from './commands'
import { UsageError } from './usage-error'

const USAGE = [
  'pilcrow sync-server --data DIR [--port N] [--host H]',
  'pilcrow sync-server token add NAME [--read-only] --data DIR',
  'pilcrow sync-server token list --data DIR',
  'pilcrow sync-server token revoke NAME --data DIR'
].join('\n')

function portOption(value: string | undefined): number {
  const port = value === undefined ? 4455 : Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535, not "${value}".`)
  return port
}

export const syncServerCommand: CliCommand = {
  name: 'sync-server',
  usage: USAGE,
  summary: 'Run a sync server for notebooks shared across devices and co-authors (Hocuspocus), and manage its tokens',
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { data: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, 'read-only': { type: 'boolean', default: false } },
      strict: true,
      allowPositionals: true
    })
    if (!values.data) throw new UsageError('give the folder the server keeps its notebooks and tokens in, with --data DIR.')
    const dataDir = resolve(values.data)
    const { TokenStore } = await import('../sync-server/tokens')
    const tokens = new TokenStore(dataDir)
    const [verb, action, name, ...extra] = positionals
    if (verb === 'token') {
      if (extra.length) throw new UsageError(`unexpected "${extra.join(' ')}".`)
      if (action === 'add') {
        if (!name) throw new UsageError('give the token a name, e.g. pilcrow sync-server token add laptop --data DIR')
        console.log(await tokens.add(name, values['read-only']))
        return 0
      }
      if (action === 'list') {
        const list = await tokens.list()
        if (list.length === 0) console.log('No tokens yet. Add one with: pilcrow sync-server token add NAME --data DIR')
        for (const t of list) console.log(`${t.name}\t${t.readOnly ? 'read-only' : 'read-write'}\tadded ${t.createdAt}`)
        return 0
      }
      if (action === 'revoke') {
        if (!name) throw new UsageError('name the token to revoke.')
        if (!(await tokens.revoke(name))) {
          console.error(`pilcrow sync-server: there is no token named "${name}".`)
          return 1
        }
        console.log(`Revoked "${name}": its next connection is refused.`)
        return 0
      }
      throw new UsageError(`"token" takes add, list or revoke${action ? `, not "${action}"` : ''}.`)
    }
    if (verb !== undefined) throw new UsageError(`unknown "${verb}".`)
    const { startSyncServer } = await import('../sync-server/sync-server')
    const server = await startSyncServer({ dataDir, host: values.host ?? '127.0.0.1', port: portOption(values.port) })
    console.log(`Pilcrow sync server is running at ${server.url}`)
    await new Promise<void>((done) => {
      process.once('SIGINT', () => done())
      process.once('SIGTERM', () => done())
    })
    await server.close()
    return 0
  }
}
