import { describe, expect, it } from 'vitest'
import { blockById, blockPosition } from './block-lookup'
import type { Block } from './model'

const block = (id: string, text = id): Block => ({ id, kind: 'paragraph', paragraph: 1, text })

describe('block lookup', () => {
  it('finds a block by id, or says it is not there', () => {
    const blocks = [block('a'), block('b'), block('c')]
    expect(blockPosition(blocks, 'c')).toBe(2)
    expect(blockById(blocks, 'b')).toBe(blocks[1])
    expect(blockPosition(blocks, 'z')).toBe(-1)
    expect(blockById(blocks, 'z')).toBeUndefined()
  })

  it('finds the first of repeated ids, as a linear search does', () => {
    const blocks = [block('a', 'first'), block('a', 'second')]
    expect(blockById(blocks, 'a')?.text).toBe('first')
  })

  it('sees a new version of a source (a new blocks array), not the old index', () => {
    const before = [block('a'), block('b')]
    expect(blockPosition(before, 'b')).toBe(1)
    const after = [block('b'), block('c')]
    expect(blockPosition(after, 'b')).toBe(0)
    expect(blockPosition(after, 'a')).toBe(-1)
  })
})
