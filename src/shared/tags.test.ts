import { describe, expect, it } from 'vitest'
import { hasTag, parseTagList, tagsIn, tagsInText } from './tags'

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

  it('finds #tags in plain text (a highlight’s comment) and reads a typed list of tags', () => {
    expect(tagsInText('Weak claim #disagree\nsee #Iran/Sanctions, not #3')).toEqual(['disagree', 'iran/sanctions'])
    expect(parseTagList(' iran, #Sanctions/EU  methods,,#12 a.b iran')).toEqual({ tags: ['iran', 'sanctions/eu', 'methods'], rejected: ['#12', 'a.b'] })
  })

  it('a parent tag finds its nested ones', () => {
    expect(hasTag(['iran/sanctions'], 'iran')).toBe(true)
    expect(hasTag(['iran/sanctions'], '#IRAN/sanctions')).toBe(true)
    expect(hasTag(['iranian'], 'iran')).toBe(false)
  })
})
