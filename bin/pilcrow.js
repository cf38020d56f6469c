#!/usr/bin/env node
// The `pilcrow` command: runs the built CLI (`npm run build` produces out/main/cli.js) on Node 22
// or newer. Started by an older Node (a machine whose system Node is 20), it runs itself again on
// the Node 22 the project installs from the registry's `node` package, when there is one.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import module from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const major = Number(process.versions.node.split('.')[0])
const bundledNode = join(root, 'node_modules', 'node', 'bin', 'node')
if (major < 22 && existsSync(bundledNode)) {
  const result = spawnSync(bundledNode, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' })
  process.exit(result.status ?? (result.signal ? 1 : 0))
}

const cli = join(root, 'out', 'main', 'cli.js')
if (!existsSync(cli)) {
  console.error('pilcrow: the app is not built yet. Run "npm run build" in the Pilcrow folder first.')
  process.exit(1)
}
// compiled code is cached between runs (Node 22): a fresh `pilcrow search` starts faster
module.enableCompileCache?.()
await import(pathToFileURL(cli).href)
