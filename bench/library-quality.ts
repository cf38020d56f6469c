import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEFAULT_SETTINGS } from '../src/shared/settings'
import { bundledSourcePaths, findAppRoot } from '../src/main/core/app-paths'
import { Notebook } from '../src/main/core/notebook'
import { MemorySettingsStore } from '../src/main/core/settings-store'
import type { QualityReport } from './search-quality'

/** The saved web pages of the library (the project's copies of Readability's test pages), beside the bundled article. */
const PAGES = ['quanta-1', 'salon-1', 'seattletimes-1', 'aclu', 'theverge'] as const
type Page = (typeof PAGES)[number] | 'article'

/** A judged query over the library: the source, and words only the wanted paragraph holds. */
interface LibraryQuery {
  query: string
  source: Page
  holds: string
  /** What the answer competes with: a look-alike passage in another source. */
  against: string
}

/**
 * Queries a researcher would type in a library of several real sources, each answered by one
 * paragraph, most of them with a look-alike in another source (a butterfly in two articles, a
 * strategy in a grocery story and in the Russia–Iran article, ideology in two essays).
 */
export const LIBRARY_QUERIES: LibraryQuery[] = [
  { query: 'butterfly effect 1961', source: 'quanta-1', holds: 'date the discovery of this butterfly effect to 1961', against: 'the butterfly landing on my finger (theverge)' },
  { query: 'butterfly landing on my finger', source: 'theverge', holds: 'butterfly landing on my finger', against: 'the butterfly effect (quanta)' },
  { query: 'Ellen Fetter married John Gille', source: 'quanta-1', holds: 'Ellen Fetter had married John Gille', against: 'other paragraphs naming Fetter' },
  { query: 'Margaret Hamilton Earlham College', source: 'quanta-1', holds: 'Earlham College', against: 'Hamilton in later paragraphs' },
  { query: 'software engineering Skylab', source: 'quanta-1', holds: 'Skylab', against: 'software developers (quanta ¶39)' },
  { query: 'LGP-30 printer time stamps', source: 'quanta-1', holds: 'print out time stamps', against: 'LGP-30 elsewhere' },
  { query: 'surge pricing windfall profits', source: 'salon-1', holds: 'windfall profits', against: 'surge pricing in four paragraphs' },
  { query: 'sharing economy peer-to-peer', source: 'salon-1', holds: 'peer-to-peer economy', against: 'the sharing economy (¶13)' },
  { query: 'Uber driver rating system', source: 'salon-1', holds: 'driver rating system', against: 'drivers throughout' },
  { query: 'Man Haron Monis', source: 'salon-1', holds: 'Man Haron Monis', against: 'the Sydney crisis elsewhere' },
  { query: 'anti-regulatory ideology privatization', source: 'salon-1', holds: 'anti-regulatory ideology', against: "the article's pragmatism or ideology" },
  { query: 'whole paycheck', source: 'seattletimes-1', holds: 'whole paycheck', against: 'Whole Foods in most paragraphs' },
  { query: 'Amazon bought Whole Foods', source: 'seattletimes-1', holds: 'Amazon bought Whole Foods in August 2017', against: 'the acquisition elsewhere' },
  { query: 'Amazon grocery strategy', source: 'seattletimes-1', holds: 'grocery strategy', against: "the article's strategic alliance" },
  { query: 'MSC label sustainable seafood', source: 'seattletimes-1', holds: 'sustainable-seafood marketing', against: 'MSC halibut (¶18)' },
  { query: 'halibut schooner Fishermans Terminal', source: 'seattletimes-1', holds: 'halibut schooner', against: 'halibut in most paragraphs' },
  { query: 'Like button browsing habits', source: 'aclu', holds: 'browsing habits', against: 'the Like button (¶10)' },
  { query: 'profiles of non-users personally identifiable information', source: 'aclu', holds: 'personally identifiable information', against: "PII (¶12)" },
  { query: '"Privacy should not be a luxury good"', source: 'aclu', holds: 'Privacy should not be a luxury good', against: 'privacy elsewhere' },
  { query: 'plug-ins Firefox Chrome third-party requests', source: 'aclu', holds: 'plug-ins for Firefox and Chrome', against: 'third-party requests (¶26)' },
  { query: 'storm around Cambridge Analytica', source: 'aclu', holds: 'storm around Facebook and Cambridge Analytica', against: 'Cambridge Analytica in the title and standfirst' },
  { query: '23 megapixels MicroOLED', source: 'theverge', holds: '23 megapixels', against: 'displays elsewhere' },
  { query: 'Retina display iPhone 4', source: 'theverge', holds: 'iPhone 4', against: 'the Retina display moment (¶1)' },
  { query: 'Lorenz attractor sensitivity to initial conditions', source: 'quanta-1', holds: 'The attractor and the system', against: 'the butterfly effect' },
  { query: 'mechanisms that enable online trackng', source: 'aclu', holds: 'mechanisms that enable online tracking', against: 'the surveillance economy elsewhere' },
  { query: 'Iran nuclear Bushehr', source: 'article', holds: 'Bushehr', against: 'energy in other sources' },
  { query: 'strategic partnership Moscow Tehran sanctions', source: 'article', holds: 'sanctions', against: 'strategy (seattletimes)' }
]

/** MRR and recall@5 over the library: the article and five saved web pages, searched together. */
export async function measureLibraryQuality(): Promise<QualityReport & { sources: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'pilcrow-bench-library-'))
  const notebook = await Notebook.open({ workspaceDir: dir, bundledSources: bundledSourcePaths(findAppRoot()), settings: new MemorySettingsStore(DEFAULT_SETTINGS) })
  try {
    const pages = join(findAppRoot(), 'src', 'main', 'core', 'importers', 'fixtures', 'web-pages')
    const outcomes = await notebook.importSourceFiles(PAGES.map((page) => join(pages, page, 'source.html')))
    const sourceOf = new Map<Page, string>([['article', 'russia-iran-alignment']])
    outcomes.forEach((outcome, i) => {
      if (!outcome.ok) throw new Error(`${PAGES[i]} did not import: ${outcome.error}`)
      sourceOf.set(PAGES[i]!, outcome.sourceId)
    })
    await notebook.searchIndex.whenReady()
    let reciprocal = 0
    let within5 = 0
    const misses: QualityReport['misses'] = []
    for (const judged of LIBRARY_QUERIES) {
      const sourceId = sourceOf.get(judged.source)!
      const source = notebook.sources.get(sourceId)
      const wanted = source.blocks.filter((b) => b.text.includes(judged.holds)).map((b) => b.id)
      if (wanted.length !== 1) throw new Error(`"${judged.holds}" is in ${wanted.length} blocks of ${judged.source}, not one: the judgement needs other words`)
      const { hits } = await notebook.search({ query: judged.query, limit: 20 })
      const index = hits.findIndex((h) => h.kind === 'source' && h.sourceId === sourceId && h.blockId === wanted[0])
      const rank = index >= 0 ? index + 1 : null
      if (rank) reciprocal += 1 / rank
      if (rank && rank <= 5) within5++
      if (rank !== 1) misses.push({ query: judged.query, rank })
    }
    return { sources: sourceOf.size, queries: LIBRARY_QUERIES.length, mrr: reciprocal / LIBRARY_QUERIES.length, recallAt5: within5 / LIBRARY_QUERIES.length, misses }
  } finally {
    await notebook.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
