// The sync server in a child process of its own, for tests that kill it (SIGKILL) as a crash would.
// argv: DATA_DIR PORT
import { startSyncServer } from '../../sync-server/sync-server'

const [dataDir, port] = process.argv.slice(2)
const server = await startSyncServer({ dataDir: dataDir!, host: '127.0.0.1', port: Number(port) })
console.log(`Pilcrow sync server is running at ${server.url}`)
