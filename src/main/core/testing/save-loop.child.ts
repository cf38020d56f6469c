// Child process for the crash test: saves one note again and again through NotesService until
// killed. Each version's text is `version N` repeated, large enough for a write to take time.
import { NotesService } from '../notes'
import { openWorkspace } from '../workspace'

const [workspaceDir, noteId, startAt] = process.argv.slice(2)
const workspace = await openWorkspace(workspaceDir!)
const notes = new NotesService(workspace)
await notes.start()
let { revision } = await notes.get(noteId!)
for (let version = Number(startAt); ; version++) {
  const text = `version ${version} `.repeat(20_000)
  const content = { root: { type: 'root' as const, children: [{ type: 'paragraph', children: [{ type: 'text', text }] }] } }
  revision = (await notes.save({ id: noteId!, title: `v${version}`, content, baseRevision: revision })).revision
  process.stdout.write(`${version}\n`)
}
