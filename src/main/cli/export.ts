import { parseArgs } from 'node:util'
import { parseCitationStyle } from '../core/export/citation-style'
import { writeExport } from '../core/export/write-export'
import type { CliCommand } from './commands'
import { UsageError } from './usage-error'
import { openWorkspaceOption } from './workspace-option'

export const exportCommand: CliCommand = {
  name: 'export',
  usage: 'pilcrow export [--note ID ...|--all] --out DIR [--style links|footnotes|pandoc] [--force] [--workspace DIR]',
  summary: 'Export notes as Markdown whose citations still resolve (notes/, sources/, index.md)',
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        note: { type: 'string', multiple: true },
        all: { type: 'boolean', default: false },
        out: { type: 'string' },
        style: { type: 'string' },
        force: { type: 'boolean', default: false },
        workspace: { type: 'string' }
      },
      strict: true,
      allowPositionals: false
    })
    if (!values.out) throw new UsageError('--out DIR is required: the folder to export into.')
    if (values.all === (values.note !== undefined)) throw new UsageError('give either --all or one or more --note ID.')
    const style = parseCitationStyle(values.style)
    const notebook = await openWorkspaceOption(values.workspace)
    try {
      const { files } = await notebook.exportMarkdown({ notes: values.all ? 'all' : values.note!, style })
      const written = await writeExport(files, values.out, values.force)
      const notes = files.filter((f) => f.path.startsWith('notes/')).length
      console.log(`Exported ${notes} ${notes === 1 ? 'note' : 'notes'} (${style} citations): ${written.length} files in ${values.out}`)
      return 0
    } finally {
      await notebook.close()
    }
  }
}
