#!/usr/bin/env node
// The `pilcrow` command: runs the built CLI (`npm run build` produces out/main/cli.js) on Node 22
// or newer. Started by an older Node (a machine whose system Node is 20), it runs itself again on
// the Node 22 the project installs from the registry's `node` package, when there is one.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import module from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const major = Number(process.versions.node.split('.')[0])
const bundledNode = join(root, 'node_modules', 'node', 'bin', 'node')
if (major < 22 && existsSync(bundledNode)) {
  const child = spawn(bundledNode, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' })
  // a signal sent to this process alone (`kill`, a supervisor) must reach the real command, or a
  // `pilcrow serve` would go on running, and writing the workspace, after this one is gone;
  // this process ends only once the command has (a terminal's Ctrl+C reaches both already)
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal))
  child.once('error', (error) => {
    console.error(`pilcrow: could not start Node 22 (${error.message})`)
    process.exit(1)
  })
  child.once('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
} else {
  const cli = join(root, 'out', 'main', 'cli.js')
  if (!existsSync(cli)) {
    console.error('pilcrow: the app is not built yet. Run "npm run build" in the Pilcrow folder first.')
    process.exit(1)
  }
  // compiled code is cached between runs (Node 22): a fresh `pilcrow search` starts faster
  module.enableCompileCache?.()
  await import(pathToFileURL(cli).href)
}
