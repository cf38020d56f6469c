import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useNotebooks, useTempDirs } from '../core/test-support'
import { useSyncFixtures } from './testing/sync-fixtures'

describe('sources shared with the notebook', () => {
  const tempDir = useTempDirs()
  const openNotebook = useNotebooks()
  const sync = useSyncFixtures()

  it('arrive on the other device whole (blocks, details, citation key), follow a change of details, and go when deleted (kept aside)', async () => {
    const work = tempDir()
    const { server, token } = await sync.running(work)
    const a = await openNotebook(join(work, 'a'))
    const file = join(work, 'caspian.md')
    writeFileSync(file, '# The Caspian summit\n\nThe five littoral states met in Aktau.\n\nThey signed a convention on the sea\'s legal status.\n')
    const [imported] = await a.importSourceFiles([file])
    if (!imported?.ok) throw new Error('the import failed')
    const engineA = await sync.join(a, `${server.url}/thesis`, token)
    await engineA.settle(10_000)

    const b = await openNotebook(join(work, 'b'), { bundled: false })
    const engineB = await sync.join(b, `${server.url}/thesis`, token)
    expect((await engineB.settle(10_000)).state).toBe('synced')
    expect(b.sources.list().map((s) => s.title).sort()).toEqual(['Russia and Iran – a strategic alliance or something more?', 'The Caspian summit'])
    expect(b.sources.get(imported.sourceId).blocks).toEqual(a.sources.get(imported.sourceId).blocks)

    await a.updateSourceMeta(imported.sourceId, { citationKey: 'caspian2018' })
    await engineA.settle(10_000)
    await expect.poll(() => b.sources.get(imported.sourceId).meta.citationKey, { timeout: 10_000 }).toBe('caspian2018')

    await a.deleteSource(imported.sourceId)
    await engineA.settle(10_000)
    await expect.poll(() => b.sources.has(imported.sourceId), { timeout: 10_000 }).toBe(false)
    expect(readdirSync(join(b.workspace.root, '.pilcrow', 'deleted-sources')).some((f) => f.startsWith(imported.sourceId))).toBe(true)
    expect(existsSync(join(b.workspace.root, 'sources', `${imported.sourceId}.json`))).toBe(false)
  })
})
