import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { findAppRoot } from '../app-paths'
import { importMarkdown } from './markdown'

const articlePath = join(findAppRoot(), 'resources', 'sources', 'russia-iran-alignment.md')
const article = readFileSync(articlePath, 'utf8')

describe('the bundled article, through the Markdown importer', () => {
  const { meta, blocks } = importMarkdown(article, 'russia-iran-alignment.md')

  it('keeps the metadata', () => {
    expect(meta.title).toBe('Russia and Iran – a strategic alliance or something more?')
    expect(meta.authors).toEqual(['Ghoncheh Tazmini'])
    expect(meta.date).toBe('2021-01-18')
    expect(meta.publisher).toBe('LSE')
    expect(meta.container).toBe('Research for the World')
    expect(meta.citationKey).toBe('tazmini2021')
  })

  it('has the author note and the standfirst, unnumbered, before the body', () => {
    expect(blocks[0]).toMatchObject({ kind: 'authorNote', paragraph: null })
    expect(blocks[0]!.text).toMatch(/^Dr Ghoncheh Tazmini is a Visiting Fellow/)
    expect(blocks[1]).toMatchObject({ kind: 'standfirst', paragraph: null })
    expect(blocks[1]!.text).toMatch(/^Russia and Iran have a long history/)
  })

  it('has the three section headings in order', () => {
    expect(blocks.filter((b) => b.kind === 'heading').map((b) => b.text)).toEqual([
      'Bilateral relations require careful academic analysis',
      'What lies behind a Russian-Iranian alliance?',
      'Russian-Iranian relations may run deeper'
    ])
  })

  it('numbers the twelve body paragraphs ¶1–¶12 in reading order', () => {
    const numbered = blocks.filter((b) => b.paragraph !== null)
    expect(numbered.map((b) => b.paragraph)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    expect(numbered.every((b) => b.kind === 'paragraph')).toBe(true)
    expect(numbered[0]!.text).toMatch(/^In recent years, scholarship/)
    expect(numbered[5]!.text).toMatch(/^While the Kremlin has acted as a bulwark/)
    expect(numbered[8]!.text).toMatch(/^Willing to work with Iran/)
    expect(numbered[11]!.text).toMatch(/^Thus, while Moscow's mercurial manoeuvrings/)
  })

  it('marks the two pull quotes, unnumbered, without the callout marker', () => {
    const pulls = blocks.filter((b) => b.kind === 'pullquote')
    expect(pulls.map((b) => b.text)).toEqual([
      'Are Russia and Iran revisionist states united in a quest to undermine the international system?',
      'Russia, in particular, challenges the US-led Atlanticist ideological and power systems, and in this pursuit, Iran is a critical partner.'
    ])
    expect(pulls.every((b) => b.paragraph === null)).toBe(true)
  })

  it('keeps bold and italic', () => {
    expect(blocks[0]!.runs).toContainEqual({ text: 'Russian-Iranian Alignment. An Eternal Marriage of (in) Convenience', marks: ['italic'] })
    expect(blocks[1]!.runs).toContainEqual({ text: "Ghoncheh Tazmini's", marks: ['bold'] })
    const p8 = blocks.find((b) => b.paragraph === 8)!
    expect(p8.runs).toContainEqual({ text: 'strategic', marks: ['bold'] })
    expect(p8.text).toContain('distinctly "strategic" and mutually beneficial')
  })

  it('leaves the masthead and the subscription footer out', () => {
    const all = blocks.map((b) => b.text).join('\n')
    expect(all).not.toMatch(/RESEARCH|FOR THE WORLD|Subscribe to receive/)
  })

  it('gives every block a unique id derived from its content', () => {
    const ids = blocks.map((b) => b.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(importMarkdown(article, 'copy.md').blocks.map((b) => b.id)).toEqual(ids)
  })

  it('keeps the ids of unchanged paragraphs when the text around them changes', () => {
    const edited = article.replace('In recent years,', 'A new opening paragraph.\n\nIn recent years,').replace('In fact, Russia', 'Indeed, Russia')
    const before = importMarkdown(article, 'a.md').blocks
    const after = importMarkdown(edited, 'a.md').blocks
    const p6Before = before.find((b) => b.paragraph === 6)!
    const p6After = after.find((b) => b.text === p6Before.text)!
    expect(p6After.id).toBe(p6Before.id)
    expect(p6After.paragraph).toBe(7)
    expect(after.find((b) => b.text.startsWith('Indeed, Russia'))!.id).not.toBe(before.find((b) => b.paragraph === 10)!.id)
  })
})

describe('Markdown import of other documents', () => {
  it('takes the title from the first heading when there is no front matter', () => {
    const { meta, blocks } = importMarkdown('# My notes\r\n\r\nFirst *para*.\r\n\r\n- one\r\n  - two\r\n\r\n> quoted\r\n', 'x.md')
    expect(meta.title).toBe('My notes')
    expect(blocks.map((b) => [b.kind, b.paragraph, b.level ?? null, b.text])).toEqual([
      ['heading', null, 1, 'My notes'],
      ['paragraph', 1, null, 'First para.'],
      ['listItem', 2, 0, 'one'],
      ['listItem', 3, 1, 'two'],
      ['quote', 4, null, 'quoted']
    ])
  })

  it('reads tags from the front matter as Obsidian writes them (a list, or words)', () => {
    expect(importMarkdown('---\ntags: [Iran, "#alliances/russia"]\n---\nText.\n', 'a.md').meta.tags).toEqual(['iran', 'alliances/russia'])
    expect(importMarkdown('---\ntags: iran, sanctions\n---\nText.\n', 'b.md').meta.tags).toEqual(['iran', 'sanctions'])
    expect(importMarkdown('---\ntags: 12\n---\nText.\n', 'c.md').meta.tags).toBeUndefined()
  })

  it('drops unsafe link targets but keeps the words', () => {
    const { blocks } = importMarkdown('[click](javascript:alert(1)) and [ok](https://example.org)', 'x.md')
    expect(blocks[0]!.runs).toEqual([{ text: 'click and ' }, { text: 'ok', href: 'https://example.org' }])
  })

  it('refuses a file with no text, and bad front matter, with a clear error', () => {
    expect(() => importMarkdown('   \n\n', 'empty.md')).toThrow('empty.md: there is no text to import.')
    expect(() => importMarkdown('---\ntitle: [unclosed\n---\nBody', 'bad.md')).toThrow(/bad.md: the front matter is not valid YAML/)
  })
})
