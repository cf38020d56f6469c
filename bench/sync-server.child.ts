// The sync server for the benchmark, in a process of its own (run with --expose-gc): answers
// { heap: true } on its IPC channel with its JS heap after a full collection.
import { startSyncServer } from '../src/main/sync-server/sync-server'

const [dataDir] = process.argv.slice(2)
const server = await startSyncServer({ dataDir: dataDir!, host: '127.0.0.1', port: 0 })
process.on('message', (message: { heap?: boolean }) => {
  if (!message.heap) return
  for (let i = 0; i < 3; i++) (globalThis as { gc?: () => void }).gc?.()
  process.send!({ heapMb: process.memoryUsage().heapUsed / 1048576 })
})
process.send!({ url: server.url })
