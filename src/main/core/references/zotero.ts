import { PilcrowError } from '../../../shared/errors'
import type { CslData } from '../../../shared/references'
import { parseReferences } from './parse-references'

/** Where Zotero 7 answers on this computer (its connector and local API). */
export const ZOTERO_URL = 'http://127.0.0.1:23119'

/** A work read from Zotero, with what Zotero knows around it. */
export interface ZoteroWork {
  data: CslData
  /** Its Zotero item key. */
  key: string | null
  /** The names of the collections it is in. */
  collections: string[]
  /** Its attachments' titles (a PDF, a snapshot), listed: their files stay in Zotero. */
  attachments: string[]
}

/** How far a read of the library has come. */
export type ZoteroProgress = (read: number, total: number) => void

/** Items per request: the most the API gives at once. */
const PAGE = 100
/** A page slower than this means Zotero is stuck: the user is told rather than kept waiting. */
const TIMEOUT_MS = 30_000

/**
 * The user's library as Zotero 7's local API serves it (`/api/users/0/…`, the Web API's format,
 * which the user turns on in Zotero: Settings → Advanced → "Allow other applications on this
 * computer to communicate with Zotero"): every regular item as CSL-JSON, its collections by
 * name, its attachments listed. Read a page at a time, from the core, never from the window.
 */
export async function readZoteroLibrary(base: string, onProgress?: ZoteroProgress): Promise<ZoteroWork[]> {
  const collections = new Map<string, string>()
  for await (const page of pages(`${base}/api/users/0/collections`)) {
    for (const c of page as { key?: string; data?: { name?: string } }[]) if (c.key && c.data?.name) collections.set(c.key, c.data.name)
  }
  const works: ZoteroWork[] = []
  const attachments = new Map<string, string[]>()
  for await (const page of pages(`${base}/api/users/0/items?format=json&include=csljson`, onProgress)) {
    for (const item of page as { key?: string; data?: Record<string, unknown>; csljson?: CslData }[]) {
      const data = item.data ?? {}
      if (data['itemType'] === 'attachment') {
        const parent = typeof data['parentItem'] === 'string' ? data['parentItem'] : null
        if (parent) attachments.set(parent, [...(attachments.get(parent) ?? []), String(data['title'] || data['filename'] || 'attachment')])
        continue
      }
      if (data['itemType'] === 'note' || data['itemType'] === 'annotation' || !item.csljson || typeof item.csljson.title !== 'string') continue
      const inCollections = Array.isArray(data['collections']) ? (data['collections'] as string[]).flatMap((k) => collections.get(k) ?? []) : []
      works.push({ data: item.csljson, key: item.key ?? null, collections: inCollections, attachments: [] })
    }
  }
  for (const work of works) work.attachments = (work.key && attachments.get(work.key)) || []
  return works
}

/**
 * A collection as Better BibTeX's pull export serves it in CSL-JSON
 * (`http://127.0.0.1:23119/better-bibtex/export/collection?/1/My%20Collection.csljson`). Only
 * Zotero's own address is fetched.
 */
export async function readBetterBibTeX(url: string, base: string): Promise<ZoteroWork[]> {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new PilcrowError('invalid-argument', `“${url}” is not a web address.`)
  }
  const zotero = new URL(base)
  if (parsed.host !== zotero.host || !parsed.pathname.startsWith('/better-bibtex/')) {
    throw new PilcrowError('invalid-argument', `Only Better BibTeX's own addresses (${zotero.origin}/better-bibtex/…) are read; “${url}” is not one.`)
  }
  const text = await (await request(parsed.href)).text()
  return (await parseReferences(text, 'Better BibTeX export.json')).map((data) => ({ data, key: null, collections: [], attachments: [] }))
}

async function* pages(url: string, onProgress?: ZoteroProgress): AsyncGenerator<unknown[]> {
  for (let start = 0; ; start += PAGE) {
    const response = await request(`${url}${url.includes('?') ? '&' : '?'}limit=${PAGE}&start=${start}`)
    const page = (await response.json().catch(() => null)) as unknown
    if (!Array.isArray(page)) throw new PilcrowError('unsupported-format', 'Zotero answered with something that is not its API’s list of items. Is it Zotero 7 or newer?')
    const total = Number(response.headers.get('Total-Results') ?? start + page.length)
    onProgress?.(Math.min(start + page.length, total), total)
    yield page
    if (page.length < PAGE || start + page.length >= total) return
  }
}

async function request(url: string): Promise<Response> {
  let response: Response
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), headers: { 'Zotero-API-Version': '3' } })
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code
    if (cause === 'ECONNREFUSED') throw new PilcrowError('io-error', `Zotero is not running: nothing answers at ${new URL(url).host}. Start Zotero 7 (or newer), and turn on Settings → Advanced → “Allow other applications on this computer to communicate with Zotero”.`)
    if ((error as Error).name === 'TimeoutError') throw new PilcrowError('io-error', `Zotero did not answer within ${TIMEOUT_MS / 1000} seconds. Is it busy (syncing, or a dialog open)? Try again.`)
    throw new PilcrowError('io-error', `Zotero cannot be reached: ${(error as Error).message}.`)
  }
  if (response.status === 403) throw new PilcrowError('io-error', 'Zotero refuses: its local API is turned off. In Zotero, turn on Settings → Advanced → “Allow other applications on this computer to communicate with Zotero”, then try again.')
  if (response.status === 404) throw new PilcrowError('io-error', `Zotero has nothing at ${new URL(url).pathname}: the local API needs Zotero 7 or newer (or, for Better BibTeX, check the collection's address).`)
  if (!response.ok) throw new PilcrowError('io-error', `Zotero answered ${response.status} ${response.statusText}.`)
  return response
}
