import { parseArgs } from 'node:util'
import { highlightsOnly } from '../../shared/export'
import { parseCitationStyle } from '../core/export/citation-style'
import { writeExport } from '../core/export/write-export'
import type { CliCommand } from './commands'
import { UsageError } from './usage-error'
import { openWorkspaceOption } from './workspace-option'

export const exportCommand: CliCommand = {
  name: 'export',
  usage: 'pilcrow export [--note ID ...|--all|--highlights] --out DIR [--style links|footnotes|pandoc|csl] [--csl STYLE] [--force] [--workspace DIR]',
  summary: 'Export notes as Markdown whose citations still resolve (notes/, sources/, highlights/, index.md); --highlights: the highlights alone, with the sources they link to; --style csl: citations and a bibliography formatted in a CSL style (--csl apa, chicago-author-date, modern-language-association, ieee…; the one chosen in Settings by default)',
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        note: { type: 'string', multiple: true },
        all: { type: 'boolean', default: false },
        highlights: { type: 'boolean', default: false },
        out: { type: 'string' },
        style: { type: 'string' },
        csl: { type: 'string' },
        force: { type: 'boolean', default: false },
        workspace: { type: 'string' }
      },
      strict: true,
      allowPositionals: false
    })
    if (!values.out) throw new UsageError('--out DIR is required: the folder to export into.')
    if ([values.all, values.highlights, values.note !== undefined].filter(Boolean).length !== 1) throw new UsageError('give one of --all, --highlights, or one or more --note ID.')
    const style = parseCitationStyle(values.style)
    const notebook = await openWorkspaceOption(values.workspace)
    try {
      const exported = await notebook.exportMarkdown({ notes: values.note ?? 'all', style, ...(values.csl !== undefined ? { csl: values.csl } : {}) })
      const highlighted = highlightsOnly(exported.files)
      const files = values.highlights ? highlighted.files : exported.files
      const written = await writeExport(files, values.out, values.force)
      const notes = files.filter((f) => f.path.startsWith('notes/')).length
      const what = values.highlights ? `the highlights of ${highlighted.sources} ${highlighted.sources === 1 ? 'source' : 'sources'}` : `${notes} ${notes === 1 ? 'note' : 'notes'} (${style} citations)`
      console.log(`Exported ${what}: ${written.length} files in ${values.out}`)
      return 0
    } finally {
      await notebook.close()
    }
  }
}
