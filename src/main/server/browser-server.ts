import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { NotebookApi } from '../../shared/api'
import type { NotebookEvent } from '../../shared/events'
import { CONTENT_SECURITY_POLICY } from '../../shared/csp'
import { PilcrowError, serializeError, type PilcrowErrorCode } from '../../shared/errors'
import { isAllowedHost, isAllowedOrigin, readCookie, TOKEN_HEADER, tokenCookieName, tokensMatch } from './request-guard'
import { readStaticFile } from './static-files'
import { startupScript } from './startup-script'
import { IMPORT_SIZE_LIMIT_BYTES } from '../../shared/imports'
import { EVENTS_SENT_HEADER } from '../../shared/startup'

/** The largest API request body we accept: an imported file at the size limit, as base64, and a little more. */
export const MAX_BODY_BYTES = Math.ceil(IMPORT_SIZE_LIMIT_BYTES / 3) * 4 + 1024 * 1024

/** Thrown when a request body is over `MAX_BODY_BYTES`: answered 413, the rest left unread. */
class BodyTooLarge extends Error {}
const TOO_LARGE_MESSAGE = `The request is larger than ${Math.floor(MAX_BODY_BYTES / 1024 / 1024)} MB, the most Pilcrow accepts (files up to ${IMPORT_SIZE_LIMIT_BYTES / 1024 / 1024} MB).`

export interface BrowserServerOptions {
  api: NotebookApi
  /** Subscribes to every notebook event: streamed to every page at `GET /api/events` (two tabs stay in step). */
  events?: (listener: (event: NotebookEvent) => void) => () => void
  /** The built renderer (`out/renderer`). */
  rendererDir: string
  /** 0 picks a free port. */
  port?: number
  /** The workspace's token, kept between runs (see server-identity.ts); a random one per run otherwise. */
  token?: string
}

export interface BrowserServer {
  readonly port: number
  readonly token: string
  /** The URL to open: carries the token for the first page load. */
  readonly url: string
  close(): Promise<void>
}

const STATUS_BY_CODE: Record<PilcrowErrorCode, number> = {
  'invalid-argument': 400,
  'not-found': 404,
  'unsupported-format': 422,
  'io-error': 500,
  internal: 500
}

/**
 * Browser mode: the built renderer and the notebook API over HTTP, on 127.0.0.1 only.
 * Every request must name our own host; API calls must carry the token in a header.
 */
export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  // the argument schemas (zod) load while the page does: only API calls need them
  const apiSchema = import('../../shared/api-schema')
  let port = 0
  // a page compares this count in its startup data with the one at its event stream's start: a
  // change made in between (another tab, a sync) is otherwise never heard of
  let eventsSent = 0
  const stopCounting = options.events?.(() => eventsSent++) ?? (() => undefined)
  // requireHostHeader off: a request without Host reaches our own check and gets 403, like a foreign one.
  const server: Server = createServer({ requireHostHeader: false }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('pilcrow: request failed:', error)
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Internal error')
      else res.end()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isAllowedHost(req, port) || !isAllowedOrigin(req, port)) return send(res, 403, 'text/plain; charset=utf-8', 'Forbidden: foreign host or origin')
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`)
    if (url.pathname.startsWith('/api/')) return handleApi(req, res, url.pathname.slice('/api/'.length))
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed')
    const isPage = url.pathname === '/' || url.pathname === '/index.html'
    const queryToken = isPage ? url.searchParams.get('token') : null
    if (queryToken !== null && tokensMatch(queryToken, token)) {
      res.setHeader('Set-Cookie', `${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`)
    } else if (!tokensMatch(readCookie(req, tokenCookieName(port)), token)) {
      return send(res, 401, 'text/html; charset=utf-8', UNAUTHORIZED_PAGE)
    }
    const [file, startup] = await Promise.all([readStaticFile(options.rendererDir, isPage ? '/index.html' : url.pathname), isPage && req.method === 'GET' ? pageStartup() : ''])
    if (file.status !== 200) return send(res, file.status, 'text/plain; charset=utf-8', file.status === 404 ? 'Not found' : 'Forbidden')
    res.setHeader('Cache-Control', 'no-store')
    send(res, 200, file.contentType, req.method === 'HEAD' ? '' : startup ? withStartup(file.body, startup) : file.body)
  }

  /** The first screen's data for the page (see shared/startup.ts); without it the page asks for it. */
  async function pageStartup(): Promise<string> {
    try {
      return await startupScript(options.api, eventsSent)
    } catch (error) {
      console.error('pilcrow: the page is served without its startup data:', error)
      return ''
    }
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    if (!tokensMatch(headerValue(req, TOKEN_HEADER), token)) return sendJson(res, 401, { error: { code: 'invalid-argument', message: 'Missing or wrong token.' } })
    if (method === 'events' && req.method === 'GET') return streamEvents(req, res)
    if (req.method !== 'POST') return sendJson(res, 405, { error: { code: 'invalid-argument', message: 'API calls use POST.' } })
    // A JSON content type cannot be sent cross-origin without a preflight we never answer.
    if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
      return sendJson(res, 415, { error: { code: 'invalid-argument', message: 'API calls must send application/json.' } })
    }
    const declared = Number(req.headers['content-length'])
    if (declared > MAX_BODY_BYTES) return tooLarge(req, res)
    try {
      const body = await readBody(req)
      let payload: unknown
      try {
        payload = JSON.parse(body)
      } catch {
        throw new PilcrowError('invalid-argument', 'The request body is not valid JSON.')
      }
      const args = (payload as { args?: unknown } | null)?.args
      const { dispatchCall } = await apiSchema
      const result = await dispatchCall(options.api, method, args)
      sendJson(res, 200, { result: result ?? null })
    } catch (error) {
      if (error instanceof BodyTooLarge) return tooLarge(req, res)
      if (!(error instanceof PilcrowError)) console.error('pilcrow: API call failed:', error)
      const wire = serializeError(error)
      sendJson(res, STATUS_BY_CODE[wire.code], { error: wire })
    }
  }

  /**
   * Server-Sent Events, read by the page with `fetch` (so the token travels in a header, as on
   * every API call): one `data:` line of JSON per event, a comment every 20 s to keep the stream open.
   */
  function streamEvents(req: IncomingMessage, res: ServerResponse): void {
    securityHeaders(res)
    // counted and subscribed in one go: every later event is in the stream
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive', [EVENTS_SENT_HEADER]: String(eventsSent) })
    res.write(': pilcrow events\n\n')
    const unsubscribe = options.events?.((event) => res.write(`data: ${JSON.stringify(event)}\n\n`)) ?? (() => undefined)
    const ping = setInterval(() => res.write(': ping\n\n'), 20_000)
    req.on('close', () => {
      clearInterval(ping)
      unsubscribe()
    })
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  port = (server.address() as AddressInfo).port
  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        stopCounting()
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}

/** What a page without the right token is told, in words: where the right address is. */
const UNAUTHORIZED_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Pilcrow: open the address with its key</title></head>
<body>
<h1>This address needs its key</h1>
<p>Pilcrow's server only opens to the address it printed when it started, which carries a key:
<code>Pilcrow is running at http://127.0.0.1:PORT/?token=…</code>. Copy that whole line's address from the
terminal where <code>pilcrow serve</code> runs, and open it here.</p>
<p>If the server was started again with a new key, text you typed that was not saved yet is kept by this
browser, and saved when you open the new address on the same port.</p>
</body></html>
`

/** The page with the startup data's script at the end of its head, else of the page (module scripts run after parsing: any place works). */
function withStartup(page: Buffer, script: string): string {
  const html = page.toString('utf8')
  const at = html.indexOf('</head>')
  return at === -1 ? html + script : html.slice(0, at) + script + html.slice(at)
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name]
  return Array.isArray(value) ? value[0] : value
}

/** How long the rest of a refused body is let through (and dropped), so the sender reads the 413 before the connection closes. */
const TOO_LARGE_GRACE_MS = 1000

/**
 * Answers 413 at once. The rest of the body is not kept: it is let through for a moment (a
 * sender still writing would otherwise fail before it reads the answer), then the connection closes.
 */
function tooLarge(req: IncomingMessage, res: ServerResponse): void {
  sendJson(res, 413, { error: { code: 'invalid-argument', message: TOO_LARGE_MESSAGE } })
  req.removeAllListeners('data')
  req.resume()
  const socket = req.socket
  const timer = setTimeout(() => socket.destroy(), TOO_LARGE_GRACE_MS)
  socket.once('close', () => clearTimeout(timer))
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        req.pause()
        reject(new BodyTooLarge())
      } else chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function securityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY)
  res.setHeader('X-Content-Type-Options', 'nosniff')
  res.setHeader('Referrer-Policy', 'no-referrer')
  res.setHeader('X-Frame-Options', 'DENY')
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin')
}

function send(res: ServerResponse, status: number, contentType: string, body: string | Buffer): void {
  securityHeaders(res)
  res.writeHead(status, { 'Content-Type': contentType })
  res.end(body)
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body))
}
