import { createAnchor, resolveAnchor, type ParagraphAnchor } from '../../../shared/anchors'
import type { CitationRef } from '../../../shared/markdown/parse'
import type { Block, Source } from '../../../shared/model'
import type { SavedCitation } from './note-data'

/** What a citation in an exported note's text says: which source, which ¶ (or page), and which words, as far as it says. */
interface Said {
  sourceId: string | null
  blockId: string | null
  paragraph: number | null
  page: number | null
  quote: string | null
}

/** A citation of the text, found again: the anchor for its chip, or an orphan with the words it keeps. */
export type Paired = { anchor: ParagraphAnchor; sourceTitle: string; orphan: boolean }

/** A link to an exported source paragraph: `…/sources/<id>.md#^p6` (or `#p6`, or `#<block id>`). */
const SOURCE_LINK = /(?:^|\/)sources\/([a-z0-9][a-z0-9-]*)\.md#\^?([A-Za-z0-9-]+)$/

/**
 * Pairs the citations of one note's text with the anchors its export saved, by what each says
 * (source, ¶ or page, quoted words), never by position: a citation deleted from the text, or two
 * swapped, move no other citation. A citation with no saved anchor is linked to the ¶ it names in
 * the source; one that cannot be found is an orphan that keeps its words. Saved anchors no
 * citation of the text took are reported (the citation was deleted from the text).
 */
export class CitationPairing {
  private readonly unused: SavedCitation[]
  readonly orphans: { paragraph: number | null; quote: string }[] = []
  links = 0

  constructor(
    saved: SavedCitation[],
    private readonly sourceOf: (id: string) => Source | undefined,
    /** Source ids by citation key (the note's saved keys and the workspace's). */
    private readonly keys: Map<string, string>
  ) {
    this.unused = [...saved]
  }

  /** The anchor for one citation of the text, or null when it is not a citation (a plain link elsewhere). */
  pair(ref: CitationRef): Paired | null {
    const said = this.said(ref)
    if (!said) return null
    const at = this.unused.findIndex((c) => this.matches(c, said))
    if (at !== -1) {
      const [saved] = this.unused.splice(at, 1)
      const { sourceTitle, citationKey: _key, label: _label, ...anchor } = saved!
      this.links++
      return { anchor, sourceTitle, orphan: false }
    }
    const source = said.sourceId ? this.sourceOf(said.sourceId) : undefined
    const block = source ? findBlock(source, said) : undefined
    if (source && block) {
      this.links++
      return { anchor: createAnchor(source, block.id), sourceTitle: source.meta.title, orphan: false }
    }
    const quote = said.quote ?? ''
    this.orphans.push({ paragraph: said.paragraph, quote })
    const anchor: ParagraphAnchor = { sourceId: said.sourceId ?? 'unknown', blockId: said.blockId ?? 'unknown', paragraph: said.paragraph, quote: { exact: quote, prefix: '', suffix: '' } }
    return { anchor, sourceTitle: source?.meta.title ?? 'Unknown source', orphan: true }
  }

  /** Saved anchors that no citation of the text took: citations deleted from the text. */
  get unpaired(): SavedCitation[] {
    return [...this.unused]
  }

  private said(ref: CitationRef): Said | null {
    switch (ref.kind) {
      case 'link':
      case 'footnote': {
        const match = ref.href ? SOURCE_LINK.exec(ref.href) : null
        if (!match) return ref.kind === 'link' ? null : { sourceId: null, blockId: null, paragraph: null, page: null, quote: ref.quote || null }
        const [, sourceId, anchor] = match
        const paragraph = /^p(\d+)$/.exec(anchor!)
        return {
          sourceId: sourceId!,
          blockId: paragraph ? null : anchor!,
          paragraph: paragraph ? Number(paragraph[1]) : null,
          page: null,
          quote: ref.kind === 'footnote' && ref.quote ? ref.quote : null
        }
      }
      case 'pandoc':
        return { sourceId: this.keys.get(ref.key) ?? null, blockId: null, paragraph: ref.paragraph, page: ref.page ?? null, quote: ref.unresolvedQuote ?? null }
      case 'orphan':
        return { sourceId: null, blockId: null, paragraph: ref.paragraph, page: null, quote: ref.quote }
    }
  }

  private matches(saved: SavedCitation, said: Said): boolean {
    if (said.sourceId !== null && saved.sourceId !== said.sourceId) return false
    if (said.blockId !== null && saved.blockId !== said.blockId) return false
    const shown = saved.label ?? this.label(saved)
    if (said.paragraph !== null && shown.paragraph !== said.paragraph) return false
    if (said.page !== null && shown.page !== said.page) return false
    if (said.quote !== null && !saved.quote.exact.startsWith(said.quote.replace(/…$/, ''))) return false
    // an unresolved marker names no source: its words must say it
    return said.sourceId !== null || said.quote !== null
  }

  /** How an export without labels showed a saved citation: its ¶ in the source as it is now, else when linked. */
  private label(saved: SavedCitation): { paragraph: number | null; page?: number } {
    const source = this.sourceOf(saved.sourceId)
    const block = source ? resolveAnchor(source, saved).block : null
    return block ? { paragraph: block.paragraph, ...(block.page !== undefined ? { page: block.page } : {}) } : { paragraph: saved.paragraph }
  }
}

/** The block a citation names: by id, by ¶ number, or the first block of the page it names. */
function findBlock(source: Source, said: Said): Block | undefined {
  if (said.blockId) return source.blocks.find((b) => b.id === said.blockId)
  if (said.paragraph !== null) return source.blocks.find((b) => b.paragraph === said.paragraph)
  if (said.page !== null) return source.blocks.find((b) => b.page === said.page && b.paragraph !== null)
  return undefined
}
