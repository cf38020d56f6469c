import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import type { Notebook } from '../../core/notebook'
import { bundleForChild } from '../../core/testing/bundle-for-child'
import { TokenStore } from '../../sync-server/tokens'
import { SyncFolder } from '../remote-config'
import { SyncEngine } from '../sync-engine'

/** A free port on 127.0.0.1 (the server restarts on the same one, as a real one would). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}

/** A sync server run as a real child process: started, SIGKILLed, started again on the same data. */
export class ServerProcess {
  private child: ChildProcess | null = null

  private constructor(
    private readonly script: string,
    readonly dataDir: string,
    readonly port: number
  ) {}

  static async create(workDir: string): Promise<ServerProcess> {
    const script = await bundleForChild(join(import.meta.dirname, 'server.child.ts'), join(workDir, 'server-bundle'))
    return new ServerProcess(script, join(workDir, 'server-data'), await freePort())
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}`
  }

  addToken(name: string, readOnly = false): Promise<string> {
    return new TokenStore(this.dataDir).add(name, readOnly)
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, [this.script, this.dataDir, String(this.port)], { stdio: ['ignore', 'pipe', 'inherit'] })
    this.child = child
    await new Promise<void>((resolve, reject) => {
      let out = ''
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString()
        if (out.includes('is running at')) resolve()
      })
      child.once('exit', (code) => reject(new Error(`the sync server exited (${code}) before listening: ${out}`)))
    })
  }

  /** Kills the server as a crash or a power cut would: no chance to store anything. */
  async kill(): Promise<void> {
    const child = this.child
    if (!child || child.exitCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGKILL')
    await exited
    this.child = null
  }
}

/** Servers and engines closed (and killed) after each test. */
export function useSyncFixtures(): {
  server: (workDir: string) => Promise<ServerProcess>
  /** A server started with one read-write token (most tests need no more). */
  running: (workDir: string, tokenName?: string) => Promise<{ server: ServerProcess; token: string }>
  join: (notebook: Notebook, address: string, token: string, options?: { maxReceivedNodes?: number }) => Promise<SyncEngine>
} {
  const servers: ServerProcess[] = []
  const engines: SyncEngine[] = []
  afterEach(async () => {
    for (const engine of engines.splice(0)) await engine.close().catch(() => undefined)
    for (const server of servers.splice(0)) await server.kill()
  })
  const server = async (workDir: string): Promise<ServerProcess> => {
    const made = await ServerProcess.create(workDir)
    servers.push(made)
    return made
  }
  return {
    server,
    async running(workDir, tokenName = 'me') {
      const started = await server(workDir)
      const token = await started.addToken(tokenName)
      await started.start()
      return { server: started, token }
    },
    async join(notebook, address, token, options = {}) {
      const folder = new SyncFolder(notebook.workspace.root)
      const [server, name] = [address.slice(0, address.lastIndexOf('/')), address.slice(address.lastIndexOf('/') + 1)]
      await folder.join({ server, notebook: name }, token)
      const engine = await SyncEngine.start({ notes: notebook.notes, sources: notebook.sources, folder, reconnect: { delay: 100, maxDelay: 300 }, ...options })
      engines.push(engine!)
      return engine!
    }
  }
}
