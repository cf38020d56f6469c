import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A stand-in for Zotero 7's local API on 127.0.0.1 (a random port), answering as its
 * documentation says: `/api/users/0/collections` and `/api/users/0/items?format=json&include=csljson`,
 * `limit` (at most 100) and `start`, the `Total-Results` header, 403 when the API is turned off;
 * and a Better BibTeX pull export (`/better-bibtex/export/collection?/1/Reading.csljson`).
 */
export async function startZoteroFixture(options: { items: number; enabled?: boolean; delayMs?: number }): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
  const collections = [
    { key: 'COLL0001', version: 1, data: { key: 'COLL0001', name: 'Russia', parentCollection: false } },
    { key: 'COLL0002', version: 1, data: { key: 'COLL0002', name: 'Iran', parentCollection: false } }
  ]
  const items: unknown[] = []
  for (let i = 0; i < options.items; i++) {
    const key = `ITEM${String(i).padStart(4, '0')}`
    items.push({
      key,
      version: 1,
      data: { key, itemType: 'journalArticle', title: `Work number ${i}`, collections: i % 2 === 0 ? ['COLL0001'] : ['COLL0001', 'COLL0002'] },
      csljson: { id: `1/${key}`, type: 'article-journal', title: `Work number ${i}`, author: [{ family: `Author${i}`, given: 'A.' }], issued: { 'date-parts': [[1990 + (i % 30)]] }, 'container-title': 'Journal of Tests' }
    })
    // every tenth work has a PDF attached, and every fifth a note (neither is a work)
    if (i % 10 === 0) items.push({ key: `ATT${String(i).padStart(5, '0')}`, version: 1, data: { itemType: 'attachment', parentItem: key, title: `Full Text PDF ${i}`, contentType: 'application/pdf' } })
    if (i % 5 === 0) items.push({ key: `NOTE${String(i).padStart(4, '0')}`, version: 1, data: { itemType: 'note', parentItem: key, note: '<p>a note</p>' } })
  }
  const requests: string[] = []
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '')
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (options.enabled === false) {
      res.writeHead(403, { 'Content-Type': 'text/plain' }).end('Local API is not enabled')
      return
    }
    if (url.pathname === '/better-bibtex/export/collection') {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify([{ id: 'bbt1', 'citation-key': 'roe2019', type: 'book', title: 'A Better BibTeX work', issued: { 'date-parts': [[2019]] } }]))
      return
    }
    const all = url.pathname === '/api/users/0/collections' ? collections : url.pathname === '/api/users/0/items' ? items : null
    if (!all) {
      res.writeHead(404).end('Not found')
      return
    }
    const limit = Math.min(100, Number(url.searchParams.get('limit') ?? 25))
    const start = Number(url.searchParams.get('start') ?? 0)
    // a real library answers a page at a time, each taking a while
    setTimeout(() => res.writeHead(200, { 'Content-Type': 'application/json', 'Total-Results': String(all.length), 'Zotero-API-Version': '3' }).end(JSON.stringify(all.slice(start, start + limit))), options.delayMs ?? 0)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) }
}
