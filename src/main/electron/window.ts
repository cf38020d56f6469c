import { BrowserWindow, shell } from 'electron'
import type { Settings } from '../../shared/settings'
import { safeExternalUrl } from './external-links'

export interface MainWindowOptions {
  preloadPath: string
  rendererIndex: string
  /** The page's own URL: the only place the window may show. */
  rendererUrl: string
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
    // The renderer is untrusted: isolated, sandboxed, no Node, web security on. Written out in
    // full (no spread) so Electronegativity's static checks can read every flag.
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: true
    }
  })
  if (bounds?.maximized) win.maximize()
  // the app is one page: any navigation (a dropped file, a link, a script) is refused
  win.webContents.on('will-navigate', (event, url) => {
    if (url.split('#')[0] !== options.rendererUrl) event.preventDefault()
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
