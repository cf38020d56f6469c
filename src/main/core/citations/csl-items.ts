import { extname } from 'node:path'
import type { Source } from '../../../shared/model'
import { derivedCitationKey, uniqueCitationKey } from '../citation-keys'

/** A Pandoc citation key for a source: its own, else "<first author's surname><year>", else its id. */
export function citationKey(source: Source): string {
  return source.meta.citationKey ?? derivedCitationKey(source.meta, source.id)
}

/** One key per source, none shared (two works of one author and year become "…2021" and "…2021b"). */
export function citationKeys(sources: Source[]): Map<string, string> {
  const keys = new Map<string, string>()
  const taken = new Set<string>()
  for (const source of sources) {
    const key = uniqueCitationKey(citationKey(source), taken)
    taken.add(key)
    keys.set(source.id, key)
  }
  return keys
}

/** A CSL-JSON item (the format citeproc, Pandoc and Zotero share). */
export type CslItem = Record<string, unknown> & { id: string; type: string }

/** What kind of work a source is, as CSL names it: a saved page is a web page, a PDF in a periodical an article. */
function cslType(source: Source): string {
  if (source.meta.type) return source.meta.type
  const pdf = extname(source.meta.originalFile ?? '').toLowerCase() === '.pdf'
  if (pdf) return source.meta.container ? 'article-journal' : 'document'
  if (source.meta.url) return 'webpage'
  return source.meta.container ? 'article-magazine' : 'document'
}

/** CSL-JSON items for the sources, under their keys. */
export function cslItems(sources: Source[], keys: Map<string, string>): CslItem[] {
  return sources.map((s) => {
    const [y, m, d] = (s.meta.date ?? '').split('-').map(Number)
    const key = keys.get(s.id) ?? citationKey(s)
    const item: CslItem = {
      id: key,
      'citation-key': key,
      type: cslType(s),
      title: s.meta.title,
      author: s.meta.authors.map((name) => {
        const parts = name.trim().split(/\s+/)
        return parts.length > 1 ? { family: parts.at(-1), given: parts.slice(0, -1).join(' ') } : { literal: name }
      })
    }
    if (y) item['issued'] = { 'date-parts': [[y, ...(m ? [m] : []), ...(d ? [d] : [])]] }
    if (s.meta.container) item['container-title'] = s.meta.container
    if (s.meta.publisher) item['publisher'] = s.meta.publisher
    if (s.meta.url) item['URL'] = s.meta.url
    if (s.meta.doi) item['DOI'] = s.meta.doi
    if (s.meta.pages) item['page'] = s.meta.pages
    return item
  })
}
