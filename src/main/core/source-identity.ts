import type { SourceMeta, WorkIdentity } from '../../shared/model'
import { titleFromFileName } from './importers/source-meta'

/**
 * When an imported file is the same work as a source already in the workspace (so importing it
 * updates that source) and when it is another work that happens to share a file name: saved
 * pages are often all `index.html` or `source.html`. A file's name is never its identity.
 */

/** An address as the same page is written in several ways: no fragment, no tracking, no `www.`, no trailing slash. */
export function normalizedUrl(url: string): string | null {
  try {
    const parsed = new URL(url)
    parsed.hash = ''
    for (const key of [...parsed.searchParams.keys()]) if (/^(utm_|fbclid$|gclid$)/i.test(key)) parsed.searchParams.delete(key)
    const host = parsed.hostname.toLowerCase().replace(/^www\./, '')
    const path = parsed.pathname.replace(/\/+$/, '')
    return `${host}${path}${parsed.search}`
  } catch {
    return null
  }
}

const folded = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()

/** What a source's file said of the work: its identity as imported, not as the user corrected it. */
export function identityOf(meta: SourceMeta): WorkIdentity & { originalFile?: string } {
  const { title, authors, url } = meta.imported ?? meta
  return { title, authors, ...(url ? { url } : {}), ...(meta.originalFile ? { originalFile: meta.originalFile } : {}) }
}

/** Whether the title came from the document, not from its file name (then it says nothing of the work). */
function hasOwnTitle(work: WorkIdentity & { originalFile?: string }): boolean {
  return !!work.title.trim() && (!work.originalFile || work.title !== titleFromFileName(work.originalFile))
}

/**
 * The same work: the same address when both have one (two addresses that differ are two works,
 * whatever their titles); otherwise the same title, taken from the document, and the same
 * authors. Without authors on either side a title is weak evidence ("Introduction"): the file
 * name must match too.
 */
export function isSameWork(existing: SourceMeta, incoming: SourceMeta): boolean {
  const a = identityOf(existing)
  const b = identityOf(incoming)
  const urlA = a.url ? normalizedUrl(a.url) : null
  const urlB = b.url ? normalizedUrl(b.url) : null
  if (urlA && urlB) return urlA === urlB
  if (!hasOwnTitle(a) || !hasOwnTitle(b) || folded(a.title) !== folded(b.title)) return false
  const authors = (work: WorkIdentity): string => work.authors.map(folded).sort().join('|')
  if (authors(a) !== authors(b)) return false
  return authors(a) !== '' || a.originalFile?.toLowerCase() === b.originalFile?.toLowerCase()
}
