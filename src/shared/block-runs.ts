import type { Block, InlineRun } from './model'

/** A block's runs; a block without them is its text, unmarked. */
export function blockRuns(block: Pick<Block, 'text' | 'runs'>): InlineRun[] {
  return block.runs ?? [{ text: block.text }]
}

/** True when the runs say nothing the text does not: one run of the whole text, no marks, no link. */
function isPlainRuns(runs: readonly InlineRun[], text: string): boolean {
  return runs.length === 1 && runs[0]!.text === text && runs[0]!.marks === undefined && runs[0]!.href === undefined
}

/**
 * The block as kept in memory, stored and sent: without runs when they are plain (most blocks),
 * which halves a long source's file and its answer to the renderer.
 */
export function withoutPlainRuns<B extends Pick<Block, 'text' | 'runs'>>(block: B): B {
  if (block.runs === undefined || !isPlainRuns(block.runs, block.text)) return block
  const { runs: _plain, ...rest } = block
  return rest as B
}
