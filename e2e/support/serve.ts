import { spawn, type ChildProcess } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { findAppRoot } from '../../src/main/core/app-paths'

/** The project folder (found by walking up, so bundled copies of this file work too). */
export const APP_ROOT = findAppRoot(dirname(fileURLToPath(import.meta.url)))

/** A running `pilcrow serve` on a fresh temp workspace. */
export interface ServedPilcrow {
  url: string
  origin: string
  token: string
  workspace: string
  process: ChildProcess
  /** The lines the server printed on stdout. */
  stdout: string[]
  /** Stops the server (SIGINT, as a user would) and waits for it to exit. */
  stop(): Promise<number | null>
  /** Starts a new server process on the same workspace (on any free port, or as `pilcrow serve` does by itself: its last one). */
  restart(options?: ServeOptions): Promise<ServedPilcrow>
}

export interface ServeOptions {
  /** A port; 'last' passes none, so the server takes the one of its last run (the default is any free port). */
  port?: number | 'last'
  /** More environment for the server (PILCROW_ZOTERO_URL: a stand-in Zotero). */
  env?: Record<string, string>
}

const URL_LINE = /^Pilcrow is running at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=(\S+))$/

/** Servers started and not yet exited: a test that fails after a restart still has them stopped. */
const running = new Set<ServedPilcrow>()

/** Stops every server this process started that is still running. */
export async function stopAllServers(): Promise<void> {
  await Promise.all([...running].map((served) => served.stop()))
}

export async function servePilcrow(workspace: string, options: ServeOptions = {}): Promise<ServedPilcrow> {
  const port = options.port === 'last' ? [] : ['--port', String(options.port ?? 0)]
  const child = spawn(process.execPath, [join(APP_ROOT, 'bin', 'pilcrow.js'), 'serve', '--workspace', workspace, ...port], {
    cwd: APP_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env }
  })
  const stdout: string[] = []
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`pilcrow serve printed no URL within 15 s. stderr: ${stderr}`)), 15_000)
    let buffer = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString()
      const lines = buffer.split('\n')
      buffer = lines.pop()!
      for (const line of lines) {
        stdout.push(line)
        if (URL_LINE.test(line)) {
          clearTimeout(timer)
          resolveUrl(line.match(URL_LINE)![1]!)
        }
      }
    })
    child.once('exit', (code) => reject(new Error(`pilcrow serve exited (${code}) before printing its URL. stderr: ${stderr}`)))
  })
  const parsed = new URL(url)
  const served: ServedPilcrow = {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token')!,
    workspace,
    process: child,
    stdout,
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done(child.exitCode)
        child.once('exit', (code) => done(code))
        child.kill('SIGINT')
      }),
    restart: async (restartOptions) => {
      await served.stop()
      return servePilcrow(workspace, restartOptions)
    }
  }
  running.add(served)
  child.once('exit', () => running.delete(served))
  return served
}
