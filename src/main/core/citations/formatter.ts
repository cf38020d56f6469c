import type { CitationLocale } from '../../../shared/citations'
import { hashId } from '../../../shared/hash'
import type { CitationStyles } from './citation-styles'
import type { CslItem } from './csl-items'

/** Where a citation points inside its work: a paragraph (`para. 6`) or a page (`p. 4`). */
export interface Locator {
  label: 'paragraph' | 'page'
  value: string
}

/** One citation of a work, in reading order. */
export interface Cite {
  id: string
  locator?: Locator
}

/** What citeproc's engine (as citation-js prepares it) is asked here. */
interface CiteprocEngine {
  updateItems(ids: string[]): string[]
  rebuildProcessorState(citations: unknown[], format: string, uncited: unknown[]): [string, number, string][]
  makeBibliography(): [unknown, string[]] | false
}

interface CslPlugin {
  engine(items: CslItem[], style: string, locale: string, format: string): CiteprocEngine
  styles: { add(id: string, xml: string): void; has(id: string): boolean }
  locales: { add(id: string, xml: string): void; has(id: string): boolean }
}

/** A style and locale ready to format, synchronously (an export formats hundreds of citations). */
export interface PreparedStyle {
  /** Cites in notes (Chicago notes): each citation is a footnote's text. */
  note: boolean
  /** Every citation of `cites`, in order (numbering, "ibid." and disambiguation follow the order), and the bibliography of the works cited. */
  format(items: CslItem[], cites: Cite[], output: 'text' | 'html'): { citations: string[]; bibliography: string[] }
}

/**
 * Formats citations and bibliographies in a CSL style through citation-js (citeproc-js inside),
 * with the styles and locales Pilcrow ships. citation-js loads when first asked: it is large,
 * and nothing at start needs it. A style's engine takes about a second to build the first time.
 */
export class CitationFormatter {
  private plugin: Promise<CslPlugin> | null = null

  constructor(private readonly styles: CitationStyles) {}

  private load(): Promise<CslPlugin> {
    this.plugin ??= (async () => {
      const { plugins } = await import('@citation-js/core')
      await import('@citation-js/plugin-csl')
      return plugins.config.get('@csl') as CslPlugin
    })()
    return this.plugin
  }

  /** The style (a shipped style's id) and locale, registered with citeproc and ready. */
  async prepare(style: string, locale: CitationLocale): Promise<PreparedStyle> {
    const csl = await this.load()
    // named by its text too: a style the user replaced is registered anew
    const xml = this.styles.style(style)
    const styleId = `pilcrow-${style}-${hashId(xml)}`
    if (!csl.styles.has(styleId)) csl.styles.add(styleId, xml)
    if (!csl.locales.has(locale)) csl.locales.add(locale, this.styles.locale(locale))
    const note = this.styles.list().find((s) => s.id === style)?.note ?? false
    return {
      note,
      format: (items, cites, output) => {
        const engine = csl.engine(items, styleId, locale, output)
        const citations = cites.map((cite, i) => ({
          citationID: `c${i}`,
          citationItems: [{ id: cite.id, ...(cite.locator ? { locator: cite.locator.value, label: cite.locator.label } : {}) }],
          properties: { noteIndex: note ? i + 1 : 0 }
        }))
        const formatted = citations.length > 0 ? engine.rebuildProcessorState(citations, output, []).map((c) => c[2]) : []
        engine.updateItems([...new Set(cites.map((c) => c.id))])
        const bibliography = engine.makeBibliography()
        return { citations: formatted, bibliography: bibliography ? bibliography[1].map((entry) => entry.trim()) : [] }
      }
    }
  }
}
