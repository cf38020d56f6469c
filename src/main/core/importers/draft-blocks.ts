import type { Block, BlockKind, InlineRun, Mark, SourceMeta } from '../../../shared/model'

/** What an importer produces: a source without its id (the sources service assigns that). */
export interface ImportedSource {
  meta: SourceMeta
  blocks: Block[]
}

/** A block before ids and ¶ numbers are assigned; its runs are always there while importers work on them. */
export type DraftBlock = Omit<Block, 'id' | 'paragraph' | 'runs'> & { runs: InlineRun[] }

/** Only these link targets survive an import; everything else becomes plain text. */
export const SAFE_LINK = /^(https?:|mailto:)/i

export function draft(kind: BlockKind, runs: InlineRun[], level?: number): DraftBlock {
  const merged = mergeRuns(runs)
  const block: DraftBlock = { kind, text: merged.map((r) => r.text).join(''), runs: merged }
  if (level !== undefined) block.level = level
  return block
}

/** A run of text with its marks sorted and de-duplicated; line breaks inside become spaces. */
export function run(text: string, marks: readonly Mark[], href?: string): InlineRun {
  const r: InlineRun = { text: text.replace(/\s*\n\s*/g, ' ') }
  if (marks.length > 0) r.marks = [...new Set(marks)].sort()
  if (href) r.href = href
  return r
}

/** Joins neighbouring runs with the same marks and link, collapses spaces, trims the block's ends. */
export function mergeRuns(runs: InlineRun[]): InlineRun[] {
  const out: InlineRun[] = []
  for (const r of runs) {
    const last = out[out.length - 1]
    if (last && (last.marks ?? []).join() === (r.marks ?? []).join() && last.href === r.href) last.text += r.text
    else if (r.text !== '') out.push({ ...r })
  }
  for (let i = 0; i < out.length; i++) {
    const r = out[i]!
    r.text = r.text.replace(/[ \t\u00a0]{2,}/g, ' ')
    // a space ending one run and starting the next would read as two
    if (i > 0 && /\s$/.test(out[i - 1]!.text) && r.text.startsWith(' ')) r.text = r.text.slice(1)
  }
  if (out[0]) out[0].text = out[0].text.trimStart()
  const end = out[out.length - 1]
  if (end) end.text = end.text.trimEnd()
  return out.filter((r) => r.text !== '')
}
