import Conf from 'conf'
import { join } from 'node:path'
import { bundledSourcePaths, findAppRoot, searchWorkerPath } from './app-paths'
import { CONF_OPTIONS, openConfSettings } from './conf-settings'
import { Notebook } from './notebook'

/**
 * Opens a notebook for browser mode and the CLI: settings through `conf`, with the desktop app's
 * schema, kept inside the workspace (`.pilcrow/settings.json`) so a workspace carries its own.
 */
export async function openNotebookInNode(workspaceDir: string, options: { searchIndexDelayMs?: number; watch?: boolean } = {}): Promise<Notebook> {
  const appRoot = findAppRoot()
  const settingsDir = join(workspaceDir, '.pilcrow')
  const settings = openConfSettings(
    () => new Conf({ ...CONF_OPTIONS, cwd: settingsDir, configName: 'settings', projectName: 'pilcrow' }),
    join(settingsDir, 'settings.json')
  )
  // another address for Zotero (a test's fixture server): only from the environment, never from a window
  const zoteroUrl = process.env['PILCROW_ZOTERO_URL']
  return Notebook.open({
    workspaceDir,
    bundledSources: bundledSourcePaths(appRoot),
    settings,
    searchWorker: searchWorkerPath(appRoot),
    ...options,
    ...(zoteroUrl ? { zoteroUrl } : {})
  })
}
