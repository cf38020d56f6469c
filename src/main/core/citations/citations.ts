import type { CitationRequest, CitationStyleInfo, FormattedCitation } from '../../../shared/citations'
import { PilcrowError } from '../../../shared/errors'
import type { Block } from '../../../shared/model'
import type { Settings } from '../../../shared/settings'
import type { SourcesService } from '../sources'
import { CitationStyles } from './citation-styles'
import { citationKey, cslItems } from './csl-items'
import { CitationFormatter, type Locator, type PreparedStyle } from './formatter'

/** The style every notebook starts with, and falls back to when the chosen one is gone. */
export const DEFAULT_CITATION_STYLE = 'apa'

/** Where a citation of `block` points: its page in a PDF, else its ¶; none for a heading. */
export function locatorOf(block: Pick<Block, 'paragraph' | 'page'> | undefined): Locator | undefined {
  if (block?.page !== undefined) return { label: 'page', value: String(block.page) }
  if (block?.paragraph !== null && block?.paragraph !== undefined) return { label: 'paragraph', value: String(block.paragraph) }
  return undefined
}

/** Citations of the notebook's sources in the style and locale the settings name. */
export class Citations {
  readonly styles: CitationStyles
  private readonly formatter: CitationFormatter

  constructor(
    cslDir: () => string,
    addedStylesDir: string,
    private readonly sources: SourcesService,
    private readonly settings: () => Settings
  ) {
    this.styles = new CitationStyles(cslDir, addedStylesDir)
    this.formatter = new CitationFormatter(this.styles)
  }

  listStyles(): CitationStyleInfo[] {
    return this.styles.list()
  }

  /** Adds a `.csl` file the user chose, once citeproc has formatted a citation with it; returns it as listed. */
  async addStyle(fileName: string, xml: string): Promise<CitationStyleInfo> {
    const id = await this.styles.add(fileName, xml)
    try {
      const style = await this.formatter.prepare(id, this.settings().citationLocale)
      const { citations } = style.format([{ id: 'probe', type: 'book', title: 'A test', author: [{ family: 'Doe', given: 'Jane' }], issued: { 'date-parts': [[2020]] } }], [{ id: 'probe' }], 'text')
      // citeproc reads what it can of a damaged file: a style that cites nothing is not one
      if (!citations[0]?.trim()) throw new Error('a citation came out empty')
    } catch (error) {
      await this.styles.remove(id)
      throw new PilcrowError('invalid-argument', `${fileName} cannot be used: citeproc could not format with it (${(error as Error).message}).`)
    }
    return this.styles.list().find((s) => s.id === id)!
  }

  /** The style the settings name (the default when it is not one Pilcrow ships). */
  chosenStyle(): string {
    const style = this.settings().citationStyle
    return this.styles.has(style) ? style : DEFAULT_CITATION_STYLE
  }

  /** A style (the chosen one unless named), ready to format. */
  async prepared(style = this.chosenStyle()): Promise<PreparedStyle & { info: CitationStyleInfo }> {
    const id = this.styles.has(style) ? style : DEFAULT_CITATION_STYLE
    const prepared = await this.formatter.prepare(id, this.settings().citationLocale)
    return { ...prepared, info: this.styles.list().find((s) => s.id === id)! }
  }

  /** A source (or one of its paragraphs) cited in the chosen style, and its bibliography entry, as plain text. */
  async format(request: CitationRequest): Promise<FormattedCitation> {
    const source = this.sources.get(request.sourceId)
    const block = request.blockId === undefined ? undefined : source.blocks.find((b) => b.id === request.blockId)
    if (request.blockId !== undefined && !block) throw new PilcrowError('not-found', `“${source.meta.title}” has no paragraph "${request.blockId}" (it may have changed since).`)
    const style = await this.prepared()
    const [item] = cslItems([source], new Map([[source.id, citationKey(source)]]))
    const locator = locatorOf(block)
    const { citations, bibliography } = style.format([item!], [{ id: item!.id, ...(locator ? { locator } : {}) }], 'text')
    return { citation: citations[0] ?? '', reference: bibliography[0] ?? '', style: style.info.title }
  }
}
