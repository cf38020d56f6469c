// Finds Electron's binary without triggering the `electron` package's download-on-require.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)

function packageDir() {
  try {
    return dirname(require.resolve('electron/package.json'))
  } catch {
    return null
  }
}

/** The installed binary's path, or null when it has not been downloaded. */
export function installedElectronBinary() {
  const dir = packageDir()
  if (!dir) return null
  const pathFile = join(dir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const binary = join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(dir, 'dist'), readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : null
}

/** Tries the `electron` package's own download once, quietly; returns the binary or null. */
export function downloadElectronBinary() {
  const dir = packageDir()
  if (!dir) return null
  spawnSync(process.execPath, [join(dir, 'install.js')], { stdio: 'ignore', timeout: 180_000 })
  return installedElectronBinary()
}
