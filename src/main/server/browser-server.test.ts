import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { useNotebooks, useTempDirs } from '../core/test-support'
import { STARTUP_DATA_ID, type StartupData } from '../../shared/startup'
import { MAX_BODY_BYTES, startBrowserServer, type BrowserServer } from './browser-server'

const tempDir = useTempDirs()
let server: BrowserServer
const openNotebook = useNotebooks()
let rendererDir: string

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** A raw request, so tests can send any Host header (fetch would refuse to). */
function send(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: server.port, path, method: options.method ?? 'GET', headers: options.headers, setHost: false }, (res) => {
      let body = ''
      res.on('data', (chunk: Buffer) => (body += chunk.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end(options.body)
  })
}

/** The startup data the page carries, parsed as the page parses it. */
function startupDataOf(page: string): StartupData {
  const found = new RegExp(`<script type="application/json" id="${STARTUP_DATA_ID}">(.*?)</script>`, 's').exec(page)
  if (!found) throw new Error('the page carries no startup data')
  return JSON.parse(found[1]!) as StartupData
}

const host = () => ({ Host: `127.0.0.1:${server.port}` })
const apiCall = (method: string, args: unknown[], extra: Record<string, string> = {}) =>
  send(`/api/${method}`, {
    method: 'POST',
    headers: { ...host(), 'Content-Type': 'application/json', 'X-Pilcrow-Token': server.token, ...extra },
    body: JSON.stringify({ args })
  })

beforeEach(async () => {
  const root = tempDir()
  rendererDir = join(root, 'renderer')
  mkdirSync(join(rendererDir, 'assets'), { recursive: true })
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><html><head><title>Pilcrow</title></head><body></body></html>')
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)')
  writeFileSync(join(root, 'secret.txt'), 'secret')
  symlinkSync(join(root, 'secret.txt'), join(rendererDir, 'assets', 'link.txt'))
  const notebook = await openNotebook(join(root, 'ws'))
  server = await startBrowserServer({ api: notebook, events: (listener) => notebook.onEvent(listener), rendererDir })
})

afterEach(() => server.close())

describe('browser-mode server', () => {
  it('listens on 127.0.0.1 only and prints a URL carrying the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`)
    expect(server.token.length).toBeGreaterThanOrEqual(32)
  })

  it('serves the page with the token and sets a same-site cookie for its assets', async () => {
    const page = await send(`/?token=${server.token}`, { headers: host() })
    expect(page.status).toBe(200)
    expect(page.body).toContain('<title>Pilcrow</title>')
    expect(String(page.headers['set-cookie'])).toBe(`pilcrow-token-${server.port}=${server.token}; HttpOnly; SameSite=Strict; Path=/`)
    expect(page.headers['content-security-policy']).toContain("script-src 'self'")
    expect(page.headers['access-control-allow-origin']).toBeUndefined()
    const asset = await send('/assets/app.js', { headers: { ...host(), Cookie: `pilcrow-token-${server.port}=${server.token}` } })
    expect(asset.status).toBe(200)
  })

  it("writes the first screen's data into the page: the sources, the settings and the source to open", async () => {
    const page = await send(`/?token=${server.token}`, { headers: host() })
    const data = startupDataOf(page.body)
    expect(data.list.map((s) => s.id)).toEqual(['russia-iran-alignment'])
    expect(data.settings.theme).toBe('system')
    expect(data.sourceId).toBe('russia-iran-alignment')
    expect(data.source?.meta.title).toMatch(/^Russia and Iran/)
    expect(data.source?.blocks.length).toBeGreaterThan(10)
    expect(page.body.indexOf(`id="${STARTUP_DATA_ID}"`)).toBeLessThan(page.body.indexOf('</head>'))
    // not for a HEAD request, nor for the page's other files
    expect((await send(`/?token=${server.token}`, { method: 'HEAD', headers: host() })).body).toBe('')
    expect((await send('/assets/app.js', { headers: { ...host(), Cookie: `pilcrow-token-${server.port}=${server.token}` } })).body).toBe('console.log(1)')
  })

  it("keeps the page's data inert: a title cannot close its script element", async () => {
    const title = 'Evil</script><script>alert(1)</script><!-- "quoted" \u2028 -->'
    expect((await apiCall('updateSourceMeta', ['russia-iran-alignment', { title }])).status).toBe(200)
    const page = await send(`/?token=${server.token}`, { headers: host() })
    expect(page.body).not.toContain('<script>alert(1)')
    expect(page.body.match(/<\/script>/g)).toHaveLength(1) // the data's own
    expect(startupDataOf(page.body).list[0]?.title).toBe(title)
  })

  it('answers 401 without the token or with a wrong one', async () => {
    expect((await send('/', { headers: host() })).status).toBe(401)
    expect((await send('/?token=wrong', { headers: host() })).status).toBe(401)
    expect((await send('/assets/app.js', { headers: host() })).status).toBe(401)
    expect((await apiCall('listSources', [], { 'X-Pilcrow-Token': '' })).status).toBe(401)
    expect((await apiCall('listSources', [], { 'X-Pilcrow-Token': 'x'.repeat(32) })).status).toBe(401)
  })

  it('answers 403 for a foreign or missing Host, and a foreign Origin', async () => {
    const token = `/?token=${server.token}`
    expect((await send(token, { headers: { Host: 'evil.test' } })).status).toBe(403)
    expect((await send(token, { headers: { Host: `127.0.0.1.nip.io:${server.port}` } })).status).toBe(403)
    expect((await send(token)).status).toBe(403)
    expect((await apiCall('listSources', [], { Host: 'evil.test' })).status).toBe(403)
    expect((await apiCall('listSources', [], { Origin: 'http://localhost:9999' })).status).toBe(403)
  })

  it('rejects a cross-origin style text/plain POST', async () => {
    const reply = await send('/api/updateSettings', {
      method: 'POST',
      headers: { ...host(), 'Content-Type': 'text/plain', 'X-Pilcrow-Token': server.token },
      body: JSON.stringify({ args: [{ theme: 'dark' }] })
    })
    expect(reply.status).toBe(415)
    expect(JSON.parse((await apiCall('getSettings', [])).body).result.theme).toBe('system')
  })

  it('runs API calls with the token in a header', async () => {
    const reply = await apiCall('listSources', [])
    expect(reply.status).toBe(200)
    expect(JSON.parse(reply.body).result[0].id).toBe('russia-iran-alignment')
  })

  it('validates API arguments and method names', async () => {
    const bad = await apiCall('getSource', [42])
    expect(bad.status).toBe(400)
    expect(JSON.parse(bad.body).error.message).toMatch(/^Invalid arguments for getSource \(argument 0\)/)
    const unknown = await apiCall('constructor', [])
    expect(unknown.status).toBe(400)
    expect(JSON.parse(unknown.body).error.message).toBe('Unknown API method: constructor')
    const missing = await apiCall('getSource', ['nope'])
    expect(missing.status).toBe(404)
  })

  it('never serves files outside the build folder', async () => {
    const auth = { ...host(), Cookie: `pilcrow-token-${server.port}=${server.token}` }
    for (const path of ['/../secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/assets/..%5c..%5csecret.txt', '/assets/link.txt', '/%00']) {
      expect([403, 404], path).toContain((await send(path, { headers: auth })).status)
    }
  })

  it("scopes the page's cookie to its port: another server's cookie on 127.0.0.1 opens nothing here", async () => {
    const other = await startBrowserServer({ api: await openNotebook(tempDir()), rendererDir })
    try {
      const theirs = `pilcrow-token-${other.port}=${other.token}`
      expect((await send('/assets/app.js', { headers: { ...host(), Cookie: theirs } })).status).toBe(401)
      // both cookies side by side (one browser, two servers): each page still loads
      const both = `${theirs}; pilcrow-token-${server.port}=${server.token}`
      expect((await send('/assets/app.js', { headers: { ...host(), Cookie: both } })).status).toBe(200)
    } finally {
      await other.close()
    }
  })

  it('answers 413 with the limit to a body over it, at once, not after reading it', async () => {
    /** Posts a body too large, declared or sent in chunks, and returns the answer's status and body as soon as it comes. */
    const postTooLarge = (declared: boolean) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const headers: Record<string, string> = { ...host(), 'Content-Type': 'application/json', 'X-Pilcrow-Token': server.token }
        if (declared) headers['Content-Length'] = String(MAX_BODY_BYTES + 1)
        else headers['Transfer-Encoding'] = 'chunked'
        let answered = false
        const req = httpRequest({ host: '127.0.0.1', port: server.port, path: '/api/importSource', method: 'POST', headers, setHost: false }, (res) => {
          answered = true
          let body = ''
          res.on('data', (chunk: Buffer) => (body += chunk.toString()))
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
        })
        req.on('error', (error) => !answered && reject(error)) // the connection closes once the answer is out
        const chunk = Buffer.alloc(1024 * 1024, 'a')
        // as declared, or without end until the answer comes
        let left = declared ? MAX_BODY_BYTES + 1 : Infinity
        const pump = (): void => {
          while (!req.destroyed && !answered && left > 0) {
            const part = chunk.subarray(0, Math.min(chunk.length, left))
            left -= part.length
            if (!req.write(part)) return void req.once('drain', pump)
          }
        }
        pump()
      })
    for (const declared of [true, false]) {
      const reply = await postTooLarge(declared)
      expect(reply.status).toBe(413)
      expect(JSON.parse(reply.body).error.message).toBe('The request is larger than 54 MB, the most Pilcrow accepts (files up to 40 MB).')
    }
  })

  it('streams the notebook\'s events to a page with the token (and only to one)', async () => {
    expect((await send('/api/events', { headers: host() })).status).toBe(401)
    const received = new Promise<string>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: server.port, path: '/api/events', headers: { ...host(), 'X-Pilcrow-Token': server.token }, setHost: false }, (res) => {
        expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8')
        let text = ''
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString()
          const data = /^data: (.+)$/m.exec(text)
          if (data) {
            resolve(data[1]!)
            req.destroy()
          }
        })
      })
      req.on('error', reject)
      req.end()
    })
    await new Promise((r) => setTimeout(r, 50)) // the stream is open
    const created = JSON.parse((await apiCall('createNote', ['Streamed'])).body).result
    expect(JSON.parse(await received)).toEqual({ type: 'note-changed', noteId: created.id, revision: created.revision, title: 'Streamed', updatedAt: created.updatedAt, trashed: false, tags: [] })
  })

  it('says how many events it had sent when it read the page\'s data and when a stream begins: a change in between shows as a difference', async () => {
    /** The count at a stream's start (the stream itself is closed at once). */
    const sentAtStreamStart = () =>
      new Promise<string>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port: server.port, path: '/api/events', headers: { ...host(), 'X-Pilcrow-Token': server.token }, setHost: false }, (res) => {
          resolve(String(res.headers['x-pilcrow-events-sent']))
          req.destroy()
        })
        req.on('error', reject)
        req.end()
      })
    const page = startupDataOf((await send(`/?token=${server.token}`, { headers: host() })).body)
    expect(String(page.eventsSent)).toBe(await sentAtStreamStart())
    expect((await apiCall('updateSettings', [{ theme: 'dark' }])).status).toBe(200)
    expect(await sentAtStreamStart()).toBe(String(page.eventsSent! + 1))
  })
})
