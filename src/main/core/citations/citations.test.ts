import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { findAppRoot } from '../app-paths'
import { useNotebooks, useTempDirs } from '../test-support'
import { locatorOf } from './citations'

const tempDir = useTempDirs()
const open = useNotebooks()

const URL = 'https://www.lse.ac.uk/rftw'

/** The bundled article's ¶6 and reference in each style, as citeproc (through citation-js) writes them; checked by hand against the style guides' examples. */
const EXPECTED: Record<string, { citation: string; reference: string }> = {
  apa: { citation: '(Tazmini, 2021, para. 6)', reference: `Tazmini, G. (2021, January 18). Russia and Iran – a strategic alliance or something more? LSE. Research for the World. ${URL}` },
  'chicago-author-date': {
    citation: '(Tazmini 2021, para. 6)',
    reference: `Tazmini, Ghoncheh. 2021. “Russia and Iran – a Strategic Alliance or Something More?” Research for the World, LSE, January 18. ${URL}.`
  },
  'modern-language-association': {
    citation: '(Tazmini, par. 6)',
    reference: `Tazmini, Ghoncheh. “Russia and Iran – a Strategic Alliance or Something More?” Research for the World, LSE, 18 Jan. 2021, ${URL}.`
  },
  'harvard-cite-them-right': {
    citation: '(Tazmini, 2021, para. 6)',
    reference: `Tazmini, G. (2021) Russia and Iran – a strategic alliance or something more?, Research for the World. LSE. Available at: ${URL}.`
  },
  ieee: { citation: '[1, Para. 6]', reference: `[1] G. Tazmini, “Russia and Iran – a strategic alliance or something more?,” Research for the World. [Online]. Available: ${URL}` },
  'chicago-notes-bibliography': {
    citation: `Ghoncheh Tazmini, “Russia and Iran – a Strategic Alliance or Something More?,” Research for the World, LSE, January 18, 2021, para. 6, ${URL}.`,
    reference: `Tazmini, Ghoncheh. “Russia and Iran – a Strategic Alliance or Something More?” Research for the World, LSE, January 18, 2021. ${URL}.`
  }
}

describe('formatted citations (CSL styles through citation-js)', () => {
  it('cites ¶6 of the bundled article and gives its reference in each shipped style', async () => {
    const nb = await open(tempDir())
    const source = await nb.getSource('russia-iran-alignment')
    const p6 = source.blocks.find((b) => b.paragraph === 6)!
    const styles = await nb.listCitationStyles()
    expect(styles.map((s) => s.id)).toEqual(expect.arrayContaining(Object.keys(EXPECTED)))
    expect(styles.find((s) => s.id === 'apa')).toMatchObject({ title: 'APA Style 7th edition', note: false, rights: expect.stringMatching(/Creative Commons Attribution-ShareAlike 3\.0/), authors: expect.arrayContaining(['Brenton M. Wiernik']) })
    expect(styles.find((s) => s.id === 'chicago-notes-bibliography')?.note).toBe(true)
    for (const [style, expected] of Object.entries(EXPECTED)) {
      await nb.updateSettings({ citationStyle: style })
      const formatted = await nb.formatCitation({ sourceId: source.id, blockId: p6.id })
      expect({ style, citation: formatted.citation, reference: formatted.reference }).toEqual({ style, ...expected })
    }
  }, 60_000)

  it('follows the locale, the source’s kind of work, and says what is wrong', async () => {
    const nb = await open(tempDir())
    const source = await nb.getSource('russia-iran-alignment')
    await nb.updateSettings({ citationStyle: 'apa', citationLocale: 'de-DE' })
    expect((await nb.formatCitation({ sourceId: source.id, blockId: source.blocks.find((b) => b.paragraph === 6)!.id })).citation).toBe('(Tazmini, 2021, Abs. 6)')
    await nb.updateSettings({ citationLocale: 'en-US' })
    // a journal article with pages and a DOI
    await nb.updateSourceMeta(source.id, { type: 'article-journal', container: 'Journal of Eurasian Studies', pages: '117–134', doi: '10.1000/xyz123' })
    expect((await nb.formatCitation({ sourceId: source.id })).reference).toBe('Tazmini, G. (2021). Russia and Iran – a strategic alliance or something more? Journal of Eurasian Studies, 117–134. https://doi.org/10.1000/xyz123')
    await expect(nb.formatCitation({ sourceId: source.id, blockId: 'p-nowhere' })).rejects.toThrow(/has no paragraph/)
    await expect(nb.formatCitation({ sourceId: 'nowhere' })).rejects.toThrow()
  }, 60_000)

  it('locates a PDF’s paragraph by its page, any other by its ¶, a heading not at all', () => {
    expect(locatorOf({ paragraph: 12, page: 4 })).toEqual({ label: 'page', value: '4' })
    expect(locatorOf({ paragraph: 6 })).toEqual({ label: 'paragraph', value: '6' })
    expect(locatorOf({ paragraph: null })).toBeUndefined()
  })

  it('takes a .csl file the user adds: checked, kept in the workspace, listed and used; a file that is not a style is refused', async () => {
    const dir = tempDir()
    const nb = await open(dir)
    const b64 = (text: string) => Buffer.from(text).toString('base64')
    const apa = readFileSync(join(findAppRoot(), 'resources', 'csl', 'styles', 'apa.csl'), 'utf8')
    const mine = apa.replace(/<title>[^<]*<\/title>/, '<title>My department’s APA</title>')
    const added = await nb.addCitationStyle({ fileName: 'My Dept APA.csl', base64: b64(mine) })
    expect(added).toMatchObject({ id: 'user-my-dept-apa', title: 'My department’s APA', added: true })
    expect(readFileSync(join(dir, 'styles', 'my-dept-apa.csl'), 'utf8')).toBe(mine)
    expect((await nb.listCitationStyles()).map((s) => s.id)).toContain('user-my-dept-apa')
    await nb.updateSettings({ citationStyle: 'user-my-dept-apa' })
    const source = await nb.getSource('russia-iran-alignment')
    expect((await nb.formatCitation({ sourceId: source.id, blockId: source.blocks.find((b) => b.paragraph === 6)!.id })).style).toBe('My department’s APA')

    await expect(nb.addCitationStyle({ fileName: 'notes.csl', base64: b64('<html>not a style</html>') })).rejects.toThrow(/notes\.csl is not a CSL style/)
    // cut short: a style citeproc cannot read
    const broken = apa.slice(0, apa.indexOf('<citation') + 200)
    await expect(nb.addCitationStyle({ fileName: 'broken.csl', base64: b64(broken) })).rejects.toThrow(/^broken\.csl is damaged: line \d+:\d+: unclosed tag/)
    expect(existsSync(join(dir, 'styles', 'broken.csl'))).toBe(false)
  }, 60_000)
})
