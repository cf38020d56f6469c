import { stat } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import type { CliCommand } from './commands'
import { UsageError } from './usage-error'
import { openWorkspaceOption } from './workspace-option'

export const importCommand: CliCommand = {
  name: 'import',
  usage: 'pilcrow import FOLDER... [--workspace DIR] [--json]',
  summary: 'Import an exported notebook (notes with their links, and the sources they cite)',
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { workspace: { type: 'string' }, json: { type: 'boolean', default: false } },
      strict: true,
      allowPositionals: true
    })
    if (positionals.length === 0) throw new UsageError('give the folder of an exported notebook.')
    const notebook = await openWorkspaceOption(values.workspace)
    const results: unknown[] = []
    let failed = 0
    try {
      for (const path of positionals) {
        try {
          if (!(await stat(path)).isDirectory()) throw new Error(`${path} is not a folder`)
          const result = await notebook.importNotebook(path)
          results.push({ path, ...result })
          if (!values.json) {
            for (const s of result.sources) console.log(`source ${s.id}: ${s.title}`)
            for (const n of result.notes) console.log(`note ${n.id}: ${n.title} (${n.links} ${n.links === 1 ? 'link' : 'links'})`)
          }
        } catch (error) {
          failed++
          const message = (error as Error).message
          results.push({ path, error: message })
          if (!values.json) console.error(`pilcrow import: ${path}: ${message}`)
        }
      }
      if (values.json) console.log(JSON.stringify(results, null, 2))
      return failed > 0 ? 1 : 0
    } finally {
      await notebook.close()
    }
  }
}
