import { Cite } from '@citation-js/core'
import '@citation-js/plugin-bibtex'
import type { CslItem } from '../citations/csl-items'

/** The items as CSL-JSON, what notes point Pandoc at (`bibliography: references.json`). */
export function toCslJson(items: CslItem[]): string {
  return JSON.stringify(items, null, 2) + '\n'
}

/** The items as BibLaTeX, written by citation-js (capitals kept in braces, web pages as @online, full dates). */
export function toBibLaTeX(items: CslItem[]): string {
  return items.length === 0 ? '' : new Cite(items).format('biblatex')
}
