import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import type { Notebook } from '../core/notebook'
import { highlightsOnly } from '../../shared/export'
import { parseCitationStyle } from '../core/export/citation-style'
import { writeExport } from '../core/export/write-export'
import type { CliCommand } from './commands'
import { UsageError } from './usage-error'
import { openWorkspaceOption } from './workspace-option'

export const exportCommand: CliCommand = {
  name: 'export',
  usage: 'pilcrow export [--note ID ...|--all|--highlights] --out DIR [--style links|footnotes|pandoc|csl] [--csl STYLE] [--format markdown|docx] [--force] [--workspace DIR]',
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
        format: { type: 'string' },
        force: { type: 'boolean', default: false },
        workspace: { type: 'string' }
      },
      strict: true,
      allowPositionals: false
    })
    if (!values.out) throw new UsageError('--out DIR is required: the folder to export into.')
    if ([values.all, values.highlights, values.note !== undefined].filter(Boolean).length !== 1) throw new UsageError('give one of --all, --highlights, or one or more --note ID.')
    if (values.format !== undefined && values.format !== 'markdown' && values.format !== 'docx') throw new UsageError(`--format is markdown or docx, not “${values.format}”.`)
    if (values.format === 'docx' && values.highlights) throw new UsageError('--highlights is written as Markdown only.')
    const style = parseCitationStyle(values.style)
    const notebook = await openWorkspaceOption(values.workspace)
    try {
      if (values.format === 'docx') return await writeDocx(notebook, values.note ?? 'all', values.csl, values.out, values.force)
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

/** `--format docx`: one Word document in the folder, citations formatted in the CSL style. */
async function writeDocx(notebook: Notebook, notes: string[] | 'all', csl: string | undefined, out: string, force: boolean): Promise<number> {
  const { name, base64 } = await notebook.exportDocx({ notes, ...(csl !== undefined ? { csl } : {}) })
  await mkdir(out, { recursive: true })
  const path = join(out, name)
  try {
    await writeFile(path, Buffer.from(base64, 'base64'), { flag: force ? 'w' : 'wx' })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(`${path} exists already: choose another folder, or pass --force to write over it.`)
    throw error
  }
  console.log(`Exported a Word document: ${path}`)
  return 0
}
