import { Readability } from '@mozilla/readability'
import createDOMPurify, { type Config } from 'dompurify'
import { JSDOM, VirtualConsole } from 'jsdom'
import { assignIdsAndNumbers } from '../../../shared/block-ids'
import { toIsoDate } from '../../../shared/dates'
import { PilcrowError } from '../../../shared/errors'
import type { SourceMeta } from '../../../shared/model'
import type { ImportedSource } from './draft-blocks'
import { htmlToBlocks } from './html-blocks'
import { collapsed, splitAuthors, titleFromFileName, findDoi } from './source-meta'

/**
 * What survives sanitising: text structure and emphasis only. No scripts, styles, forms, frames,
 * images or media (so nothing is ever fetched), no attributes but a link's target, and only
 * http(s) and mailto targets.
 */
export const SANITIZE: Config & { RETURN_DOM: true } = {
  ALLOWED_TAGS: ['a', 'b', 'blockquote', 'br', 'caption', 'cite', 'code', 'dd', 'del', 'dfn', 'div', 'dl', 'dt', 'em', 'figcaption', 'figure', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre', 'q', 's', 'samp', 'section', 'small', 'span', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'tt', 'u', 'ul', 'var', 'article', 'aside', 'header', 'footer', 'main'],
  ALLOWED_ATTR: ['href'],
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  KEEP_CONTENT: true,
  RETURN_DOM: true
}

/**
 * Imports a saved web page: Mozilla's Readability finds the article, DOMPurify strips it to an
 * allow-list, and the result becomes blocks. Title, byline, date and site name come from the
 * page's metadata (as Readability reads it); the address from its canonical link. The page is
 * parsed without running scripts or loading anything.
 */
export function importHtml(text: string, fileName: string): ImportedSource {
  const page = new JSDOM(text, { virtualConsole: new VirtualConsole() }).window
  const purifierWindow = new JSDOM('', { virtualConsole: new VirtualConsole() }).window
  try {
    const url = pageUrl(page.document)
    if (url) setBase(page.document, url)
    let article: ReturnType<Readability<string>['parse']>
    try {
      article = new Readability(page.document, { keepClasses: false }).parse()
    } catch (error) {
      throw new PilcrowError('unsupported-format', `${fileName}: the page could not be read (${(error as Error).message}).`)
    }
    if (!article?.content) throw new PilcrowError('unsupported-format', `${fileName}: no article text was found in this page.`)

    const clean = createDOMPurify(purifierWindow as unknown as Window & typeof globalThis).sanitize(article.content, SANITIZE) as unknown as Element
    const title = collapsed(article.title) ?? titleFromFileName(fileName)
    const drafts = htmlToBlocks(clean).filter((b) => b.text.trim() !== '')
    // Readability sometimes keeps the headline inside the article: it is the title, not a block
    if (drafts[0]?.kind === 'heading' && drafts[0].text === title) drafts.shift()
    const blocks = assignIdsAndNumbers(drafts)
    if (blocks.length === 0) throw new PilcrowError('unsupported-format', `${fileName}: no article text was found in this page.`)

    const meta: SourceMeta = { title, authors: authorsFromByline(article.byline), originalFile: fileName }
    const date = toIsoDate(article.publishedTime)
    if (date) meta.date = date
    const site = collapsed(article.siteName)
    if (site) meta.container = site
    if (url) meta.url = url
    Object.assign(meta, scholarlyMeta(page.document))
    return { meta, blocks }
  } finally {
    page.close()
    purifierWindow.close()
  }
}

const MONTH = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d/i

/** "By Nathan Willis\n March 25, 2015" → ["Nathan Willis"]; a byline that is only a date → []. */
export function authorsFromByline(byline: string | null | undefined): string[] {
  let text = collapsed(byline)
  if (!text) return []
  text = text.replace(/^by\s+/i, '')
  const date = MONTH.exec(text) ?? /\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b/.exec(text)
  if (date) text = text.slice(0, date.index)
  text = text.replace(/[\s,|·–-]+$/, '').trim()
  if (!/\p{L}/u.test(text) || text.length > 120) return []
  return splitAuthors(text, { commas: true })
}

/**
 * What a journal's article page says of itself for Google Scholar (the Highwire Press tags:
 * `citation_doi`, `citation_journal_title`, `citation_firstpage`…) and Dublin Core: its DOI, its
 * journal, its pages. Such a page is a journal article, not a web page.
 */
function scholarlyMeta(document: Document): Partial<SourceMeta> {
  const tag = (...names: string[]): string | undefined => {
    for (const name of names) {
      const value = collapsed(document.querySelector(`meta[name="${name}" i]`)?.getAttribute('content'))
      if (value) return value
    }
    return undefined
  }
  const found: Partial<SourceMeta> = {}
  const doi = findDoi(tag('citation_doi', 'prism.doi', 'dc.identifier', 'DC.Identifier'))
  if (doi) found.doi = doi
  const journal = tag('citation_journal_title')
  if (journal) {
    found.container = journal
    found.type = 'article-journal'
  }
  const first = tag('citation_firstpage')
  const last = tag('citation_lastpage')
  if (first) found.pages = last ? `${first}–${last}` : first
  return found
}

function pageUrl(document: Document): string | undefined {
  const candidates = [
    document.querySelector('link[rel="canonical"]')?.getAttribute('href'),
    document.querySelector('meta[property="og:url"]')?.getAttribute('content')
  ]
  for (const candidate of candidates) {
    try {
      if (candidate && /^https?:/i.test(candidate)) return new URL(candidate).href
    } catch {
      // not an address; try the next one
    }
  }
  return undefined
}

/** Relative links in the article resolve against the page's own address. */
function setBase(document: Document, url: string): void {
  const base = document.querySelector('base') ?? document.createElement('base')
  base.setAttribute('href', url)
  if (!base.parentNode) document.head?.prepend(base)
}
