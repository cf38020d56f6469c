import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

/** Header that carries the per-run token on API calls (after the first page load). */
export const TOKEN_HEADER = 'x-pilcrow-token'
/**
 * Cookie that lets the page load its own scripts and styles; never accepted for API calls. Its
 * name carries the port: cookies are shared by every port of 127.0.0.1, and a second
 * `pilcrow serve` in the same browser must not replace the first one's.
 */
export function tokenCookieName(port: number): string {
  return `pilcrow-token-${port}`
}

/** Compares two tokens in constant time (hashing first makes the lengths equal). */
export function tokensMatch(given: string | undefined | null, expected: string): boolean {
  if (typeof given !== 'string' || given.length === 0) return false
  const a = createHash('sha256').update(given).digest()
  const b = createHash('sha256').update(expected).digest()
  return timingSafeEqual(a, b)
}

/**
 * Only our own loopback origin may talk to us. The Host check defeats DNS rebinding (a foreign
 * name that resolves to 127.0.0.1 still sends its own name); the Origin check defeats other
 * local pages and cross-site requests.
 */
export function isAllowedHost(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`
}

export function isAllowedOrigin(req: IncomingMessage, port: number): boolean {
  const origin = req.headers.origin
  if (origin === undefined) return req.headers['sec-fetch-site'] !== 'cross-site'
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`
}

export function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=')
    if (key === name) return rest.join('=')
  }
  return undefined
}
