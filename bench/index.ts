import { measureSearchQuality } from './search-quality'
import { round } from './stats'

/** Figures keyed by dotted names (e.g. `search.200k.prefix.p95_ms`), for --json. */
export type Figures = Record<string, number | string>

const args = process.argv.slice(2)
const json = args.includes('--json')
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined
const log = (line: string): void => {
  if (!json) console.log(line)
  else console.error(line)
}

async function main(): Promise<void> {
  const figures: Figures = {}
  if (args.includes('--baseline')) {
    // one search baseline in a process of its own (started by search-speed.ts)
    const { runBaseline } = await import('./search-speed')
    console.log(JSON.stringify(await runBaseline(args, log)))
    return
  }
  if (!only || only === 'quality') {
    const quality = await measureSearchQuality()
    figures['search.quality.queries'] = quality.queries
    figures['search.quality.mrr'] = round(quality.mrr, 3)
    figures['search.quality.recall_at_5'] = round(quality.recallAt5, 3)
    log(`Search quality over ${quality.queries} judged queries: MRR ${round(quality.mrr, 3)}, recall@5 ${round(quality.recallAt5, 3)}`)
    for (const miss of quality.misses) log(`  not first: ${JSON.stringify(miss.query)} → rank ${miss.rank ?? 'not found'}`)
    const { measureLibraryQuality } = await import('./library-quality')
    const library = await measureLibraryQuality()
    figures['search.quality_library.queries'] = library.queries
    figures['search.quality_library.sources'] = library.sources
    figures['search.quality_library.mrr'] = round(library.mrr, 3)
    figures['search.quality_library.recall_at_5'] = round(library.recallAt5, 3)
    log(`Search quality in a library of ${library.sources} real sources over ${library.queries} judged queries: MRR ${round(library.mrr, 3)}, recall@5 ${round(library.recallAt5, 3)}`)
    for (const miss of library.misses) log(`  not first: ${JSON.stringify(miss.query)} → rank ${miss.rank ?? 'not found'}`)
  }
  if (!only || only === 'search') {
    const { benchSearchSpeed } = await import('./search-speed')
    Object.assign(figures, await benchSearchSpeed(args, log))
  }
  if (!only || only === 'ui') {
    const { benchUi } = await import('./ui')
    Object.assign(figures, await benchUi(log))
  }
  // opt-in: it writes and indexes a library of a million paragraphs first
  if (only === 'library') {
    const { benchLibraryUi } = await import('./library-ui')
    Object.assign(figures, await benchLibraryUi(log))
  }
  if (!only || only === 'highlights') {
    const { benchHighlights } = await import('./highlights')
    Object.assign(figures, await benchHighlights(log))
  }
  if (!only || only === 'pages') {
    const { benchPdfPages } = await import('./pdf-pages')
    Object.assign(figures, await benchPdfPages(log))
  }
  if (!only || only === 'events') {
    const { benchEvents } = await import('./events')
    Object.assign(figures, await benchEvents(log))
  }
  if (!only || only === 'import') {
    const { benchImports } = await import('./imports')
    Object.assign(figures, await benchImports(log))
  }
  if (!only || only === 'sync') {
    const { benchSync } = await import('./sync')
    Object.assign(figures, await benchSync(log))
  }
  if (json) console.log(JSON.stringify(figures, null, 2))
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
