import { withoutPlainRuns } from './block-runs'
import { hashId } from './hash'
import type { Block, BlockKind } from './model'
import { normaliseText } from './text'

/** Short prefixes keep ids readable in files and URLs (`p-…` paragraph, `h-…` heading). */
const PREFIX: Record<BlockKind, string> = {
  heading: 'h',
  paragraph: 'p',
  quote: 'q',
  pullquote: 'pq',
  listItem: 'li',
  authorNote: 'an',
  standfirst: 'sf',
  figure: 'fig'
}

/** Blocks that count as body text and get a ¶ number. */
export function isNumberedKind(kind: BlockKind): boolean {
  return kind === 'paragraph' || kind === 'quote' || kind === 'listItem'
}

/**
 * Gives every block an id derived from its kind and normalised text, so the same paragraph gets
 * the same id after a re-import even when others move. A repeated paragraph gets `-2`, `-3`…
 * in reading order. Also numbers the body blocks ¶1, ¶2… in reading order, and drops plain runs.
 */
export function assignIdsAndNumbers(blocks: Omit<Block, 'id' | 'paragraph'>[]): Block[] {
  const seen = new Map<string, number>()
  let paragraph = 0
  return blocks.map((block) => {
    const base = `${PREFIX[block.kind]}-${hashId(normaliseText(block.text))}`
    const count = (seen.get(base) ?? 0) + 1
    seen.set(base, count)
    const id = count === 1 ? base : `${base}-${count}`
    return withoutPlainRuns({ ...block, id, paragraph: isNumberedKind(block.kind) ? ++paragraph : null })
  })
}
