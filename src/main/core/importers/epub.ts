import createDOMPurify from 'dompurify'
import { unzipSync, type UnzipFileInfo } from 'fflate'
import { JSDOM, VirtualConsole } from 'jsdom'
import { posix } from 'node:path'
import { assignIdsAndNumbers } from '../../../shared/block-ids'
import { toIsoDate } from '../../../shared/dates'
import { PilcrowError } from '../../../shared/errors'
import type { SourceMeta } from '../../../shared/model'
import { draft, run, type DraftBlock, type ImportedSource } from './draft-blocks'
import { SANITIZE } from './html'
import { htmlToBlocks } from './html-blocks'
import type { ImportProgress } from './progress'
import { collapsed, findDoi, splitAuthors, titleFromFileName } from './source-meta'

/** Unpacked, a book may not exceed this (a zip bomb is refused before it is inflated). */
const UNPACKED_LIMIT_BYTES = 400 * 1024 * 1024

/**
 * Imports an EPUB book: its package (OPF) gives the metadata and the spine, the chapters' reading
 * order; each chapter's XHTML goes through the same sanitising as a saved web page (DOMPurify's
 * allow-list: no scripts, styles, images or anything fetched) and becomes blocks; the navigation
 * document (or the EPUB 2 NCX) names the chapters, each starting with its title as a heading
 * when the chapter's own text does not open with it.
 */
export function importEpub(bytes: Uint8Array, fileName: string, onProgress?: ImportProgress): ImportedSource {
  const files = unpack(bytes, fileName)
  const text = (path: string): string | undefined => (files[path] ? new TextDecoder().decode(files[path]) : undefined)
  const containerXml = text('META-INF/container.xml')
  if (!containerXml) throw new PilcrowError('unsupported-format', `${fileName}: this is not an EPUB book (it has no META-INF/container.xml).`)
  const opfPath = xml(containerXml).querySelector('rootfile')?.getAttribute('full-path') ?? ''
  const opfXml = text(opfPath)
  if (!opfXml) throw new PilcrowError('unsupported-format', `${fileName}: the book's package file (${opfPath || 'its OPF'}) is missing.`)
  const opf = xml(opfXml)
  const base = posix.dirname(opfPath)
  const resolve = (href: string): string => posix.normalize(posix.join(base, decodeURIComponent(href.split('#')[0]!)))
  const manifest = new Map<string, { href: string; type: string; properties: string }>()
  for (const item of opf.querySelectorAll('manifest > item')) manifest.set(item.getAttribute('id') ?? '', { href: resolve(item.getAttribute('href') ?? ''), type: item.getAttribute('media-type') ?? '', properties: item.getAttribute('properties') ?? '' })
  const spine = [...opf.querySelectorAll('spine > itemref')].filter((ref) => ref.getAttribute('linear') !== 'no').map((ref) => manifest.get(ref.getAttribute('idref') ?? '')).filter((item) => item && /html/.test(item.type))
  if (spine.length === 0) throw new PilcrowError('unsupported-format', `${fileName}: the book's spine lists no chapters.`)
  const titles = chapterTitles(opf, manifest, text)

  const purifierWindow = new JSDOM('', { virtualConsole: new VirtualConsole() }).window
  const purify = createDOMPurify(purifierWindow as unknown as Window & typeof globalThis)
  const drafts: DraftBlock[] = []
  let chapters = 0
  try {
    spine.forEach((item, i) => {
      onProgress?.({ done: i + 1, total: spine.length, unit: 'chapter' })
      const source = text(item!.href)
      if (!source) return
      const page = new JSDOM(source, { virtualConsole: new VirtualConsole() }).window
      try {
        const clean = purify.sanitize(page.document.body?.innerHTML ?? '', SANITIZE) as unknown as Element
        const chapter = htmlToBlocks(clean).filter((b) => b.text.trim() !== '')
        const title = titles.get(item!.href)
        if (title && chapter[0]?.text !== title && chapter.length > 0) chapter.unshift(draft('heading', [run(title, [])], 1))
        // a chapter is a spine item the navigation names: its blocks say which (a title page is none)
        if (title && chapter.length > 0) {
          chapters++
          for (const block of chapter) block.chapter = chapters
        }
        drafts.push(...chapter)
      } finally {
        page.close()
      }
    })
  } finally {
    purifierWindow.close()
  }
  const blocks = assignIdsAndNumbers(drafts)
  return { meta: packageMeta(opf, fileName), blocks }
}

/** The book's files, inflated; refused when they would unpack to more than the limit or the zip is damaged. */
function unpack(bytes: Uint8Array, fileName: string): Record<string, Uint8Array> {
  let unpacked = 0
  try {
    return unzipSync(bytes, {
      filter: (file: UnzipFileInfo) => {
        unpacked += file.originalSize
        if (unpacked > UNPACKED_LIMIT_BYTES) throw new PilcrowError('unsupported-format', `${fileName}: the book unpacks to more than ${UNPACKED_LIMIT_BYTES / 1024 / 1024} MB; it is not imported.`)
        // text only: images, fonts and audio are never read
        return /\.(xml|opf|ncx|x?html?|xht)$/i.test(file.name) || file.name === 'mimetype'
      }
    })
  } catch (error) {
    if (error instanceof PilcrowError) throw error
    throw new PilcrowError('unsupported-format', `${fileName}: this book could not be unpacked (${(error as Error).message}).`)
  }
}

function xml(text: string): Document {
  return new JSDOM(text, { contentType: 'text/xml', virtualConsole: new VirtualConsole() }).window.document
}

/** Each chapter's title by its file: from the EPUB 3 navigation document, else the EPUB 2 NCX. */
function chapterTitles(opf: Document, manifest: Map<string, { href: string; type: string; properties: string }>, text: (path: string) => string | undefined): Map<string, string> {
  const titles = new Map<string, string>()
  const nav = [...manifest.values()].find((item) => item.properties.split(/\s+/).includes('nav'))
  const navText = nav && text(nav.href)
  if (nav && navText) {
    const doc = new JSDOM(navText, { virtualConsole: new VirtualConsole() }).window.document
    const toc = doc.querySelector('nav[*|type~="toc"], nav[epub\\:type~="toc"]') ?? doc.querySelector('nav')
    for (const link of toc?.querySelectorAll('a[href]') ?? []) {
      const path = posix.normalize(posix.join(posix.dirname(nav.href), decodeURIComponent(link.getAttribute('href')!.split('#')[0]!)))
      const title = collapsed(link.textContent)
      if (title && !titles.has(path)) titles.set(path, title)
    }
    return titles
  }
  const ncxId = opf.querySelector('spine')?.getAttribute('toc')
  const ncx = ncxId ? manifest.get(ncxId) : [...manifest.values()].find((item) => item.type === 'application/x-dtbncx+xml')
  const ncxText = ncx && text(ncx.href)
  if (!ncx || !ncxText) return titles
  for (const point of xml(ncxText).querySelectorAll('navPoint')) {
    const src = point.querySelector('content')?.getAttribute('src')
    const title = collapsed(point.querySelector('navLabel text')?.textContent)
    if (!src || !title) continue
    const path = posix.normalize(posix.join(posix.dirname(ncx.href), decodeURIComponent(src.split('#')[0]!)))
    if (!titles.has(path)) titles.set(path, title)
  }
  return titles
}

/** Title, authors, date, publisher and DOI from the package's Dublin Core metadata. */
function packageMeta(opf: Document, fileName: string): SourceMeta {
  const all = (name: string): string[] => [...opf.getElementsByTagNameNS('http://purl.org/dc/elements/1.1/', name)].map((el) => collapsed(el.textContent)).filter((v): v is string => v !== undefined)
  const meta: SourceMeta = {
    title: all('title')[0] ?? titleFromFileName(fileName),
    authors: all('creator').flatMap((creator) => splitAuthors(creator)),
    originalFile: fileName,
    type: 'book'
  }
  const date = toIsoDate(all('date')[0])
  if (date) meta.date = date
  const publisher = all('publisher')[0]
  if (publisher) meta.publisher = publisher
  const doi = all('identifier').map((id) => findDoi(id)).find((d) => d !== undefined)
  if (doi) meta.doi = doi
  return meta
}
