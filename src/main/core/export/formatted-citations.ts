import { resolveAnchor } from '../../../shared/anchors'
import type { SerializedParagraphLink } from '../../../shared/links'
import type { JsonNode } from '../../../shared/markdown/lexical-json'
import { noteToMarkdown, type CitationTarget } from '../../../shared/markdown/serialize'
import type { Block, Source } from '../../../shared/model'
import { locatorOf } from '../citations/citations'
import { cslItems, type CslItem } from '../citations/csl-items'
import type { Cite } from '../citations/formatter'

/** A CSL style ready to format, in Markdown (see `Citations.prepared`). */
export interface CslFormat {
  /** Cites in notes (Chicago notes): each citation becomes a footnote. */
  note: boolean
  format(items: CslItem[], cites: Cite[]): { citations: string[]; bibliography: string[] }
}

/** Where the bibliography an export adds to a note starts and ends: an import leaves it out (it is not the note's text). */
export const BIBLIOGRAPHY_START = '<!-- pilcrow-bibliography -->'
export const BIBLIOGRAPHY_END = '<!-- /pilcrow-bibliography -->'

/**
 * A note's citations that resolve, formatted in reading order in one pass of the style (so
 * numbering, "ibid." and disambiguation follow the text), and the bibliography of the works they cite.
 */
export function formatNoteCitations(root: { children?: JsonNode[] }, sourcesById: ReadonlyMap<string, Source>, keys: ReadonlyMap<string, string>, csl: CslFormat): { citations: string[]; bibliography: string[] } {
  const found: { source: Source; block: Block }[] = []
  // the same walk the export makes, so the n-th citation formatted is the n-th one written
  noteToMarkdown(root, {
    style: 'links',
    target: (link: SerializedParagraphLink): CitationTarget => {
      const source = sourcesById.get(link.anchor.sourceId)
      const block = source ? resolveAnchor(source, link.anchor).block : null
      if (source && block) found.push({ source, block })
      return { resolved: false, paragraph: null, anchor: '', href: '', citationKey: '', authors: [], title: '', date: '' }
    }
  })
  if (found.length === 0) return { citations: [], bibliography: [] }
  const { items, cites } = citesOf(found, keys)
  return csl.format(items, cites)
}

/** Resolved citations, in order, as citeproc takes them: the works cited (once each, under their keys) and each citation with its locator. */
export function citesOf(found: readonly { source: Source; block: Block }[], keys: ReadonlyMap<string, string>): { items: CslItem[]; cites: Cite[] } {
  const works = [...new Map(found.map((f) => [f.source.id, f.source])).values()]
  const items = cslItems(works, new Map(keys))
  const idOf = new Map(works.map((w, i) => [w.id, items[i]!.id]))
  const cites = found.map(({ source, block }): Cite => {
    const locator = locatorOf(block)
    return { id: idOf.get(source.id)!, ...(locator ? { locator } : {}) }
  })
  return { items, cites }
}

/** The bibliography a formatted export adds at the end of a note. */
export function bibliographySection(entries: readonly string[]): string {
  return `${BIBLIOGRAPHY_START}\n\n## References\n\n${entries.join('\n\n')}\n\n${BIBLIOGRAPHY_END}\n`
}
