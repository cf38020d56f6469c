import { describe, expect, it } from 'vitest'
import { bestOccurrence, contextOf, keySpan, longestHead, longestTail, textKey, textSpan } from './text-keys'

describe('text keys: the page’s text layer and the reflow compared', () => {
  it('drop white space, hyphens and soft hyphens, spell out ligatures, and remember where each letter came from', () => {
    const layer = textKey('The self-\ninterest of states\u00ad ﬁnds its way')
    expect(layer.key).toBe('Theselfinterestofstatesfindsitsway')
    // ﬁ (one character) gives two key letters, both from it
    const fi = layer.key.indexOf('finds')
    expect(layer.offsets[fi]).toBe(layer.offsets[fi + 1])
    const reflow = textKey('The self-interest of states finds its way')
    expect(reflow.key).toBe(layer.key)
  })

  it('map a block’s characters to key letters and back, a span trimmed to its letters', () => {
    const text = 'Formula letters are typeset as in the text.'
    const key = textKey(text)
    const span = keySpan(key, text.indexOf('letters'), text.indexOf('letters') + 'letters are'.length)
    expect(key.key.slice(span.start, span.end)).toBe('lettersare')
    expect(textSpan(key, span.start, span.end)).toEqual({ start: text.indexOf('letters'), end: text.indexOf('letters') + 'letters are'.length })
  })

  it('tell apart the occurrences of a word by what surrounds it', () => {
    const page = textKey('the state and the market; the state and the church').key
    const reflow = textKey('the state and the church').key
    const needle = 'thestate'
    const found = bestOccurrence(page, needle, contextOf(reflow, 0, needle.length))
    expect(found?.at).toBe(page.lastIndexOf('thestate'))
    expect(bestOccurrence(page, 'nowhere', { before: '', after: '' })).toBeNull()
  })

  it('find the part of a passage on each of two pages', () => {
    const passage = textKey('words that run from the foot of one page to the head of the next').key
    const pageOne = textKey('Earlier lines. Then words that run from the foot of one 12').key
    const pageTwo = textKey('RUNNING HEAD page to the head of the next. More lines.').key
    const around = contextOf(passage, 0, passage.length)
    const head = longestHead(pageOne, passage, around)
    const tail = longestTail(pageTwo, passage, around)
    expect(pageOne.slice(head!.at, head!.at + head!.length)).toBe(textKey('words that run from the foot of one').key)
    expect(pageTwo.slice(tail!.at, tail!.at + tail!.length)).toBe(textKey('page to the head of the next').key)
  })
})
