import type { Source } from '../../../shared/model'

/** A Pandoc citation key for a source: its own, else "<first author's surname><year>", else its id. */
export function citationKey(source: Source): string {
  if (source.meta.citationKey) return source.meta.citationKey
  const surname = source.meta.authors[0]?.split(/\s+/).at(-1)?.toLowerCase().replace(/[^a-z0-9]/g, '')
  const year = source.meta.date?.slice(0, 4)
  return surname && year ? `${surname}${year}` : source.id
}

const bibEscape = (text: string): string => text.replace(/([{}\\&%$#_])/g, '\\$1')

/** BibTeX entries for the cited sources (online articles as @article, others as @misc). */
export function toBibTeX(sources: Source[]): string {
  return sources
    .map((s) => {
      const fields: [string, string | undefined][] = [
        ['title', s.meta.title],
        ['author', s.meta.authors.join(' and ') || undefined],
        ['year', s.meta.date?.slice(0, 4)],
        ['date', s.meta.date],
        ['journal', s.meta.container],
        ['publisher', s.meta.publisher],
        ['url', s.meta.url]
      ]
      const body = fields
        .filter((f): f is [string, string] => !!f[1])
        .map(([k, v]) => `  ${k} = {${bibEscape(v)}}`)
        .join(',\n')
      return `@${s.meta.container ? 'article' : 'misc'}{${citationKey(s)},\n${body}\n}\n`
    })
    .join('\n')
}

/** CSL JSON items for the cited sources (what Zettlr and Pandoc's citeproc read). */
export function toCslJson(sources: Source[]): string {
  const items = sources.map((s) => {
    const [y, m, d] = (s.meta.date ?? '').split('-').map(Number)
    const item: Record<string, unknown> = {
      id: citationKey(s),
      type: s.meta.container ? 'article-magazine' : 'document',
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
    return item
  })
  return JSON.stringify(items, null, 2) + '\n'
}
