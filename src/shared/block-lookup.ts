import type { Block } from './model'

/** Each source's blocks by id, made at the first lookup; a changed source has a new blocks array. */
const positions = new WeakMap<readonly Block[], Map<string, number>>()

/**
 * Where the block with this id is in `blocks`, or -1. The first lookup in an array indexes it,
 * so resolving many links or search hits into a long source costs one pass, not one per lookup.
 */
export function blockPosition(blocks: readonly Block[], blockId: string): number {
  let byId = positions.get(blocks)
  if (!byId) {
    byId = new Map()
    // the first of repeated ids wins, as a linear search would find it
    for (let i = blocks.length - 1; i >= 0; i--) byId.set(blocks[i]!.id, i)
    positions.set(blocks, byId)
  }
  return byId.get(blockId) ?? -1
}

export function blockById(blocks: readonly Block[], blockId: string): Block | undefined {
  const at = blockPosition(blocks, blockId)
  return at >= 0 ? blocks[at] : undefined
}
