import { parseArgs } from 'node:util'
import { UNTITLED } from '../../shared/notes'
import { hitPlace, unmatchedMessage, type SearchHit, type SearchScope } from '../../shared/search'
import type { CliCommand } from './commands'
import { UsageError } from './usage-error'
import { openWorkspaceOption } from './workspace-option'

/** Marks matched words: bold on a terminal, «guillemets» when piped. */
function highlight(hit: SearchHit, tty: boolean): string {
  let out = ''
  let at = 0
  for (const [start, end] of hit.highlights) {
    out += hit.snippet.slice(at, start) + (tty ? `\x1b[1m${hit.snippet.slice(start, end)}\x1b[22m` : `«${hit.snippet.slice(start, end)}»`)
    at = end
  }
  return out + hit.snippet.slice(at)
}


export const searchCommand: CliCommand = {
  name: 'search',
  usage: 'pilcrow search QUERY [--workspace DIR] [--in notes|sources|highlights] [--limit N] [--json]',
  summary: 'Search sources, notes and highlights ("phrases", -exclude, in:notes, in:highlights, color:blue, source:<title words>)',
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { workspace: { type: 'string' }, in: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean', default: false } },
      strict: true,
      allowPositionals: true
    })
    const query = positionals.join(' ').trim()
    if (!query) throw new UsageError('give a query, e.g. pilcrow search "strategic partnership"')
    if (values.in !== undefined && !['notes', 'sources', 'highlights'].includes(values.in)) throw new UsageError(`--in takes notes, sources or highlights, not "${values.in}".`)
    const limit = values.limit === undefined ? 10 : Number(values.limit)
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UsageError(`--limit must be a whole number from 1 to 1000, not "${values.limit}".`)

    const notebook = await openWorkspaceOption(values.workspace)
    try {
      const { hits, unmatched } = await notebook.search({ query, scope: (values.in as SearchScope | undefined) ?? 'all', limit })
      if (values.json) {
        console.log(JSON.stringify(hits, null, 2))
        return 0
      }
      if (unmatched?.length) console.log(`${unmatchedMessage(unmatched)}${hits.length ? ' Results for the other words:\n' : ''}`)
      if (hits.length === 0) {
        if (!unmatched?.length) console.log(`No results for ${JSON.stringify(query)}.`)
      } else {
        const tty = process.stdout.isTTY === true
        for (const hit of hits) console.log(`${hit.kind === 'note' ? 'note · ' : hit.kind === 'highlight' ? 'highlight · ' : ''}${hitPlace(hit, UNTITLED)}\n  ${highlight(hit, tty)}\n`)
      }
      return 0
    } finally {
      await notebook.close()
    }
  }
}
