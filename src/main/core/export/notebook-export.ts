import { stringify } from 'yaml'
import { resolveAnchor } from '../../../shared/anchors'
import { formatDate } from '../../../shared/dates'
import type { ExportFile } from '../../../shared/export'
import type { SerializedParagraphLink } from '../../../shared/links'
import type { SerializedNoteLink } from '../../../shared/note-links'
import { escapeText } from '../../../shared/markdown/escape'
import type { JsonNode } from '../../../shared/markdown/lexical-json'
import { noteToMarkdown, type CitationStyle, type CitationTarget } from '../../../shared/markdown/serialize'
import type { Source } from '../../../shared/model'
import { UNTITLED } from '../../../shared/notes'
import { tagsIn } from '../../../shared/tags'
import type { StoredNote } from '../note-file'
import { citationKeys, cslItems } from '../citations/csl-items'
import { toBibLaTeX, toCslJson } from './bibliography'
import { safeFileName } from './file-names'
import { noteDataComment, type SavedCitation } from './note-data'
import { blockAnchor, sourceToMarkdown } from './source-markdown'
import { highlightsToMarkdown } from './highlights-markdown'
import { bibliographySection, formatNoteCitations, type CslFormat } from './formatted-citations'
import type { HighlightColor, SourceHighlight } from '../../../shared/highlights'

export type { ExportFile }

export interface ExportInput {
  notes: StoredNote[]
  /** Every source of the workspace (cited ones are exported; all of them for a notebook export). */
  sources: Source[]
  style: CitationStyle
  /** A whole-notebook export also carries sources no note cites. */
  wholeNotebook: boolean
  /** The highlights of each source (a notebook export writes `highlights/<id>.md` for each source that has some). */
  highlights?: ReadonlyMap<string, readonly SourceHighlight[]>
  /** What the user named each highlight colour. */
  meanings?: Partial<Record<HighlightColor, string>>
  /** The title now of a note this export does not carry (a link to it names it so). */
  titleOf?: (noteId: string) => string | undefined
  /** For the `csl` style: the chosen CSL style, ready to format. */
  csl?: CslFormat
  /** For the Pandoc style: the chosen CSL style's file, written beside the bibliography and named in each note (`csl:`). */
  cslFile?: { name: string; content: string }
}

/** The bibliography a note points Pandoc at: CSL-JSON, beside the note and at the export's root, so `pandoc --citeproc` works run from either. */
const BIBLIOGRAPHY = 'references.json'

/**
 * A self-contained Markdown export: `notes/*.md`, `sources/*.md` (every block anchored),
 * `index.md`, and for the Pandoc style the bibliography (CSL-JSON, and BibLaTeX for LaTeX users).
 * Every citation link lands on its paragraph in any Markdown viewer; each note ends with a hidden
 * comment holding its exact citations, so importing the export gives back the same notes.
 */
export function buildExport(request: ExportInput): ExportFile[] {
  const sourcesById = new Map(request.sources.map((s) => [s.id, s]))
  const keys = citationKeys(request.sources)
  const cited = new Set<string>()
  const names = new Set<string>()
  const files: ExportFile[] = []
  const noteEntries: { title: string; file: string }[] = []
  // every note's file name first: a note links to notes written after it
  const fileOf = new Map(request.notes.map((note) => [note.id, safeFileName(note.title || UNTITLED, '.md', names)]))
  const titleOf = new Map(request.notes.map((note) => [note.id, note.title || UNTITLED]))
  // a link to a note this export does not carry opens it in Pilcrow (and an import finds it by its id)
  const noteTarget = (link: SerializedNoteLink): { title: string; href: string } => {
    const file = fileOf.get(link.noteId)
    return { title: titleOf.get(link.noteId) ?? request.titleOf?.(link.noteId) ?? (link.title || UNTITLED), href: file ?? `pilcrow://note/${link.noteId}` }
  }

  for (const note of request.notes) {
    const saved: SavedCitation[] = []
    const root = note.content.root as { children?: JsonNode[] }
    // formatted in the CSL style: the csl style, and footnotes when the style is a note style
    const formatted = (request.style === 'csl' || (request.style === 'footnotes' && request.csl?.note)) && request.csl ? formatNoteCitations(root, sourcesById, keys, request.csl) : null
    let nextFormatted = 0
    const target = (link: SerializedParagraphLink): CitationTarget => {
      const source = sourcesById.get(link.anchor.sourceId)
      const block = source ? resolveAnchor(source, link.anchor).block : null
      if (source) cited.add(source.id)
      const written: CitationTarget = {
        resolved: block !== null,
        paragraph: block ? block.paragraph : link.anchor.paragraph,
        ...(block?.page !== undefined ? { page: block.page } : {}),
        anchor: block ? blockAnchor(block) : '',
        href: `../sources/${link.anchor.sourceId}.md`,
        citationKey: keys.get(link.anchor.sourceId) ?? link.anchor.sourceId,
        authors: source?.meta.authors ?? [],
        title: source?.meta.title ?? link.sourceTitle,
        date: source?.meta.date ? formatDate(source.meta.date) : '',
        ...(formatted && block ? { formatted: formatted.citations[nextFormatted++] } : {})
      }
      // what the text says of this citation, beside the exact anchor: an import pairs them by it
      saved.push({ ...link.anchor, sourceTitle: written.title, citationKey: written.citationKey, label: { paragraph: written.paragraph, ...(written.page !== undefined ? { page: written.page } : {}) } })
      return written
    }
    const { markdown } = noteToMarkdown(root, { style: request.style, target, noteTarget, ...(request.csl?.note ? { cslNote: true } : {}) })
    const bibliography = formatted && formatted.bibliography.length > 0 ? `\n${bibliographySection(formatted.bibliography)}` : ''
    const noteSources = [...new Set(saved.map((c) => c.sourceId))].map((id) => sourcesById.get(id)).filter((s): s is Source => !!s)
    // flat properties only: Obsidian shows no nested front matter
    const front: Record<string, unknown> = {
      title: note.title || UNTITLED,
      created: note.createdAt,
      updated: note.updatedAt,
      sources: noteSources.map((s) => s.meta.title)
    }
    // as Obsidian reads them: a list, without the #
    const tags = tagsIn(note.content)
    if (tags.length > 0) front['tags'] = tags
    if (request.style === 'pandoc') front['bibliography'] = BIBLIOGRAPHY
    if (request.style === 'pandoc' && request.cslFile) front['csl'] = request.cslFile.name
    const file = fileOf.get(note.id)!
    files.push({ path: `notes/${file}`, content: `---\n${stringify(front)}---\n\n${markdown}${bibliography}\n${noteDataComment({ id: note.id, citations: saved })}` })
    noteEntries.push({ title: note.title || UNTITLED, file })
  }

  const exportedSources = request.sources.filter((s) => request.wholeNotebook || cited.has(s.id))
  for (const source of exportedSources) files.push({ path: `sources/${source.id}.md`, content: sourceToMarkdown(source) })
  const highlighted = exportedSources.filter((s) => (request.highlights?.get(s.id)?.length ?? 0) > 0)
  for (const source of highlighted) files.push({ path: `highlights/${source.id}.md`, content: highlightsToMarkdown(source, request.highlights!.get(source.id)!, request.meanings ?? {}) })
  if (request.style === 'pandoc') {
    const items = cslItems(
      exportedSources.filter((s) => cited.has(s.id)),
      keys
    )
    const csl = toCslJson(items)
    files.push({ path: BIBLIOGRAPHY, content: csl }, { path: `notes/${BIBLIOGRAPHY}`, content: csl }, { path: 'references.bib', content: toBibLaTeX(items) })
    // the chosen style beside the bibliography, so `pandoc --citeproc` formats in it run from either folder
    if (request.cslFile) files.push({ path: request.cslFile.name, content: request.cslFile.content }, { path: `notes/${request.cslFile.name}`, content: request.cslFile.content })
  }
  files.push({ path: 'index.md', content: indexPage(noteEntries, exportedSources, highlighted) })
  return files
}

function indexPage(notes: { title: string; file: string }[], sources: Source[], highlighted: Source[]): string {
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
    '',
    ...(highlighted.length ? ['## Highlights', '', ...highlighted.map((s) => `- ${link(s.meta.title, `highlights/${s.id}.md`)}`), ''] : [])
  ].join('\n')
}
