import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..', '..')
const LAUNCHER = join(ROOT, 'bin', 'pilcrow.js')
const BUILT = existsSync(join(ROOT, 'out', 'main', 'cli.js'))
/** A Node older than 22 on this machine (the system's Node 20), if there is one. */
const OLD_NODE = ['/usr/bin/node', '/usr/local/bin/node'].find((path) => existsSync(path) && Number(spawnSync(path, ['-p', 'process.versions.node.split(".")[0]']).stdout?.toString().trim()) < 22)

describe('the pilcrow command', () => {
  it.skipIf(!BUILT)('runs on Node 22 or newer', () => {
    const run = spawnSync(process.execPath, [LAUNCHER, '--version'], { encoding: 'utf8' })
    expect(run.status).toBe(0)
    expect(Number(/\(Node (\d+)\./.exec(run.stdout)?.[1])).toBeGreaterThanOrEqual(22)
  })

  // skipped where the machine has no Node older than 22 to start it with
  it.skipIf(!BUILT || !OLD_NODE || !existsSync(join(ROOT, 'node_modules', 'node', 'bin', 'node')))('started by an older Node, runs itself on the project’s Node 22, with the same arguments and exit code', () => {
    const version = spawnSync(OLD_NODE!, [LAUNCHER, '--version'], { encoding: 'utf8' })
    expect(version.stdout).toMatch(/\(Node 22\.\d+\.\d+\)/)
    const unknown = spawnSync(OLD_NODE!, [LAUNCHER, 'no-such-command'], { encoding: 'utf8' })
    expect(unknown.status).toBe(2)
    expect(unknown.stderr).toContain('pilcrow: unknown command "no-such-command"')
  })
})
