// Child process for the crash test: saves a note and writes the search index again and again
// until killed, printing each version once the index holding it is on disk.
import { DEFAULT_SETTINGS } from '../../../shared/settings'
import { Notebook } from '../notebook'
import { MemorySettingsStore } from '../settings-store'

const [dir, noteId, startAt] = process.argv.slice(2)
const notebook = await Notebook.open({ workspaceDir: dir!, bundledSources: [], settings: new MemorySettingsStore(DEFAULT_SETTINGS) })
await notebook.searchIndex.whenReady()
let { revision } = await notebook.getNote(noteId!)
for (let version = Number(startAt); ; version++) {
  const content = { root: { type: 'root' as const, children: [{ type: 'paragraph', children: [{ type: 'text', text: `marker${version} `.repeat(2000) }] }] } }
  revision = (await notebook.saveNote({ id: noteId!, title: `v${version}`, content, baseRevision: revision })).revision
  await notebook.searchIndex.flush()
  process.stdout.write(`${version}\n`)
}
