import { promises as fs } from 'node:fs'
import { basename, join } from 'node:path'
import { createAnchor, type ParagraphAnchor } from '../../../shared/anchors'
import { PilcrowError } from '../../../shared/errors'
import { PARAGRAPH_LINK_TYPE } from '../../../shared/links'
import type { JsonNode } from '../../../shared/markdown/lexical-json'
import { markdownToNote } from '../../../shared/markdown/parse'
import type { Source } from '../../../shared/model'
import type { SerializedEditorState } from '../../../shared/notes'
import { splitFrontMatter } from '../importers/front-matter'
import type { NotesService } from '../notes'
import type { SourcesService } from '../sources'

export interface NotebookImportResult {
  notes: { id: string; title: string; links: number }[]
  sources: { id: string; title: string }[]
}

/** A link to an exported source paragraph: `…/sources/<id>.md#p6` (or `#<block id>`, `#^p6`). */
const SOURCE_LINK = /(?:^|\/)sources\/([a-z0-9][a-z0-9-]*)\.md#\^?([A-Za-z0-9-]+)$/

/**
 * Imports an exported notebook (or Markdown notes written elsewhere in the same syntax): the
 * sources it carries that the workspace lacks, then every note, with its paragraph links
 * restored — exactly, from the anchors the export keeps in each note's front matter, or from
 * the link's source and ¶ number.
 */
export async function importNotebook(folder: string, notes: NotesService, sources: SourcesService): Promise<NotebookImportResult> {
  const result: NotebookImportResult = { notes: [], sources: [] }
  const noteDir = (await isDir(join(folder, 'notes'))) ? join(folder, 'notes') : folder
  const noteFiles = (await fs.readdir(noteDir)).filter((n) => n.toLowerCase().endsWith('.md') && n !== 'index.md').sort()
  if (noteFiles.length === 0) throw new PilcrowError('invalid-argument', `${folder} holds no Markdown notes (looked for notes/*.md and *.md).`)

  const sourceDir = join(folder, 'sources')
  if (await isDir(sourceDir)) {
    for (const name of (await fs.readdir(sourceDir)).filter((n) => n.endsWith('.md')).sort()) {
      const id = basename(name, '.md')
      if (sources.has(id)) continue
      const { source } = await sources.importFile(join(sourceDir, name), { reimport: false })
      result.sources.push({ id: source.id, title: source.meta.title })
    }
  }

  for (const file of noteFiles) {
    const raw = await fs.readFile(join(noteDir, file), 'utf8')
    const { data, body } = splitFrontMatter(raw, file)
    const saved = savedCitations(data)
    let ordinal = 0
    let links = 0
    const chip = (anchor: ParagraphAnchor, sourceTitle: string): JsonNode => {
      links++
      return { type: PARAGRAPH_LINK_TYPE, version: 1, anchor, sourceTitle }
    }
    const content = markdownToNote(body, {
      citation: (href) => {
        const match = SOURCE_LINK.exec(href)
        if (!match) return null
        const exact = saved[ordinal++]
        if (exact && exact.anchor.sourceId === match[1]) return chip(exact.anchor, exact.sourceTitle)
        const source = sources.find(match[1]!)
        const block = source && findBlock(source, match[2]!)
        return source && block ? chip(createAnchor(source, block.id), source.meta.title) : null
      },
      orphan: (paragraph, quote) => {
        const exact = saved[ordinal++]
        if (exact) return chip(exact.anchor, exact.sourceTitle)
        return chip({ sourceId: 'unknown', blockId: 'unknown', paragraph, quote: { exact: quote, prefix: '', suffix: '' } }, 'Unknown source')
      }
    }) as unknown as SerializedEditorState
    const title = typeof data['title'] === 'string' ? data['title'] : basename(file, '.md')
    const pilcrow = data['pilcrow'] as { id?: unknown } | undefined
    const created = isoOr(data['created'])
    const note = await notes.add({
      id: typeof pilcrow?.id === 'string' ? pilcrow.id : undefined,
      title,
      createdAt: created,
      updatedAt: isoOr(data['updated'], created),
      content
    })
    result.notes.push({ id: note.id, title: note.title, links })
  }
  return result
}

function savedCitations(data: Record<string, unknown>): { anchor: ParagraphAnchor; sourceTitle: string }[] {
  const list = (data['pilcrow'] as { citations?: unknown } | undefined)?.citations
  if (!Array.isArray(list)) return []
  return list.flatMap((c: Record<string, unknown>) => {
    const quote = c['quote'] as ParagraphAnchor['quote'] | undefined
    if (typeof c['sourceId'] !== 'string' || typeof c['blockId'] !== 'string' || typeof quote?.exact !== 'string') return []
    const anchor: ParagraphAnchor = {
      sourceId: c['sourceId'],
      blockId: c['blockId'],
      quote: { exact: quote.exact, prefix: String(quote.prefix ?? ''), suffix: String(quote.suffix ?? '') },
      paragraph: typeof c['paragraph'] === 'number' ? c['paragraph'] : null
    }
    const range = c['range'] as { start?: unknown; end?: unknown } | undefined
    if (typeof range?.start === 'number' && typeof range.end === 'number') anchor.range = { start: range.start, end: range.end }
    return [{ anchor, sourceTitle: String(c['sourceTitle'] ?? c['sourceId']) }]
  })
}

/** `p6` names ¶6; anything else is a block id. */
function findBlock(source: Source, anchor: string) {
  const paragraph = /^p(\d+)$/.exec(anchor)
  return paragraph ? source.blocks.find((b) => b.paragraph === Number(paragraph[1])) : source.blocks.find((b) => b.id === anchor)
}

function isoOr(value: unknown, fallback = new Date().toISOString()): string {
  if (value instanceof Date) return value.toISOString()
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : fallback
}

async function isDir(path: string): Promise<boolean> {
  return fs.stat(path).then(
    (s) => s.isDirectory(),
    () => false
  )
}
