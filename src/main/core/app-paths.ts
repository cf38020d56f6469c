import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The folder that holds `package.json`, `resources/` and `out/`: found by walking up from this
 * file, so it works from `src/` (tests), `out/main/` (the build) and an installed package.
 */
export function findAppRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'resources'))) return dir
    const parent = dirname(dir)
    if (parent === dir) throw new Error(`Cannot find Pilcrow's resources folder above ${from}`)
    dir = parent
  }
}

/** The sources every new workspace starts with. */
export function bundledSourcePaths(appRoot: string): string[] {
  return [join(appRoot, 'resources', 'sources', 'russia-iran-alignment.md')]
}

/** The CSL styles and locales Pilcrow ships (`styles/`, `locales/`). */
export function citationStylesDir(appRoot: string): string {
  return join(appRoot, 'resources', 'csl')
}

/** The built worker that rebuilds the search index off the main thread (absent before `npm run build`). */
export function searchWorkerPath(appRoot: string): string {
  return join(appRoot, 'out', 'main', 'search-worker.js')
}

/** The built renderer served by browser mode and loaded by the Electron window. */
export function rendererDir(appRoot: string): string {
  return join(appRoot, 'out', 'renderer')
}
