import { promises as fs } from 'node:fs'
import { extname, join, resolve, sep } from 'node:path'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.wasm': 'application/wasm'
}

export type StaticLookup = { status: 200; body: Buffer; contentType: string } | { status: 403 | 404 }

/**
 * Resolves a URL path to a file inside `root`, refusing anything that could leave it: `..`
 * segments (raw or percent-encoded), backslashes, NUL bytes, and symlinks pointing outside.
 */
export async function readStaticFile(root: string, urlPath: string): Promise<StaticLookup> {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return { status: 403 }
  }
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.split('/').some((seg) => seg === '..')) return { status: 403 }
  const rootReal = await fs.realpath(root)
  const candidate = resolve(rootReal, '.' + (decoded.endsWith('/') ? decoded + 'index.html' : decoded))
  if (!candidate.startsWith(rootReal + sep)) return { status: 403 }
  let real: string
  try {
    real = await fs.realpath(candidate)
  } catch {
    return { status: 404 }
  }
  if (!real.startsWith(rootReal + sep)) return { status: 403 }
  const stat = await fs.stat(real)
  if (!stat.isFile()) return { status: 404 }
  return { status: 200, body: await fs.readFile(real), contentType: CONTENT_TYPES[extname(real)] ?? 'application/octet-stream' }
}

export function indexPath(root: string): string {
  return join(root, 'index.html')
}
