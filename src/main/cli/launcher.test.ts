import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..', '..')
const LAUNCHER = join(ROOT, 'bin', 'pilcrow.js')
const BUILT = existsSync(join(ROOT, 'out', 'main', 'cli.js'))
/** A Node older than 22 on this machine (the system's Node 20), if there is one. */
const OLD_NODE = ['/usr/bin/node', '/usr/local/bin/node'].find((path) => existsSync(path) && Number(spawnSync(path, ['-p', 'process.versions.node.split(".")[0]']).stdout?.toString().trim()) < 22)
const RUNS_AGAIN = BUILT && OLD_NODE !== undefined && existsSync(join(ROOT, 'node_modules', 'node', 'bin', 'node'))

describe('the pilcrow command', () => {
  it.skipIf(!BUILT)('runs on Node 22 or newer', () => {
    const run = spawnSync(process.execPath, [LAUNCHER, '--version'], { encoding: 'utf8' })
    expect(run.status).toBe(0)
    expect(Number(/\(Node (\d+)\./.exec(run.stdout)?.[1])).toBeGreaterThanOrEqual(22)
  })

  // skipped where the machine has no Node older than 22 to start it with
  it.skipIf(!RUNS_AGAIN)('started by an older Node, runs itself on the project’s Node 22, with the same arguments and exit code', () => {
    const version = spawnSync(OLD_NODE!, [LAUNCHER, '--version'], { encoding: 'utf8' })
    expect(version.stdout).toMatch(/\(Node 22\.\d+\.\d+\)/)
    const unknown = spawnSync(OLD_NODE!, [LAUNCHER, 'no-such-command'], { encoding: 'utf8' })
    expect(unknown.status).toBe(2)
    expect(unknown.stderr).toContain('pilcrow: unknown command "no-such-command"')
  })

  // skipped as the one above
  it.skipIf(!RUNS_AGAIN)('started by an older Node, passes a signal sent to it alone on to the server, and ends once the server has', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'pilcrow-launcher-'))
    try {
      const launcher = spawn(OLD_NODE!, [LAUNCHER, 'serve', '--workspace', workspace, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] })
      const exited = new Promise<number | null>((resolve) => launcher.once('exit', (code) => resolve(code)))
      const url = await new Promise<string>((resolve, reject) => {
        let out = ''
        launcher.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString()
          const found = /Pilcrow is running at (\S+)/.exec(out)
          if (found) resolve(found[1]!)
        })
        launcher.once('exit', () => reject(new Error(`the server did not start: ${out}`)))
      })
      expect((await fetch(url)).ok).toBe(true)
      launcher.kill('SIGTERM') // to the launcher's process only, as `kill` or a supervisor sends it
      expect(await exited).toBe(0)
      // the server on Node 22 has stopped by then: nothing answers at its address
      await expect(fetch(url)).rejects.toThrow()
    } finally {
      rmSync(workspace, { recursive: true, force: true })
    }
  })
})
