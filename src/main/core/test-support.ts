import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import { DEFAULT_SETTINGS } from '../../shared/settings'
import { bundledSourcePaths, findAppRoot } from './app-paths'
import { Notebook } from './notebook'
import { MemorySettingsStore } from './settings-store'

/** A fresh temp folder per test, removed afterwards. */
export function useTempDirs(): () => string {
  const made: string[] = []
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
  })
  return () => {
    const dir = mkdtempSync(join(tmpdir(), 'pilcrow-test-'))
    made.push(dir)
    return dir
  }
}

/**
 * Opens notebooks on real folders (with the bundled article unless told otherwise) and closes
 * them after each test, so no background write outlives its temp folder.
 */
export function useNotebooks(): (dir: string, options?: { bundled?: boolean; watch?: boolean; zoteroUrl?: string }) => Promise<Notebook> {
  const open: Notebook[] = []
  afterEach(async () => {
    for (const nb of open.splice(0)) await nb.close()
  })
  return async (dir, options = {}) => {
    const nb = await Notebook.open({
      workspaceDir: dir,
      bundledSources: options.bundled === false ? [] : bundledSourcePaths(findAppRoot()),
      settings: new MemorySettingsStore(DEFAULT_SETTINGS),
      ...(options.watch ? { watch: true } : {}),
      ...(options.zoteroUrl ? { zoteroUrl: options.zoteroUrl } : {})
    })
    open.push(nb)
    return nb
  }
}

/** A process id that no running process has (for temp files whose writer is gone). */
export function deadPid(): number {
  for (let pid = 4_000_000; ; pid--) {
    try {
      process.kill(pid, 0)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH') return pid
    }
  }
}
