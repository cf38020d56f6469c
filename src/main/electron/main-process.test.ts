import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { IPC_CHANNEL } from '../../shared/api'
import { EVENT_CHANNEL } from '../../shared/events'
import { findAppRoot } from '../core/app-paths'

// Electron cannot run here: the main process is loaded against a recording fake of its API.
const recorded = vi.hoisted(() => ({
  windows: [] as { options: Record<string, unknown>; handlers: Map<string, (...args: unknown[]) => void>; openHandler?: (d: { url: string }) => { action: string }; webContents: object }[],
  ipc: new Map<string, (...args: unknown[]) => unknown>(),
  openExternal: [] as string[],
  permissionRequest: undefined as undefined | ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void),
  permissionCheck: undefined as undefined | (() => boolean),
  userData: '',
  menu: null as unknown,
  singleInstance: 0,
  protocols: [] as string[],
  sent: [] as [string, unknown][],
  dialogPaths: [] as string[]
}))

vi.mock('electron', () => {
  class BrowserWindow {
    webContents: Record<string, unknown>
    constructor(options: Record<string, unknown>) {
      const handlers = new Map<string, (...args: unknown[]) => void>()
      const entry: (typeof recorded.windows)[number] = { options, handlers, webContents: {} }
      this.webContents = {
        on: (event: string, fn: (...args: unknown[]) => void) => handlers.set(event, fn),
        once: () => undefined,
        send: (channel: string, value: unknown) => void recorded.sent.push([channel, value]),
        setWindowOpenHandler: (fn: (d: { url: string }) => { action: string }) => (entry.openHandler = fn)
      }
      entry.webContents = this.webContents
      recorded.windows.push(entry)
    }
    once(): void {}
    on(): void {}
    isDestroyed(): boolean {
      return false
    }
    maximize(): void {}
    loadFile(): Promise<void> {
      return Promise.resolve()
    }
  }
  const app = {
    requestSingleInstanceLock: () => (recorded.singleInstance++, true),
    setAsDefaultProtocolClient: (scheme: string) => void recorded.protocols.push(scheme),
    whenReady: () => Promise.resolve(),
    getAppPath: () => findAppRoot(),
    getPath: () => recorded.userData,
    on: () => undefined,
    quit: () => undefined,
    exit: () => undefined
  }
  const electron = {
    app,
    BrowserWindow,
    ipcMain: { handle: (channel: string, fn: (...args: unknown[]) => unknown) => recorded.ipc.set(channel, fn) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: typeof recorded.permissionRequest) => (recorded.permissionRequest = fn),
        setPermissionCheckHandler: (fn: typeof recorded.permissionCheck) => (recorded.permissionCheck = fn),
        webRequest: { onHeadersReceived: () => undefined }
      }
    },
    dialog: { showOpenDialog: async () => ({ canceled: false, filePaths: recorded.dialogPaths }) },
    shell: { openExternal: async (url: string) => void recorded.openExternal.push(url) },
    Menu: { buildFromTemplate: (template: unknown) => template, setApplicationMenu: (menu: unknown) => void (recorded.menu = menu) }
  }
  return { ...electron, default: electron }
})

vi.mock('electron-store', async () => {
  const { default: Conf } = await import('conf')
  return { default: class extends Conf<Record<string, unknown>> { constructor(options: Record<string, unknown>) { super({ ...options, cwd: recorded.userData, projectName: 'pilcrow' }) } } }
})

const rendererUrl = pathToFileURL(join(findAppRoot(), 'out', 'renderer', 'index.html')).href

beforeAll(async () => {
  recorded.userData = mkdtempSync(join(tmpdir(), 'pilcrow-electron-'))
  await import('./index')
  await vi.waitFor(() => expect(recorded.windows).toHaveLength(1), { timeout: 10_000 })
})

describe('the Electron main process', () => {
  it('creates the window isolated, sandboxed, without Node, with web security', () => {
    const prefs = recorded.windows[0]!.options['webPreferences'] as Record<string, unknown>
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false, webSecurity: true, webviewTag: false, allowRunningInsecureContent: false })
    expect(String(prefs['preload'])).toMatch(/out[/\\]preload[/\\]index\.cjs$/)
  })

  it('denies navigation away from the app', () => {
    const willNavigate = recorded.windows[0]!.handlers.get('will-navigate')!
    for (const [url, allowed] of [
      ['https://evil.example/', false],
      ['file:///etc/passwd', false],
      [`${rendererUrl}#block=p-1`, true]
    ] as const) {
      const event = { preventDefault: vi.fn() }
      willNavigate(event, url)
      expect(event.preventDefault.mock.calls.length, url).toBe(allowed ? 0 : 1)
    }
  })

  it('denies new windows, handing only http, https and mailto links to the OS', () => {
    const open = recorded.windows[0]!.openHandler!
    const urls = ['https://www.lse.ac.uk/rftw', 'mailto:a@example.org', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'pilcrow://x', 'ms-msdt:/id']
    for (const url of urls) expect(open({ url })).toEqual({ action: 'deny' })
    expect(recorded.openExternal).toEqual(['https://www.lse.ac.uk/rftw', 'mailto:a@example.org'])
  })

  it('runs as a single instance, owns pilcrow:// links, and has the application menu', () => {
    expect(recorded.singleInstance).toBe(1)
    expect(recorded.protocols).toEqual(['pilcrow'])
    expect(JSON.stringify(recorded.menu)).toContain('Command palette…')
  })

  it('File → Import opens the native dialog, imports the chosen files through the notebook and tells the page', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pilcrow-import-'))
    writeFileSync(join(dir, 'reading.md'), '# Reading list\n\nA paragraph to cite.\n')
    writeFileSync(join(dir, 'bad.docx'), 'x')
    recorded.dialogPaths = [join(dir, 'reading.md'), join(dir, 'bad.docx')]
    const file = (recorded.menu as { label?: string; submenu?: { label?: string; click?: () => void }[] }[]).find((m) => m.label === 'File')!
    file.submenu!.find((item) => item.label === 'Import sources…')!.click!()
    const imported = (): unknown => recorded.sent.find(([channel, event]) => channel === EVENT_CHANNEL && (event as { type: string }).type === 'files-imported')
    await vi.waitFor(() => expect(imported()).toBeDefined(), { timeout: 10_000 })
    const [, { outcomes }] = imported() as [string, { outcomes: unknown }]
    expect(outcomes).toEqual([
      { fileName: 'reading.md', ok: true, status: 'added', sourceId: 'reading', title: 'Reading list', blockCount: 2 },
      { fileName: 'bad.docx', ok: false, error: expect.stringMatching(/^bad\.docx: Pilcrow cannot import \.docx files/) }
    ])
  })

  it('refuses every permission request', () => {
    const answers: boolean[] = []
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) recorded.permissionRequest!({}, permission, (ok) => answers.push(ok))
    expect(answers).toEqual([false, false, false, false])
    expect(recorded.permissionCheck!()).toBe(false)
  })

  it('answers IPC only from its own window and page, and validates every argument', async () => {
    const handler = recorded.ipc.get(IPC_CHANNEL)!
    expect([...recorded.ipc.keys()]).toEqual([IPC_CHANNEL])
    const own = { sender: recorded.windows[0]!.webContents, senderFrame: { url: rendererUrl } }
    expect(await handler(own, 'listSources', [])).toMatchObject({ ok: true, result: expect.arrayContaining([expect.objectContaining({ id: 'russia-iran-alignment' })]) })
    expect(await handler({ sender: {}, senderFrame: { url: rendererUrl } }, 'listSources', [])).toMatchObject({ ok: false, error: { message: 'Refused: the call did not come from Pilcrow’s window.' } })
    expect(await handler({ ...own, senderFrame: { url: 'https://evil.example/' } }, 'listSources', [])).toMatchObject({ ok: false })
    expect(await handler(own, 'getSource', ['../../etc/passwd'])).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
    expect(await handler(own, 'constructor', [])).toMatchObject({ ok: false, error: { message: 'Unknown API method: constructor' } })
  })
})
