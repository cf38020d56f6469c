import { describe, expect, it } from 'vitest'
import { hasTag, tagsIn } from './tags'

const note = (...blocks: unknown[]) => ({ root: { type: 'root', children: blocks } })
const p = (...children: unknown[]) => ({ type: 'paragraph', children })
const t = (text: string, format = 0) => ({ type: 'text', text, format })

describe('tags', () => {
  it('finds #tags and nested #topic/sub, without case, each once, never in code or numbers', () => {
    const content = note(
      p(t('Reading for #Methods and #methods, see #iran/sanctions (and #draft).')),
      p(t('Issue #12 is a number; a#b is not a tag; '), t('#inline-code', 16)),
      { type: 'code', children: [t('#include <stdio.h>')] },
      p(t('#first-word starts a line'))
    )
    expect(tagsIn(content as never)).toEqual(['methods', 'iran/sanctions', 'draft', 'first-word'])
  })

  it('a parent tag finds its nested ones', () => {
    expect(hasTag(['iran/sanctions'], 'iran')).toBe(true)
    expect(hasTag(['iran/sanctions'], '#IRAN/sanctions')).toBe(true)
    expect(hasTag(['iranian'], 'iran')).toBe(false)
  })
})
