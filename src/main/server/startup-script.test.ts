import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { assignIdsAndNumbers } from '../../shared/block-ids'
import { STARTUP_DATA_ID, type StartupData } from '../../shared/startup'
import { MAX_EMBEDDED_SOURCE_CHARS, startupScript } from './startup-script'
import { serializeSource } from '../core/source-file'
import { useNotebooks, useTempDirs } from '../core/test-support'

const tempDir = useTempDirs()
const openNotebook = useNotebooks()

function parse(script: string): StartupData {
  const prefix = `<script type="application/json" id="${STARTUP_DATA_ID}">`
  expect(script.startsWith(prefix) && script.endsWith('</script>')).toBe(true)
  return JSON.parse(script.slice(prefix.length, -'</script>'.length)) as StartupData
}

describe("the first screen's data written into the page", () => {
  it('names the source open last time, else the first', async () => {
    const notebook = await openNotebook(tempDir())
    expect(parse(await startupScript(notebook, 0)).sourceId).toBe('russia-iran-alignment')
    await notebook.updateSettings({ lastSourceId: 'deleted-long-ago' })
    const data = parse(await startupScript(notebook, 0))
    expect(data.sourceId).toBe('russia-iran-alignment')
    expect(data.source?.id).toBe('russia-iran-alignment')
  })

  it('leaves out a source too large for the page (the page asks for it), and names it still', async () => {
    const dir = tempDir()
    await (await openNotebook(dir, { bundled: false })).close() // creates the workspace
    const text = 'A long paragraph of a long source, repeated until the source is larger than the page may carry. '.repeat(4)
    const blocks = assignIdsAndNumbers(Array.from({ length: Math.ceil(MAX_EMBEDDED_SOURCE_CHARS / text.length) + 10 }, () => ({ kind: 'paragraph' as const, text })))
    writeFileSync(join(dir, 'sources', 'long.json'), serializeSource({ id: 'long', meta: { title: 'Long', authors: [] }, blocks }))
    const notebook = await openNotebook(dir, { bundled: false })
    const data = parse(await startupScript(notebook, 0))
    expect(data.sourceId).toBe('long')
    expect(data.source).toBeNull()
    expect(data.list.map((s) => s.id)).toEqual(['long'])
  })

  it('is an empty start in an empty workspace', async () => {
    const data = parse(await startupScript(await openNotebook(tempDir(), { bundled: false }), 0))
    expect(data).toMatchObject({ list: [], sourceId: null, source: null })
  })
})
