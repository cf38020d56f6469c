import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { assignIdsAndNumbers } from '../src/shared/block-ids'
import type { Source } from '../src/shared/model'
import { serializeNote } from '../src/main/core/note-file'
import { serializeSource } from '../src/main/core/source-file'
import { seededRandom } from './stats'

const SYLLABLES = 'ka ri to mel an sor vin del pra us te lo gre mi nas bor fen qui za ul dro ve sti ph ar on ex lin tur co'.split(' ')

/** A vocabulary with Zipf-distributed frequencies, like real prose: a few words are everywhere. */
export class Vocabulary {
  readonly words: string[]
  private readonly cumulative: number[]
  constructor(
    size: number,
    private readonly random: () => number
  ) {
    const seen = new Set<string>()
    while (seen.size < size) {
      const n = 1 + Math.floor(random() * 4)
      let w = ''
      for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(random() * SYLLABLES.length)]
      if (w.length >= 3) seen.add(w)
    }
    this.words = [...seen]
    let sum = 0
    this.cumulative = this.words.map((_, rank) => (sum += 1 / (rank + 1)))
  }
  /** A word drawn by frequency. */
  next(): string {
    const x = this.random() * this.cumulative[this.cumulative.length - 1]!
    let lo = 0
    let hi = this.cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (this.cumulative[mid]! < x) lo = mid + 1
      else hi = mid
    }
    return this.words[lo]!
  }
  sentence(min: number, max: number): string {
    const n = min + Math.floor(this.random() * (max - min + 1))
    const words = Array.from({ length: n }, () => this.next())
    return words.join(' ').replace(/^./, (c) => c.toUpperCase()) + '.'
  }
}

export interface SyntheticWorkspace {
  dir: string
  paragraphs: string[]
  notes: string[]
  vocabulary: Vocabulary
}

/** A million paragraphs make 2,000 sources, a researcher's few thousand PDFs (#24). */
const PARAGRAPHS_PER_SOURCE = 500

/** The texts of a synthetic library, from a seed: the same seed gives the same texts everywhere. */
export interface SyntheticTexts {
  vocabulary: Vocabulary
  /** Each source's title and paragraphs (500 a source). */
  sources: { title: string; paragraphs: string[] }[]
  /** Each note's title and paragraphs. */
  notes: { title: string; paragraphs: string[] }[]
}

export function syntheticTexts(paragraphs: number, notes: number, seed = 42): SyntheticTexts {
  const random = seededRandom(seed)
  const vocabulary = new Vocabulary(30_000, random)
  const sources: SyntheticTexts['sources'] = []
  for (let s = 0; s * PARAGRAPHS_PER_SOURCE < paragraphs; s++) {
    const count = Math.min(PARAGRAPHS_PER_SOURCE, paragraphs - s * PARAGRAPHS_PER_SOURCE)
    const texts = Array.from({ length: count }, () => `${vocabulary.sentence(8, 24)} ${vocabulary.sentence(8, 24)} ${vocabulary.sentence(4, 16)}`)
    sources.push({ title: `Synthetic source ${s} ${vocabulary.next()}`, paragraphs: texts })
  }
  const noteTexts: SyntheticTexts['notes'] = []
  for (let n = 0; n < notes; n++) {
    const paras = Array.from({ length: 3 }, () => vocabulary.sentence(20, 60))
    noteTexts.push({ title: `Note ${n} ${vocabulary.next()}`, paragraphs: paras })
  }
  return { vocabulary, sources, notes: noteTexts }
}

/** Every text of a library as the search benchmarks' baselines index it: paragraphs, then notes. */
export function flatTexts(library: SyntheticTexts): string[] {
  return [...library.sources.flatMap((s) => s.paragraphs), ...library.notes.map((n) => n.paragraphs.join('\n'))]
}

/**
 * Writes a workspace of `paragraphs` paragraphs (in sources of 500) and `notes` notes, from a
 * seed: the same seed gives the same workspace everywhere.
 */
export function writeSyntheticWorkspace(dir: string, paragraphs: number, notes: number, seed = 42): SyntheticWorkspace {
  const library = syntheticTexts(paragraphs, notes, seed)
  mkdirSync(join(dir, 'sources'), { recursive: true })
  mkdirSync(join(dir, 'notes'), { recursive: true })
  writeFileSync(join(dir, 'pilcrow-workspace.json'), JSON.stringify({ format: 'pilcrow-workspace', formatVersion: 1, createdAt: new Date(0).toISOString() }))
  library.sources.forEach(({ title, paragraphs: texts }, s) => {
    const drafts = texts.map((text) => ({ kind: 'paragraph' as const, text, runs: [{ text }] }))
    const source: Source = { id: `synthetic-${s}`, meta: { title, authors: ['Bench'] }, blocks: assignIdsAndNumbers(drafts) }
    writeFileSync(join(dir, 'sources', `${source.id}.json`), serializeSource(source))
  })
  library.notes.forEach(({ title, paragraphs: paras }, n) => {
    const id = `n-bench-${n}`
    const content = { root: { type: 'root' as const, children: paras.map((t) => ({ type: 'paragraph', children: [{ type: 'text', text: t }] })) } }
    writeFileSync(join(dir, 'notes', `${id}.json`), serializeNote({ id, title, createdAt: new Date(0).toISOString(), updatedAt: new Date(0).toISOString(), trashedAt: null, content }))
  })
  return { dir, paragraphs: library.sources.flatMap((s) => s.paragraphs), notes: library.notes.map((n) => n.paragraphs.join('\n')), vocabulary: library.vocabulary }
}
