import { stringify } from 'yaml'
import { resolveAnchor } from '../../../shared/anchors'
import { formatDate } from '../../../shared/dates'
import type { ExportFile } from '../../../shared/export'
import type { SerializedParagraphLink } from '../../../shared/links'
import { escapeText } from '../../../shared/markdown/escape'
import type { JsonNode } from '../../../shared/markdown/lexical-json'
import { noteToMarkdown, type CitationStyle, type CitationTarget } from '../../../shared/markdown/serialize'
import type { Source } from '../../../shared/model'
import { UNTITLED } from '../../../shared/notes'
import { extractLinks } from '../link-extraction'
import type { StoredNote } from '../note-file'
import { citationKey, toBibTeX, toCslJson } from './bibliography'
import { safeFileName } from './file-names'
import { blockAnchor, sourceToMarkdown } from './source-markdown'

export type { ExportFile }

export interface ExportInput {
  notes: StoredNote[]
  /** Every source of the workspace (cited ones are exported; all of them for a notebook export). */
  sources: Source[]
  style: CitationStyle
  /** A whole-notebook export also carries sources no note cites. */
  wholeNotebook: boolean
}

/**
 * A self-contained Markdown export: `notes/*.md`, `sources/*.md` (every block anchored),
 * `index.md`, and for the Pandoc style `references.bib` and `references.json`. Every citation
 * link lands on its paragraph in any Markdown viewer.
 */
export function buildExport(request: ExportInput): ExportFile[] {
  const sourcesById = new Map(request.sources.map((s) => [s.id, s]))
  const cited = new Set<string>()
  const names = new Set<string>()
  const files: ExportFile[] = []
  const noteEntries: { title: string; file: string }[] = []

  for (const note of request.notes) {
    const target = (link: SerializedParagraphLink): CitationTarget => {
      const source = sourcesById.get(link.anchor.sourceId)
      const block = source ? resolveAnchor(source, link.anchor).block : null
      if (source) cited.add(source.id)
      return {
        resolved: block !== null,
        paragraph: block ? block.paragraph : link.anchor.paragraph,
        ...(block?.page !== undefined ? { page: block.page } : {}),
        anchor: block ? blockAnchor(block) : '',
        href: `../sources/${link.anchor.sourceId}.md`,
        citationKey: source ? citationKey(source) : link.anchor.sourceId,
        authors: source?.meta.authors ?? [],
        title: source?.meta.title ?? link.sourceTitle,
        date: source?.meta.date ? formatDate(source.meta.date) : ''
      }
    }
    const { markdown } = noteToMarkdown(note.content.root as { children?: JsonNode[] }, { style: request.style, target })
    const links = extractLinks(note.content)
    const noteSources = [...new Set(links.map((l) => l.anchor.sourceId))].map((id) => sourcesById.get(id)).filter((s): s is Source => !!s)
    const front: Record<string, unknown> = {
      title: note.title || UNTITLED,
      created: note.createdAt,
      updated: note.updatedAt,
      sources: noteSources.map((s) => ({ title: s.meta.title, file: `../sources/${s.id}.md`, ...(s.meta.citationKey ? { citationKey: s.meta.citationKey } : {}) }))
    }
    if (request.style === 'pandoc') front['bibliography'] = '../references.bib'
    // exact anchors (quote, context, range), so an import gives back the very same links
    front['pilcrow'] = { id: note.id, citations: links.map((l) => ({ ...l.anchor, sourceTitle: sourceTitleOf(sourcesById, l.anchor.sourceId) })) }
    const file = safeFileName(note.title || UNTITLED, '.md', names)
    files.push({ path: `notes/${file}`, content: `---\n${stringify(front)}---\n\n${markdown}` })
    noteEntries.push({ title: note.title || UNTITLED, file })
  }

  const exportedSources = request.sources.filter((s) => request.wholeNotebook || cited.has(s.id))
  for (const source of exportedSources) files.push({ path: `sources/${source.id}.md`, content: sourceToMarkdown(source) })
  if (request.style === 'pandoc') {
    const bibSources = exportedSources.filter((s) => cited.has(s.id))
    files.push({ path: 'references.bib', content: toBibTeX(bibSources) }, { path: 'references.json', content: toCslJson(bibSources) })
  }
  files.push({ path: 'index.md', content: indexPage(noteEntries, exportedSources) })
  return files
}

function sourceTitleOf(sources: Map<string, Source>, id: string): string {
  return sources.get(id)?.meta.title ?? id
}

function indexPage(notes: { title: string; file: string }[], sources: Source[]): string {
  const link = (text: string, path: string): string => `[${escapeText(text, false)}](<${path}>)`
  return [
    '# Pilcrow notebook',
    '',
    '## Notes',
    '',
    ...(notes.length ? notes.map((n) => `- ${link(n.title, `notes/${n.file}`)}`) : ['(none)']),
    '',
    '## Sources',
    '',
    ...(sources.length ? sources.map((s) => `- ${link(s.meta.title, `sources/${s.id}.md`)}${s.meta.authors.length ? ` — ${escapeText(s.meta.authors.join(', '), false)}` : ''}`) : ['(none)']),
    ''
  ].join('\n')
}
