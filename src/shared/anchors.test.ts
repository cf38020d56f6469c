import fc from 'fast-check'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importMarkdown } from '../main/core/importers/markdown'
import { findAppRoot } from '../main/core/app-paths'
import { createAnchor, resolveAnchor } from './anchors'
import type { Source } from './model'

const articleText = readFileSync(join(findAppRoot(), 'resources', 'sources', 'russia-iran-alignment.md'), 'utf8')
const load = (markdown: string): Source => ({ id: 'russia-iran-alignment', ...importMarkdown(markdown, 'russia-iran-alignment.md') })
const article = load(articleText)
const para = (source: Source, n: number) => source.blocks.find((b) => b.paragraph === n)!
const p6 = para(article, 6)
const p9 = para(article, 9)

describe('resolveAnchor on the bundled article', () => {
  it('resolves by id when nothing changed', () => {
    const anchor = createAnchor(article, p6.id)
    expect(anchor).toMatchObject({ sourceId: 'russia-iran-alignment', blockId: p6.id, paragraph: 6 })
    expect(anchor.quote.exact).toBe(p6.text)
    expect(anchor.quote.prefix).toBe('What lies behind a Russian-Iranian alliance?'.slice(-32))
    expect(resolveAnchor(article, anchor)).toEqual({ status: 'exact', block: p6 })
  })

  it('keeps a range quote with its context', () => {
    const start = p9.text.indexOf('while Russia did not deliver on time')
    const anchor = createAnchor(article, p9.id, { start, end: start + 'while Russia did not deliver on time'.length })
    expect(anchor.quote).toEqual({ exact: 'while Russia did not deliver on time', prefix: p9.text.slice(start - 32, start), suffix: ', it did deliver in the end.' })
    expect(resolveAnchor(article, anchor)).toMatchObject({ status: 'exact', block: p9, range: anchor.range })
  })

  it('follows the paragraph when a preface is added before the source', () => {
    const edited = load(articleText.replace('In recent years,', 'A new preface paragraph.\n\nAnother one.\n\nIn recent years,'))
    const result = resolveAnchor(edited, createAnchor(article, p6.id))
    expect(result.status).toBe('exact')
    expect(result.block!.paragraph).toBe(8)
    expect(result.block!.text).toBe(p6.text)
  })

  it('says the words changed when they were edited inside the quote', () => {
    const edited = load(articleText.replace('acted as a bulwark against', 'acted as a shield against'))
    const result = resolveAnchor(edited, createAnchor(article, p6.id))
    expect(result.status).toBe('changed')
    expect(result.block!.paragraph).toBe(6)
    expect(result.block!.text).toContain('acted as a shield against')

    const start = p6.text.indexOf('Iran is a provisional counterweight')
    const partial = createAnchor(article, p6.id, { start, end: start + 'Iran is a provisional counterweight or a bargaining chip'.length })
    const moved = resolveAnchor(edited, partial)
    expect(moved.status).toBe('moved') // the quoted words themselves did not change
    expect(edited.blocks.find((b) => b === moved.block)!.text.slice(moved.range!.start, moved.range!.end)).toBe(partial.quote.exact)
  })

  it('finds paragraphs that were reordered', () => {
    const p10 = para(article, 10).text
    const reordered = load(articleText.replace(p9.text, '@@P9@@').replace(p10, p9.text).replace('@@P9@@', p10))
    const result = resolveAnchor(reordered, createAnchor(article, p9.id))
    expect(result).toMatchObject({ status: 'exact' })
    expect(result.block!.paragraph).toBe(10)
  })

  it('stays on the first copy when a paragraph is duplicated', () => {
    const duplicated = load(articleText.replace(p6.text, `${p6.text}\n\n${p6.text}`))
    const result = resolveAnchor(duplicated, createAnchor(article, p6.id))
    expect(result.status).toBe('exact')
    expect(result.block!.paragraph).toBe(6)
  })

  it('uses the context to choose between identical copies when the id is gone', () => {
    const anchor = { ...createAnchor(article, p6.id), blockId: 'p-gone' }
    const duplicated = load(articleText.replace(p9.text, `${p9.text}\n\n${p6.text}`))
    expect(resolveAnchor(duplicated, anchor).block!.paragraph).toBe(6)
  })

  it('orphans a link whose paragraph was deleted, and never moves it to another one', () => {
    const deleted = load(articleText.replace(p6.text, ''))
    expect(resolveAnchor(deleted, createAnchor(article, p6.id))).toEqual({ status: 'orphan', block: null })
    const start = p6.text.indexOf('bargaining chip')
    expect(resolveAnchor(deleted, createAnchor(article, p6.id, { start, end: start + 'bargaining chip'.length }))).toEqual({ status: 'orphan', block: null })
  })

  it('survives CRLF line ends and a change of Unicode normalisation', () => {
    const crlf = load(articleText.replace(/\n/g, '\r\n'))
    expect(resolveAnchor(crlf, createAnchor(article, p6.id)).status).toBe('exact')
    const accented = load(articleText.replace('In fact, Russia', 'In fact, Russie\u0301'))
    const p10 = para(accented, 10)
    const anchor = createAnchor(accented, p10.id, { start: 9, end: 16 }) // 'Russié' with a combining accent
    const nfc = load(articleText.replace('In fact, Russia', 'In fact, Russi\u00e9'))
    const result = resolveAnchor(nfc, anchor)
    expect(result.status).toBe('exact')
    expect(result.block!.paragraph).toBe(10)
  })

  it('resolves a short quote with no context only where the exact words are', () => {
    const anchor = { sourceId: article.id, blockId: 'p-gone', paragraph: 9, quote: { exact: 'S-300', prefix: '', suffix: '' } }
    expect(resolveAnchor(article, anchor)).toMatchObject({ status: 'moved', block: p9 })
    const typo = { ...anchor, quote: { exact: 'S-400', prefix: '', suffix: '' } }
    expect(resolveAnchor(article, typo).status).toBe('orphan')
  })
})

// Property tests: generated sources and edits.
const WORDS = 'alliance alignment moscow tehran kremlin partner strategic sanctions treaty oil gas missile nuclear market trade region policy history friend foe order state power west east north south council envoy delay contract supply'.split(' ')
const sentence = fc.array(fc.constantFrom(...WORDS), { minLength: 10, maxLength: 24 }).map((w) => w.join(' ') + '.')
const paragraphs = fc.uniqueArray(sentence, { minLength: 4, maxLength: 14 })
const toSource = (ps: string[]): Source => ({ id: 's', ...importMarkdown(ps.join('\n\n'), 's.md') })

describe('resolveAnchor, property tests', () => {
  it('finds the cited paragraph after other paragraphs are inserted, deleted and shuffled', () => {
    fc.assert(
      fc.property(paragraphs, fc.nat(), fc.array(sentence, { maxLength: 4 }), fc.nat(), (ps, pick, inserts, seed) => {
        const source = toSource(ps)
        const cited = source.blocks[pick % source.blocks.length]!
        const anchor = createAnchor(source, cited.id)
        const others = ps.filter((p) => p !== ps[pick % ps.length])
        const kept = others.filter((_, i) => (seed >> i) % 3 !== 0)
        const edited = [...inserts, ...kept]
        edited.splice(seed % (edited.length + 1), 0, ps[pick % ps.length]!)
        const result = resolveAnchor(toSource(edited), anchor)
        expect(result.status === 'exact' || result.status === 'moved').toBe(true)
        expect(result.block!.text).toBe(cited.text)
      }),
      { numRuns: 200 }
    )
  })

  it('orphans the link when the cited paragraph is deleted (never another paragraph)', () => {
    fc.assert(
      fc.property(paragraphs, fc.nat(), (ps, pick) => {
        const source = toSource(ps)
        const cited = source.blocks[pick % source.blocks.length]!
        const edited = toSource(ps.filter((p) => p !== ps[pick % ps.length]).concat(ps.length === 1 ? ['filler words only here.'] : []))
        const result = resolveAnchor(edited, createAnchor(source, cited.id))
        expect(result.status === 'orphan' || result.block!.text === cited.text).toBe(true)
      }),
      { numRuns: 200 }
    )
  })

  it('follows a quote whose words were lightly edited, and says it changed', () => {
    fc.assert(
      fc.property(paragraphs, fc.nat(), fc.nat(), (ps, pick, where) => {
        const i = pick % ps.length
        const source = toSource(ps)
        const cited = source.blocks[i]!
        const words = ps[i]!.split(' ')
        words[where % words.length] = 'zzzz'
        const edited = [...ps]
        edited[i] = words.join(' ')
        if (new Set(edited).size !== edited.length || edited[i] === ps[i]) return
        const result = resolveAnchor(toSource(edited), createAnchor(source, cited.id))
        expect(result.status).toBe('changed')
        expect(result.block!.text).toBe(edited[i])
      }),
      { numRuns: 200 }
    )
  })
})
