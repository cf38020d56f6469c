import { app, BrowserWindow, dialog, ipcMain, Menu, session } from 'electron'
import Store from 'electron-store'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { EVENT_CHANNEL, type NotebookEvent } from '../../shared/events'
import { parseDeepLink } from '../../shared/deep-links'
import { COMMANDS, type CommandId } from '../../shared/commands'
import { CONTENT_SECURITY_POLICY } from '../../shared/csp'
import { bundledSourcePaths, searchWorkerPath } from '../core/app-paths'
import { CONF_OPTIONS, openConfSettings } from '../core/conf-settings'
import { attachSync } from '../sync/sync-controller'
import { Notebook } from '../core/notebook'
import { importFromDialog } from './import-dialog'
import { bindNotebookIpc } from './ipc'
import { buildMenuTemplate } from './menu'
import { createMainWindow } from './window'

/** `pilcrow://` links given on the command line (Windows, Linux) by a launch or a second launch. */
const deepLinkIn = (argv: string[]): string | undefined => argv.find((arg) => parseDeepLink(arg) !== null)

/** The desktop shell: settings, the notebook, IPC and the window, started in dependency order. */
async function start(): Promise<void> {
  // one instance: a second launch (or a pilcrow:// link) focuses the first
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }
  app.setAsDefaultProtocolClient('pilcrow')
  let pendingLink = deepLinkIn(process.argv)
  let openLink = (url: string): void => void (pendingLink = url)
  app.on('open-url', (event, url) => {
    event.preventDefault()
    openLink(url)
  })
  await app.whenReady()
  const appRoot = app.getAppPath()
  const rendererIndex = join(appRoot, 'out', 'renderer', 'index.html')
  const rendererUrl = pathToFileURL(rendererIndex).href

  const settings = openConfSettings(() => new Store({ ...CONF_OPTIONS, name: 'config' }), join(app.getPath('userData'), 'config.json'))
  const notebook = await Notebook.open({
    workspaceDir: join(app.getPath('userData'), 'workspace'),
    bundledSources: bundledSourcePaths(appRoot),
    settings,
    searchWorker: searchWorkerPath(appRoot),
    searchIndexDelayMs: 1500,
    watch: true
  })
  // shared through a sync server when the workspace joined one; the engine talks to the server from
  // this (main) process, so the window's CSP stays `connect-src 'self'`
  await attachSync(notebook)

  // Refuse every permission (camera, notifications, geolocation…): a notebook needs none.
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } })
  })

  let win: BrowserWindow | null = null
  bindNotebookIpc(ipcMain, notebook, (event) => event.sender === win?.webContents && event.senderFrame?.url === rendererUrl)

  win = createMainWindow({ preloadPath: join(appRoot, 'out', 'preload', 'index.cjs'), rendererIndex, rendererUrl, bounds: settings.get().window })
  // every event reaches the window on one channel: the notebook's, and the shell's own (menu, links, the import dialog)
  const sendEvent = (event: NotebookEvent): void => {
    if (win && !win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, event)
  }
  notebook.onEvent(sendEvent)
  const saveBounds = (): void => {
    if (!win || win.isDestroyed()) return
    const { x, y, width, height } = win.getNormalBounds()
    settings.update({ window: { x, y, width, height, maximized: win.isMaximized() } })
  }
  win.on('close', saveBounds)
  openLink = (url) => {
    if (!parseDeepLink(url) || !win || win.isDestroyed()) return
    if (win.isMinimized()) win.restore()
    win.focus()
    sendEvent({ type: 'open-requested', url })
  }
  app.on('second-instance', (_event, argv) => {
    const link = deepLinkIn(argv)
    if (link) openLink(link)
    else if (win && !win.isDestroyed()) {
      if (win.isMinimized()) win.restore()
      win.focus()
    }
  })
  if (pendingLink) win.webContents.once('did-finish-load', () => openLink(pendingLink!))
  const runCommand = (id: CommandId): void => {
    if (!win || win.isDestroyed()) return
    if (id === 'source.import') void importFromDialog(dialog, win, notebook).then((outcomes) => outcomes && sendEvent({ type: 'files-imported', outcomes }))
    else sendEvent({ type: 'command-requested', commandId: id })
  }
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(COMMANDS, runCommand, process.platform === 'darwin')))
  app.on('window-all-closed', () => app.quit())
  // write pending caches (the search index) before the process ends
  let closed = false
  app.on('will-quit', (event) => {
    if (closed) return
    event.preventDefault()
    void notebook.close().finally(() => {
      closed = true
      app.quit()
    })
  })
}

start().catch((error: unknown) => {
  console.error('Pilcrow could not start:', error)
  app.exit(1)
})
