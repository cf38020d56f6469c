import { createServer } from 'node:net'
import { describe, expect, it } from 'vitest'
import { useNotebooks, useTempDirs } from '../test-support'
import { startZoteroFixture } from './testing/zotero-fixture'

const tempDir = useTempDirs()
const open = useNotebooks()

/** A port nothing listens on: taken, then let go. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  await new Promise((resolve) => server.close(resolve))
  return port
}

describe('Import from Zotero', () => {
  it('reads a 500-item library page by page, with its collections and attachments listed (notes left out); again adds nothing', async () => {
    const zotero = await startZoteroFixture({ items: 500, delayMs: 150 })
    try {
      const nb = await open(tempDir(), { zoteroUrl: zotero.url })
      const progress: string[] = []
      nb.onEvent((event) => event.type === 'status-changed' && progress.push(event.imports.running ? `${event.imports.fileName} ${event.imports.done ?? '-'}/${event.imports.total ?? '-'} ${event.imports.unit ?? ''}`.trim() : 'done'))
      const result = await nb.importFromZotero({})
      // told as an import is: item n of the library's items (works, attachments and notes), then done
      await expect.poll(() => progress.at(-1)).toBe('done')
      expect(progress).toEqual(expect.arrayContaining(['Zotero library -/-', 'Zotero library 100/650 item', 'Zotero library 300/650 item', 'done']))
      expect(result).toMatchObject({ read: 500, added: 500, unchanged: 0, total: 500, collections: 2, attachments: 50 })
      // 100 items a page: 500 works, 50 attachments and 100 notes are 650 items, 7 pages
      expect(zotero.requests.filter((r) => r.startsWith('/api/users/0/items'))).toHaveLength(7)
      const list = await nb.listReferences()
      expect(list[0]).toMatchObject({ title: 'Work number 0', authors: ['A. Author0'], year: 1990, collections: ['Russia'], attachments: ['Full Text PDF 0'] })
      expect(list[1]).toMatchObject({ collections: ['Russia', 'Iran'] })
      expect(list[1]!.attachments).toBeUndefined()
      expect((await nb.importFromZotero({})).added).toBe(0)
      // a Better BibTeX pull export of a collection
      expect(await nb.importFromZotero({ betterBibtexUrl: `${zotero.url}/better-bibtex/export/collection?/1/Reading.csljson` })).toMatchObject({ added: 1, total: 501 })
      await expect(nb.importFromZotero({ betterBibtexUrl: 'http://example.org/better-bibtex/x' })).rejects.toThrow(/Only Better BibTeX's own addresses/)
    } finally {
      await zotero.close()
    }
  }, 30_000)

  it('says so when Zotero is not running, or its local API is turned off, and adds nothing', async () => {
    const down = await open(tempDir(), { zoteroUrl: `http://127.0.0.1:${await closedPort()}` })
    await expect(down.importFromZotero({})).rejects.toThrow(/^Zotero is not running: nothing answers at 127\.0\.0\.1:\d+\. Start Zotero 7/)
    const off = await startZoteroFixture({ items: 3, enabled: false })
    try {
      const nb = await open(tempDir(), { zoteroUrl: off.url })
      await expect(nb.importFromZotero({})).rejects.toThrow(/its local API is turned off/)
      expect(await nb.listReferences()).toEqual([])
    } finally {
      await off.close()
    }
  })
})
