// Child process for the fault-injection test: saves one note once, as the app does, and reports
// the outcome the way the UI and the CLI do ("Not saved: <reason>"). The temp file's random part
// is fixed (by replacing crypto.randomBytes and the process id in its name before the app's modules
// load) so strace can aim at it.
import crypto from 'node:crypto'
import { syncBuiltinESMExports } from 'node:module'

crypto.randomBytes = ((size: number) => Buffer.alloc(size, 0)) as typeof crypto.randomBytes
syncBuiltinESMExports()
const [workspaceDir, noteId, text, pid] = process.argv.slice(2)
// the real id when asked for: another process then sees this save as live (see removeStrayTempFiles)
if (pid !== 'real-pid') Object.defineProperty(process, 'pid', { value: 1 })

const { openWorkspace } = await import('../workspace')
const { NotesService } = await import('../notes')
const notes = new NotesService(await openWorkspace(workspaceDir!))
await notes.start()
const note = await notes.get(noteId!)
const content = { root: { type: 'root' as const, children: [{ type: 'paragraph', children: [{ type: 'text', text: text! }] }] } }
try {
  await notes.save({ id: noteId!, title: note.title, content, baseRevision: note.revision })
  process.stdout.write('saved\n')
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`)
  process.exitCode = 1
}
