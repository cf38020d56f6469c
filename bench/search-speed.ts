import { Index as FlexIndex } from 'flexsearch'
import MiniSearch from 'minisearch'
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEFAULT_SETTINGS } from '../src/shared/settings'
import { Notebook } from '../src/main/core/notebook'
import { findAppRoot, searchWorkerPath } from '../src/main/core/app-paths'
import { MemorySettingsStore } from '../src/main/core/settings-store'
import type { Figures } from './index'
import { heapUsedMb, median, memoryMb, quantile, round, seededRandom, time } from './stats'
import { flatTexts, syntheticTexts, writeSyntheticWorkspace, type Vocabulary } from './synthetic'

const NOTES = 5000

interface QuerySets {
  exact: string[]
  prefix: string[]
  fuzzy: string[]
}

/** Seeded queries: two-word exact queries, every keystroke of typing a word after another, one-typo words. */
export function makeQueries(vocabulary: Vocabulary, seed: number): QuerySets {
  const random = seededRandom(seed)
  const pick = (lo: number, hi: number, minLength = 3): string => {
    for (;;) {
      const w = vocabulary.words[lo + Math.floor(random() * (hi - lo))]!
      if (w.length >= minLength) return w
    }
  }
  // at least 300 of each (#24): a p95 over fewer is one or two slow queries
  const exact = Array.from({ length: 300 }, () => `${pick(30, 3000)} ${pick(30, 3000)}`)
  const prefix: string[] = []
  for (let i = 0; prefix.length < 300; i++) {
    const first = pick(30, 3000)
    const target = pick(20, 3000, 6)
    for (let k = 2; k <= target.length; k++) prefix.push(`${first} ${target.slice(0, k)}`)
  }
  const fuzzy = Array.from({ length: 300 }, () => {
    const w = pick(30, 3000, 6)
    const at = 1 + Math.floor(random() * (w.length - 2))
    return w.slice(0, at) + (w[at] === 'x' ? 'y' : 'x') + w.slice(at + 1)
  })
  return { exact, prefix, fuzzy }
}

async function latencies(queries: string[], run: (q: string) => unknown): Promise<{ p50: number; p95: number }> {
  for (const q of queries.slice(0, 10)) await run(q) // warm up
  const samples: number[] = []
  for (const q of queries) samples.push(await time(() => run(q)))
  return { p50: round(median(samples)), p95: round(quantile(samples, 0.95)) }
}

function record(figures: Figures, key: string, stats: { p50: number; p95: number }): void {
  figures[`${key}.p50_ms`] = stats.p50
  figures[`${key}.p95_ms`] = stats.p95
}

async function benchPilcrow(dir: string, queries: QuerySets, label: string, figures: Figures, log: (l: string) => void): Promise<void> {
  const settings = new MemorySettingsStore(DEFAULT_SETTINGS)
  // as the app runs it: full builds on the worker thread (out/main/search-worker.js)
  const searchWorker = searchWorkerPath(findAppRoot())
  // opened once before, as a library is: its sources catalogued (reading 2,000 new source files
  // once is not the index's work), then its index built in full
  await (await Notebook.open({ workspaceDir: dir, bundledSources: [], settings, searchIndexDelayMs: 60_000 })).close()
  const notebook = await Notebook.open({ workspaceDir: dir, bundledSources: [], settings, searchWorker })
  const opened = performance.now()
  let searchable = 0
  notebook.searchIndex.onDidChangeStatus((status) => {
    if (status.state === 'ready' && searchable === 0) searchable = performance.now()
  })
  await notebook.searchIndex.whenReady()
  const documents = (await notebook.getSearchStatus()).documents
  // from the open to the new index answering (its files are written after, in the background)
  figures[`search.${label}.pilcrow.build_docs_per_s`] = Math.round(documents / ((searchable - opened) / 1000))
  const search = (query: string) => notebook.search({ query, limit: 20 })
  record(figures, `search.${label}.exact`, await latencies(queries.exact, search))
  record(figures, `search.${label}.prefix`, await latencies(queries.prefix, search))
  record(figures, `search.${label}.fuzzy`, await latencies(queries.fuzzy, search))

  // a note saved, then searched for a word only it has: time until it is found
  const updates: number[] = []
  for (let i = 0; i < 5; i++) {
    const note = await notebook.createNote(`Update ${i}`)
    const word = `zqxupdate${i}marker`
    const content = { root: { type: 'root' as const, children: [{ type: 'paragraph', children: [{ type: 'text', text: `fresh ${word} text` }] }] } }
    updates.push(
      await time(async () => {
        await notebook.saveNote({ id: note.id, title: `Update ${i}`, content, baseRevision: note.revision })
        const { hits } = await notebook.search({ query: word })
        if (hits.length === 0) throw new Error('the saved note was not found')
      })
    )
  }
  figures[`search.${label}.note_update_ms`] = round(median(updates))
  await notebook.close()
  const cache = join(dir, '.pilcrow', 'cache')
  figures[`search.${label}.pilcrow.passages_mb`] = round(statSync(join(cache, 'search-passages.bin')).size / 1048576, 1)
  const persisted = ['search-index.bin', 'search-changes.json'].reduce((bytes, name) => bytes + statSync(join(cache, name)).size, 0)
  figures[`search.${label}.pilcrow.persisted_mb`] = round(persisted / 1048576, 1)

  // start from the persisted index: open the workspace, wait for the index, answer a query
  // (timed runs first; the memory run apart, as its forced collections take time of their own)
  const starts: number[] = []
  const loads: number[] = []
  for (let i = 0; i < 3; i++) {
    const t = performance.now()
    const again = await Notebook.open({ workspaceDir: dir, bundledSources: [], settings, searchWorker })
    const open = performance.now()
    await again.search({ query: queries.exact[0]! })
    if ((await again.getSearchStatus()).state !== 'ready') throw new Error('not ready')
    starts.push(performance.now() - t)
    loads.push(performance.now() - open)
    await again.close()
  }
  // with a delay, so the index is not read before the first reading (a search starts it at once)
  const again = await Notebook.open({ workspaceDir: dir, bundledSources: [], settings, searchWorker, searchIndexDelayMs: 60_000 })
  await again.listNotes() // the notes are read at the first question about them: not the index's memory
  const before = memoryMb()
  await again.search({ query: queries.exact[0]! })
  const after = memoryMb()
  // the index's memory, loaded from disk: JavaScript heap plus the typed arrays' buffers
  figures[`search.${label}.pilcrow.heap_mb`] = round(after.heap - before.heap, 1)
  figures[`search.${label}.pilcrow.buffers_mb`] = round(after.buffers - before.buffers, 1)
  figures[`search.${label}.pilcrow.memory_mb`] = round(after.heap - before.heap + after.buffers - before.buffers, 1)
  await again.close()
  figures[`search.${label}.pilcrow.searchable_after_start_ms`] = round(median(starts))
  figures[`search.${label}.pilcrow.searchable_after_open_ms`] = round(median(loads))
  figures[`search.${label}.pilcrow.cli_first_results_ms`] = round(median(await cliSearches(dir, queries.exact[0]!)))
  log(
    `  Pilcrow: build ${figures[`search.${label}.pilcrow.build_docs_per_s`]} docs/s, ` +
      `persisted ${figures[`search.${label}.pilcrow.persisted_mb`]} MB, index memory ${figures[`search.${label}.pilcrow.memory_mb`]} MB (heap ${figures[`search.${label}.pilcrow.heap_mb`]} + buffers ${figures[`search.${label}.pilcrow.buffers_mb`]}); ` +
      `searchable ${figures[`search.${label}.pilcrow.searchable_after_start_ms`]} ms after start (${figures[`search.${label}.pilcrow.searchable_after_open_ms`]} ms after the workspace opened; ` +
      `a fresh \`pilcrow search\` process prints its results ${figures[`search.${label}.pilcrow.cli_first_results_ms`]} ms after its spawn); ` +
      `exact p95 ${figures[`search.${label}.exact.p95_ms`]} ms, prefix p95 ${figures[`search.${label}.prefix.p95_ms`]} ms, fuzzy p95 ${figures[`search.${label}.fuzzy.p95_ms`]} ms, note update ${figures[`search.${label}.note_update_ms`]} ms`
  )
}

/**
 * A whole fresh process: `pilcrow search QUERY` from its spawn to its results on stdout
 * (Node's start, the code's import, the workspace's open, the index's load, the query).
 */
async function cliSearches(dir: string, query: string): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < 3; i++) {
    const t = performance.now()
    const child = spawn(process.execPath, [join('bin', 'pilcrow.js'), 'search', query, '--workspace', dir, '--json', '--limit', '20'], { stdio: ['ignore', 'pipe', 'inherit'] })
    const printed = await new Promise<number>((resolve, reject) => {
      child.stdout.once('data', () => resolve(performance.now() - t))
      child.once('exit', (code) => reject(new Error(`pilcrow search exited with ${code} before printing results`)))
    })
    await new Promise((resolve) => child.once('exit', resolve))
    times.push(printed)
  }
  return times
}

async function benchMiniSearchDefaults(texts: string[], queries: QuerySets, label: string, figures: Figures, log: (l: string) => void): Promise<void> {
  const before = heapUsedMb()
  let index: MiniSearch | null = new MiniSearch({ fields: ['text'] })
  const buildMs = await time(() => index!.addAll(texts.map((text, id) => ({ id, text }))))
  const key = `search.${label}.minisearch`
  figures[`${key}.build_docs_per_s`] = Math.round(texts.length / (buildMs / 1000))
  figures[`${key}.heap_mb`] = round(heapUsedMb() - before, 1)
  record(figures, `${key}.exact`, await latencies(queries.exact, (q) => index!.search(q)))
  record(figures, `${key}.prefix`, await latencies(queries.prefix, (q) => index!.search(q, { prefix: true })))
  record(figures, `${key}.fuzzy`, await latencies(queries.fuzzy, (q) => index!.search(q, { fuzzy: 0.2 })))
  const json = JSON.stringify(index)
  figures[`${key}.persisted_mb`] = round(json.length / 1048576, 1)
  index = null
  const loads: number[] = []
  for (let i = 0; i < 3; i++) loads.push(await time(() => MiniSearch.loadJSON(json, { fields: ['text'] })))
  figures[`${key}.searchable_after_load_ms`] = round(median(loads))
  log(
    `  MiniSearch defaults: build ${figures[`${key}.build_docs_per_s`]} docs/s, heap ${figures[`${key}.heap_mb`]} MB, persisted ${figures[`${key}.persisted_mb`]} MB, load ${figures[`${key}.searchable_after_load_ms`]} ms; ` +
      `exact p95 ${figures[`${key}.exact.p95_ms`]} ms, prefix p95 ${figures[`${key}.prefix.p95_ms`]} ms, fuzzy p95 ${figures[`${key}.fuzzy.p95_ms`]} ms`
  )
}

async function benchFlexSearch(texts: string[], queries: QuerySets, label: string, figures: Figures, log: (l: string) => void): Promise<void> {
  const before = heapUsedMb()
  const index = new FlexIndex({ tokenize: 'forward' })
  const buildMs = await time(() => texts.forEach((text, id) => index.add(id, text)))
  const key = `search.${label}.flexsearch`
  figures[`${key}.build_docs_per_s`] = Math.round(texts.length / (buildMs / 1000))
  figures[`${key}.heap_mb`] = round(heapUsedMb() - before, 1)
  record(figures, `${key}.exact`, await latencies(queries.exact, (q) => index.search(q, { limit: 20 })))
  record(figures, `${key}.prefix`, await latencies(queries.prefix, (q) => index.search(q, { limit: 20 })))
  record(figures, `${key}.fuzzy`, await latencies(queries.fuzzy, (q) => index.search(q, { limit: 20, suggest: true })))
  log(
    `  FlexSearch (forward): build ${figures[`${key}.build_docs_per_s`]} docs/s, heap ${figures[`${key}.heap_mb`]} MB; ` +
      `exact p95 ${figures[`${key}.exact.p95_ms`]} ms, prefix p95 ${figures[`${key}.prefix.p95_ms`]} ms, fuzzy (suggest) p95 ${figures[`${key}.fuzzy.p95_ms`]} ms`
  )
}

async function benchLinearScan(texts: string[], queries: QuerySets, label: string, figures: Figures, log: (l: string) => void): Promise<void> {
  const lower = texts.map((t) => t.toLowerCase())
  const scan = (q: string): number[] => {
    const words = q.toLowerCase().split(/\s+/)
    const out: number[] = []
    for (let i = 0; i < lower.length && out.length < 20; i++) if (words.every((w) => lower[i]!.includes(w))) out.push(i)
    return out
  }
  const key = `search.${label}.linear`
  record(figures, `${key}.exact`, await latencies(queries.exact.slice(0, 30), scan))
  record(figures, `${key}.prefix`, await latencies(queries.prefix.slice(0, 30), scan))
  log(`  Linear scan: exact p95 ${figures[`${key}.exact.p95_ms`]} ms, prefix p95 ${figures[`${key}.prefix.p95_ms`]} ms (no typo tolerance)`)
}

/** Notes beside a library of `size` paragraphs: a million go with a larger notebook (#24: 20,000 notes). */
const notesFor = (size: number): number => (size >= 1_000_000 ? 20_000 : NOTES)
const labelOf = (size: number): string => (size >= 1_000_000 ? `${size / 1_000_000}m` : size >= 1000 ? `${size / 1000}k` : String(size))

/** A baseline's process may use this much heap, and this long, before it is reported as unable to finish. */
const BASELINE_HEAP_MB = 8192
const BASELINE_TIME_LIMIT_MS = 15 * 60_000
const BASELINES = { minisearch: 'MiniSearch defaults', flexsearch: 'FlexSearch (forward)', linear: 'Linear scan' } as const
type Baseline = keyof typeof BASELINES

/**
 * `--baseline minisearch|flexsearch|linear --sizes N`: one baseline on the seeded texts (no
 * files: the same generator), in a process of its own, figures as JSON (see `baselineInChild`).
 */
export async function runBaseline(args: string[], log: (line: string) => void): Promise<Figures> {
  const engine = args[args.indexOf('--baseline') + 1] as Baseline
  const size = Number(args[args.indexOf('--sizes') + 1])
  const library = syntheticTexts(size, notesFor(size))
  const texts = flatTexts(library)
  const queries = makeQueries(library.vocabulary, size)
  const figures: Figures = {}
  const run = { minisearch: benchMiniSearchDefaults, flexsearch: benchFlexSearch, linear: benchLinearScan }[engine]
  if (!run) throw new Error(`no baseline named ${engine}`)
  await run(texts, queries, labelOf(size), figures, log)
  return figures
}

/**
 * Runs a baseline in a child process with a heap limit, so that one that cannot finish at this
 * size (plain MiniSearch at a million paragraphs) is reported with the memory it had reached,
 * instead of taking the benchmark down.
 */
async function baselineInChild(engine: Baseline, size: number, figures: Figures, log: (line: string) => void): Promise<void> {
  const key = `search.${labelOf(size)}.${engine}`
  const child = spawn(process.execPath, ['--expose-gc', `--max-old-space-size=${BASELINE_HEAP_MB}`, process.argv[1]!, '--baseline', engine, '--sizes', String(size), '--json'], {
    stdio: ['ignore', 'pipe', 'inherit']
  })
  let peakMb = 0
  const watch = setInterval(() => (peakMb = Math.max(peakMb, peakRssMb(child.pid) ?? 0)), 500)
  const limit = setTimeout(() => child.kill('SIGKILL'), BASELINE_TIME_LIMIT_MS)
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.once('exit', (c, s) => resolve([c, s])))
  clearInterval(watch)
  clearTimeout(limit)
  figures[`${key}.peak_rss_mb`] = Math.round(peakMb)
  if (code === 0) {
    Object.assign(figures, JSON.parse(out) as Figures)
    figures[`${key}.finished`] = 1
    return
  }
  figures[`${key}.finished`] = 0
  const why = signal === 'SIGKILL' ? `not done after ${BASELINE_TIME_LIMIT_MS / 60_000} minutes` : `its process failed (${signal ?? `exit code ${code}`}; a heap limit of ${BASELINE_HEAP_MB} MB)`
  log(`  ${BASELINES[engine]}: could not finish: ${why}, at ${Math.round(peakMb)} MB of memory`)
}

/** The most memory a process has held (Linux' VmHWM), or undefined where that cannot be read. */
function peakRssMb(pid: number | undefined): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) / 1024 : undefined
  } catch {
    return undefined
  }
}

/** Pilcrow's search against plain MiniSearch, FlexSearch and a linear scan, on the same seeded text. */
export async function benchSearchSpeed(args: string[], log: (line: string) => void): Promise<Figures> {
  const sizesArg = args.includes('--sizes') ? args[args.indexOf('--sizes') + 1] : undefined
  const sizes = sizesArg ? sizesArg.split(',').map(Number) : [10_000, 50_000, 200_000]
  const figures: Figures = {}
  for (const size of sizes) {
    const label = labelOf(size)
    const notes = notesFor(size)
    const dir = mkdtempSync(join(tmpdir(), `pilcrow-bench-${label}-`))
    log(`Search speed, ${size.toLocaleString('en')} paragraphs in ${Math.ceil(size / 500).toLocaleString('en')} sources + ${notes.toLocaleString('en')} notes:`)
    // only the vocabulary is kept: the texts would weigh on this process' collections while it is timed
    const queries = makeQueries(writeSyntheticWorkspace(dir, size, notes).vocabulary, size)
    log(`  ${queries.exact.length} exact, ${queries.prefix.length} prefix and ${queries.fuzzy.length} fuzzy queries`)
    await benchPilcrow(dir, queries, label, figures, log)
    rmSync(dir, { recursive: true, force: true })
    for (const engine of Object.keys(BASELINES) as Baseline[]) await baselineInChild(engine, size, figures, log)
    for (const kind of ['exact', 'prefix', 'fuzzy'] as const) {
      for (const engine of ['minisearch', 'flexsearch'] as const) {
        const theirs = figures[`search.${label}.${engine}.${kind}.p95_ms`]
        if (typeof theirs === 'number') figures[`search.${label}.${kind}.p95_vs_${engine}`] = round(Number(figures[`search.${label}.${kind}.p95_ms`]) / theirs, 3)
      }
    }
  }
  return figures
}
