// `npm run bench [-- --json] [-- --only search|quality|ui|library|highlights|pages|events|import|sync] [-- --sizes 10000,50000]`: bundles the
// benchmark (TypeScript, with the project's real code) and runs it in Node with --expose-gc.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'rolldown'

// the UI figures drive the built app; the search figures use its worker (out/main/search-worker.js)
if ((!existsSync('out/renderer/index.html') || !existsSync('out/main/search-worker.js')) && spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' }).status !== 0) process.exit(1)

const outDir = join('.tmp', 'bench')
mkdirSync(outDir, { recursive: true })
const file = join(outDir, 'bench.mjs')
await build({
  input: 'bench/index.ts',
  platform: 'node',
  external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'),
  output: { file, format: 'esm', codeSplitting: false },
  logLevel: 'silent'
})
const result = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', file, ...process.argv.slice(2)], { stdio: 'inherit' })
process.exit(result.status ?? 1)
