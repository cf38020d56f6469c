import { stat } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { describeImport, type ImportOutcome } from '../../shared/imports'
import { isReferencesFile, type ReferencesImportResult } from '../../shared/references'
import type { ImportedNote } from '../core/export/notebook-import'
import type { Notebook } from '../core/notebook'
import type { CliCommand } from './commands'
import { UsageError } from './usage-error'
import { openWorkspaceOption } from './workspace-option'

/** One line of `--json` output per argument, in the order given. */
type ImportLine =
  | { file: string; sourceId: string; title: string; blockCount: number; status: string; relinked?: unknown; previousKept?: string }
  | { file: string; error: string }
  | { folder: string; notes: unknown[]; sources: unknown[] }
  | { folder: string; error: string }
  | { file: string; references: ReferencesImportResult }

export const importCommand: CliCommand = {
  name: 'import',
  usage: 'pilcrow import FILE|FOLDER... [--update SOURCE_ID] [--workspace DIR] [--json]  |  pilcrow import --zotero [--better-bibtex URL] [--workspace DIR] [--json]',
  summary: 'Import files as sources (Markdown, text, web pages, PDFs), references (.bib, .ris, CSL-JSON .json) into the references list, or an exported notebook folder',
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { workspace: { type: 'string' }, json: { type: 'boolean', default: false }, update: { type: 'string' }, zotero: { type: 'boolean', default: false }, 'better-bibtex': { type: 'string' } },
      strict: true,
      allowPositionals: true
    })
    if (values.zotero) return importZotero(values.workspace, values['better-bibtex'], values.json)
    if (positionals.length === 0) throw new UsageError('give the files to import (or the folder of an exported notebook), or --zotero.')
    if (values.update !== undefined && positionals.length !== 1) throw new UsageError('--update takes one file: the new version of that source.')
    const notebook = await openWorkspaceOption(values.workspace)
    const lines: ImportLine[] = []
    const stopProgress = values.json || !process.stderr.isTTY ? () => undefined : showProgress(notebook)
    try {
      for (const path of positionals) {
        const isFolder = await stat(path).then(
          (s) => s.isDirectory(),
          () => false
        )
        const line = isFolder
          ? await importFolder(notebook, path, values.json)
          : isReferencesFile(path)
            ? await importReferences(notebook, path, values.json)
            : fileLine(path, (await notebook.importSourceFiles([path], values.update))[0]!, values.json)
        lines.push(line)
      }
    } finally {
      stopProgress()
      await notebook.close()
    }
    if (values.json) console.log(JSON.stringify(lines, null, 2))
    return lines.some((l) => 'error' in l) ? 1 : 0
  }
}

function fileLine(path: string, outcome: ImportOutcome, json: boolean): ImportLine {
  if (!outcome.ok) {
    if (!json) console.error(`pilcrow import: ${outcome.error}`)
    return { file: path, error: outcome.error }
  }
  if (!json) console.log(`${outcome.sourceId}: ${describeImport(outcome)}`)
  const { sourceId, title, blockCount, status, relinked, previousKept } = outcome
  return { file: path, sourceId, title, blockCount, status, ...(relinked ? { relinked } : {}), ...(previousKept ? { previousKept } : {}) }
}

/** `pilcrow import --zotero`: the Zotero library (or a Better BibTeX export) into the references list. */
async function importZotero(workspace: string | undefined, betterBibtexUrl: string | undefined, json: boolean): Promise<number> {
  const notebook = await openWorkspaceOption(workspace)
  try {
    const result = await notebook.importFromZotero(betterBibtexUrl ? { betterBibtexUrl } : {})
    if (json) console.log(JSON.stringify(result, null, 2))
    else console.log(`${result.fileName}: ${result.read} works read (in ${result.collections} collections, ${result.attachments} attachments listed); ${result.added} added, ${result.unchanged} already in the list (${result.total} in all)`)
    return 0
  } catch (error) {
    console.error(`pilcrow import: ${(error as Error).message}`)
    return 1
  } finally {
    await notebook.close()
  }
}

async function importReferences(notebook: Notebook, path: string, json: boolean): Promise<ImportLine> {
  try {
    const [result] = await notebook.importReferenceFiles([path])
    if (!json) console.log(`${result!.fileName}: ${result!.added} references added, ${result!.unchanged} already in the list (${result!.total} in all)`)
    return { file: path, references: result! }
  } catch (error) {
    const message = (error as Error).message
    if (!json) console.error(`pilcrow import: ${message}`)
    return { file: path, error: message }
  }
}

async function importFolder(notebook: Notebook, path: string, json: boolean): Promise<ImportLine> {
  try {
    const result = await notebook.importNotebook(path)
    if (!json) {
      for (const s of result.sources) console.log(`source ${s.id}: ${s.title}${s.status === 'unchanged' ? ' (already here)' : ''}`)
      for (const n of result.notes) console.log(`note ${n.id}: ${describeImportedNote(n)}`)
    }
    return { folder: path, ...result }
  } catch (error) {
    const message = (error as Error).message
    if (!json) console.error(`pilcrow import: ${path}: ${message}`)
    return { folder: path, error: message }
  }
}

/** "“Title” added: 5 links, 1 orphaned; 1 citation no longer in the text: ¶6 “…”." */
function describeImportedNote(n: ImportedNote): string {
  const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`
  const verb = n.status === 'unchanged' ? 'unchanged (skipped)' : n.status === 'updated' ? `updated (the version it replaced is in the trash as “${n.previousKept}”)` : 'added'
  const parts = [`“${n.title}” ${verb}: ${plural(n.links, 'link')}`]
  if (n.orphaned) parts[0] += `, ${n.orphaned} orphaned (kept with their words)`
  if (n.missing.length) parts.push(`${plural(n.missing.length, 'citation')} no longer in the text: ${n.missing.map((m) => `¶${m.paragraph ?? ''} “${m.quote.length > 60 ? `${m.quote.slice(0, 60)}…` : m.quote}”`).join(', ')}`)
  return `${parts.join('; ')}.`
}

/** On a terminal, a progress line for long imports (a PDF's pages). */
function showProgress(notebook: Notebook): () => void {
  const timer = setInterval(() => {
    void notebook.getImportStatus().then((s) => {
      if (s.running && s.total) process.stderr.write(`\r${s.fileName}: ${s.unit} ${s.done} of ${s.total}   `)
    })
  }, 300)
  return () => {
    clearInterval(timer)
    process.stderr.write('\r\x1b[K')
  }
}
