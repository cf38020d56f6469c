import { homedir } from 'node:os'
import { join } from 'node:path'

/**
 * Pilcrow's user-data folder, computed as Electron's `app.getPath('userData')` does, so the
 * desktop app and the CLI open the same default workspace.
 */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = homedir()
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Pilcrow')
  if (platform === 'win32') return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), 'Pilcrow')
  return join(env['XDG_CONFIG_HOME'] ?? join(home, '.config'), 'Pilcrow')
}

export function defaultWorkspaceDir(): string {
  return join(userDataDir(), 'workspace')
}
