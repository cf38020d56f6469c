import { BrowserWindow, shell, type WebPreferences } from 'electron'
import { join } from 'node:path'
import type { Settings } from '../../shared/settings'
import { safeExternalUrl } from './external-links'

/** The renderer is untrusted: isolated, sandboxed, no Node, web security on. */
export const SECURE_WEB_PREFERENCES: WebPreferences = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  spellcheck: true
}

export interface MainWindowOptions {
  preloadPath: string
  rendererIndex: string
  bounds: Settings['window']
}

/** Creates the main window and locks it to the app: no navigation away, no new windows. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const bounds = options.bounds
  const win = new BrowserWindow({
    width: bounds?.width ?? 1280,
    height: bounds?.height ?? 800,
    ...(bounds?.x !== undefined && bounds?.y !== undefined ? { x: bounds.x, y: bounds.y } : {}),
    minWidth: 640,
    minHeight: 400,
    show: false,
    title: 'Pilcrow',
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: options.preloadPath }
  })
  if (bounds?.maximized) win.maximize()
  const appUrl = new URL(`file://${join(options.rendererIndex)}`).href

  win.webContents.on('will-navigate', (event, url) => {
    if (url !== appUrl) event.preventDefault()
  })
  win.webContents.on('will-redirect', (event) => event.preventDefault())
  win.webContents.setWindowOpenHandler(({ url }) => {
    const external = safeExternalUrl(url)
    if (external) void shell.openExternal(external)
    return { action: 'deny' }
  })
  win.once('ready-to-show', () => win.show())
  void win.loadFile(options.rendererIndex)
  return win
}
