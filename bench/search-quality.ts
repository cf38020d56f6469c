import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEFAULT_SETTINGS } from '../src/shared/settings'
import { bundledSourcePaths, findAppRoot } from '../src/main/core/app-paths'
import { Notebook } from '../src/main/core/notebook'
import { MemorySettingsStore } from '../src/main/core/settings-store'

/** A judged query over the bundled article: the paragraph that must come back. */
export interface JudgedQuery {
  query: string
  /** The ¶ number, or a block kind for unnumbered targets. */
  expect: number | 'heading' | 'standfirst' | 'authorNote'
  kind: 'name' | 'typo' | 'plural' | 'prefix' | 'phrase' | 'concept'
}

/** 37 queries a researcher would type, each with the paragraph a person would want first. */
export const JUDGED_QUERIES: JudgedQuery[] = [
  { query: 'Behrouz Nemati', expect: 7, kind: 'name' },
  { query: 'Mehdi Sanai', expect: 8, kind: 'name' },
  { query: 'Bashar al-Assad', expect: 3, kind: 'name' },
  { query: 'Bushehr', expect: 9, kind: 'name' },
  { query: 'S-300 missiles', expect: 9, kind: 'name' },
  { query: 'COVID-19 medical assistance', expect: 7, kind: 'name' },
  { query: 'Middle East Centre research terminology', expect: 4, kind: 'name' },
  { query: 'Washington cooperation abandon', expect: 2, kind: 'concept' },
  { query: 'amoeba', expect: 1, kind: 'concept' },
  { query: 'bulwark against isolation', expect: 6, kind: 'concept' },
  { query: 'hare and hounds', expect: 6, kind: 'concept' },
  { query: 'sovereign internationalism liberal interventionism', expect: 11, kind: 'concept' },
  { query: 'enduring feature political landscape', expect: 12, kind: 'concept' },
  { query: 'friend than a foe', expect: 8, kind: 'concept' },
  { query: 'connective tissue', expect: 10, kind: 'concept' },
  { query: 'pragmatism ideology', expect: 'standfirst', kind: 'concept' },
  { query: 'Visiting Fellow', expect: 'authorNote', kind: 'concept' },
  { query: 'mercurail manoeuvrings', expect: 12, kind: 'typo' },
  { query: 'Atlantisist', expect: 11, kind: 'typo' },
  { query: 'sanktions rapprochement', expect: 2, kind: 'typo' },
  { query: 'genealogy discursiv', expect: 10, kind: 'typo' },
  { query: 'Bushher', expect: 9, kind: 'typo' },
  { query: 'inconsistancies friction', expect: 5, kind: 'typo' },
  { query: 'weapon system', expect: 9, kind: 'plural' },
  { query: 'labels', expect: 4, kind: 'plural' },
  { query: 'contract delays', expect: 9, kind: 'plural' },
  { query: 'principle priority', expect: 12, kind: 'plural' },
  { query: 'deliveries', expect: 9, kind: 'plural' },
  { query: 'mercur', expect: 12, kind: 'prefix' },
  { query: 'counterwe', expect: 6, kind: 'prefix' },
  { query: 'oscill', expect: 4, kind: 'prefix' },
  { query: 'revisionist anti-hegem', expect: 3, kind: 'prefix' },
  { query: 'Nemat', expect: 7, kind: 'prefix' },
  { query: '"tactical partner"', expect: 7, kind: 'phrase' },
  { query: '"dragged its feet"', expect: 9, kind: 'phrase' },
  { query: '"random partnership"', expect: 4, kind: 'phrase' },
  { query: 'bilateral relations careful academic analysis', expect: 'heading', kind: 'phrase' }
]

export interface QualityReport {
  queries: number
  mrr: number
  recallAt5: number
  misses: { query: string; rank: number | null }[]
}

/** Mean reciprocal rank and recall@5 of the judged queries, through the real search service. */
export async function measureSearchQuality(): Promise<QualityReport> {
  const dir = mkdtempSync(join(tmpdir(), 'pilcrow-bench-quality-'))
  const notebook = await Notebook.open({ workspaceDir: dir, bundledSources: bundledSourcePaths(findAppRoot()), settings: new MemorySettingsStore(DEFAULT_SETTINGS) })
  await notebook.searchIndex.whenReady()
  let reciprocal = 0
  let within5 = 0
  const misses: QualityReport['misses'] = []
  for (const judged of JUDGED_QUERIES) {
    const { hits } = await notebook.search({ query: judged.query, limit: 20 })
    const index = hits.findIndex((h) => h.kind === 'source' && (typeof judged.expect === 'number' ? h.paragraph === judged.expect : h.blockKind === judged.expect))
    const rank = index >= 0 ? index + 1 : null
    if (rank) reciprocal += 1 / rank
    if (rank && rank <= 5) within5++
    if (rank !== 1) misses.push({ query: judged.query, rank })
  }
  await notebook.close()
  rmSync(dir, { recursive: true, force: true })
  return { queries: JUDGED_QUERIES.length, mrr: reciprocal / JUDGED_QUERIES.length, recallAt5: within5 / JUDGED_QUERIES.length, misses }
}
