import { promises as fs } from 'node:fs'
import { basename, join } from 'node:path'
import { highlightsFromMarkdown } from './highlights-markdown'
import type { HighlightsService } from '../highlights'
import { PilcrowError } from '../../../shared/errors'
import { PARAGRAPH_LINK_TYPE } from '../../../shared/links'
import type { JsonNode } from '../../../shared/markdown/lexical-json'
import { markdownToNote, type NoteLinkRef } from '../../../shared/markdown/parse'
import { parseDeepLink } from '../../../shared/deep-links'
import { NOTE_ID, NOTE_LINK_TYPE } from '../../../shared/note-links'
import { frontMatterTags } from '../../../shared/tags'
import { noteBlocks } from '../../../shared/note-content'
import { contentDepth, MAX_NOTE_DEPTH, tooDeepMessage } from '../../../shared/note-nodes'
import type { SerializedEditorState } from '../../../shared/notes'
import { derivedCitationKey } from '../citation-keys'
import { splitFrontMatter } from '../importers/front-matter'
import type { StoredNote } from '../note-file'
import { newNoteId, type NotesService } from '../notes'
import type { SourcesService } from '../sources'
import { CitationPairing } from './citation-pairing'
import { BIBLIOGRAPHY_END, BIBLIOGRAPHY_START } from './formatted-citations'
import { savedCitations, splitNoteData } from './note-data'

/** What importing one note of an exported notebook did. */
export interface ImportedNote {
  id: string
  title: string
  /** `added`; `updated` (a note with its id was here and differed: that version was kept in the trash); `unchanged` (the same note was here). */
  status: 'added' | 'updated' | 'unchanged'
  /** Citations restored as links. */
  links: number
  /** Citations of the text that could not be found: orphans that keep their words. */
  orphaned: number
  /** Citations the note was exported with that are no longer in its text (deleted when it was edited). */
  missing: { paragraph: number | null; quote: string }[]
  /** For an update: the title of the copy of the version it replaced, in the trash. */
  previousKept?: string
}

export interface NotebookImportResult {
  notes: ImportedNote[]
  sources: { id: string; title: string; status: 'added' | 'unchanged' }[]
  /** Highlights the export carried that this workspace did not have, put back on their sources. */
  highlights: number
}

/**
 * Imports an exported notebook (or Markdown notes written elsewhere in the same syntax): the
 * sources it carries that the workspace lacks, then every note, each citation of its text paired
 * with the anchor its export saved by what it says (see `CitationPairing`). A note whose id is
 * already here is skipped when it is the same, and otherwise updated with the previous version
 * kept in the trash; the report says which.
 */
export async function importNotebook(folder: string, notes: NotesService, sources: SourcesService, highlights?: HighlightsService): Promise<NotebookImportResult> {
  const result: NotebookImportResult = { notes: [], sources: [], highlights: 0 }
  const noteDir = (await isDir(join(folder, 'notes'))) ? join(folder, 'notes') : folder
  const noteFiles = (await fs.readdir(noteDir)).filter((n) => n.toLowerCase().endsWith('.md') && n !== 'index.md').sort()
  if (noteFiles.length === 0) throw new PilcrowError('invalid-argument', `${folder} holds no Markdown notes (looked for notes/*.md and *.md).`)

  // the export's sources, each as the workspace knows it: its id here (the same work already here is kept as it is)
  const sourceIds = new Map<string, string>()
  const sourceDir = join(folder, 'sources')
  if (await isDir(sourceDir)) {
    for (const name of (await fs.readdir(sourceDir)).filter((n) => n.endsWith('.md')).sort()) {
      const id = basename(name, '.md')
      if (sources.has(id)) {
        sourceIds.set(id, id)
        await addTags(sources, id, join(sourceDir, name))
        continue
      }
      const imported = await sources.importFile(join(sourceDir, name), { keepExisting: true })
      sourceIds.set(id, imported.source.id)
      result.sources.push({ id: imported.source.id, title: imported.source.meta.title, status: imported.status === 'added' ? 'added' : 'unchanged' })
    }
  }
  const here = (id: string): string => sourceIds.get(id) ?? id
  // the highlights of its sources: each one not here already is put back (found by its id)
  const highlightDir = join(folder, 'highlights')
  if (highlights && (await isDir(highlightDir))) {
    for (const name of (await fs.readdir(highlightDir)).filter((n) => n.endsWith('.md')).sort()) {
      const sourceId = here(basename(name, '.md'))
      if (!sources.has(sourceId)) continue
      const have = new Set((await highlights.stored(sourceId)).map((h) => h.id))
      for (const h of highlightsFromMarkdown(await fs.readFile(join(highlightDir, name), 'utf8'))) {
        if (have.has(h.id)) continue
        await highlights.restore({ ...h, sourceId, anchor: { ...h.anchor, sourceId } })
        result.highlights++
      }
    }
  }
  const keys = new Map(sources.catalogEntries().map((e) => [e.meta.citationKey ?? derivedCitationKey(e.meta, e.id), e.id]))

  // every note read first, each given its id here: a note links to notes read after it
  const read = await Promise.all(noteFiles.map((file) => readExportedNote(join(noteDir, file), file)))
  const links = new NoteLinkResolver(read, notes)

  for (const { file, front, body, noteData, id, title } of read) {
    const saved = savedCitations(noteData).map((c) => ({ ...c, sourceId: here(c.sourceId) }))
    const noteKeys = new Map(keys)
    for (const c of saved) if (c.citationKey) noteKeys.set(c.citationKey, c.sourceId)
    const pairing = new CitationPairing(saved, (id) => sources.find(here(id)), noteKeys)
    const content = markdownToNote(body, {
      noteLink: (ref) => links.resolve(ref),
      citation: (ref) => {
        const paired = pairing.pair(ref)
        return paired ? ({ type: PARAGRAPH_LINK_TYPE, version: 1, anchor: { ...paired.anchor, sourceId: here(paired.anchor.sourceId) }, sourceTitle: paired.sourceTitle } as JsonNode) : null
      }
    }) as unknown as SerializedEditorState
    if (contentDepth(content.root) > MAX_NOTE_DEPTH) throw new PilcrowError('invalid-argument', `${file}: ${tooDeepMessage()}; it was not imported.`)
    const created = isoOr(front['created'])
    const incoming = { title, createdAt: created, updatedAt: isoOr(front['updated'], created), content }
    const report = { links: pairing.links, orphaned: pairing.orphans.length, missing: pairing.unpaired.map((c) => ({ paragraph: c.label?.paragraph ?? c.paragraph, quote: c.quote.exact })) }
    if (notes.has(id)) {
      const current = await notes.get(id)
      if (sameNote(current, incoming)) {
        result.notes.push({ id, title: current.title, status: 'unchanged', ...report })
        continue
      }
      const { note, previousKept } = await notes.replace(id, incoming)
      result.notes.push({ id: note.id, title: note.title, status: 'updated', previousKept, ...report })
      continue
    }
    const note = await notes.add({ id, ...incoming })
    result.notes.push({ id: note.id, title: note.title, status: 'added', ...report })
  }
  return result
}

/** The tags an exported source carries that the same source here lacks are added to it (its text is left as it is here). */
async function addTags(sources: SourcesService, sourceId: string, path: string): Promise<void> {
  const { data } = splitFrontMatter(await fs.readFile(path, 'utf8'), basename(path))
  const exported = frontMatterTags(data['tags'])
  const have = sources.catalogEntry(sourceId)?.meta.tags ?? []
  const missing = exported.filter((t) => !have.includes(t))
  if (missing.length > 0) await sources.updateMeta(sourceId, { tags: [...have, ...missing] })
}

/** One note file of the export, read: its front matter, its text, its saved data, and its id here (its own, or a new one). */
interface ExportedNote {
  file: string
  front: Record<string, unknown>
  body: string
  noteData: { id?: unknown } | undefined
  id: string
  title: string
}

async function readExportedNote(path: string, file: string): Promise<ExportedNote> {
  const raw = await fs.readFile(path, 'utf8')
  const { data: front, body: withData } = splitFrontMatter(raw, file)
  const { body: withBibliography, data } = splitNoteData(withData)
  const body = withoutBibliography(withBibliography)
  const noteData = (data ?? front['pilcrow']) as { id?: unknown } | undefined
  const id = typeof noteData?.id === 'string' && NOTE_ID.test(noteData.id) ? noteData.id : newNoteId()
  const title = typeof front['title'] === 'string' ? front['title'] : basename(file, '.md')
  return { file, front, body, noteData, id, title }
}

/** A note's text without the bibliography a formatted export added (it is made again at every export). */
function withoutBibliography(body: string): string {
  const start = body.indexOf(BIBLIOGRAPHY_START)
  const end = body.indexOf(BIBLIOGRAPHY_END, start)
  return start === -1 || end === -1 ? body : body.slice(0, start).trimEnd() + '\n' + body.slice(end + BIBLIOGRAPHY_END.length)
}

/**
 * Links to notes in an imported note's text, found again: a link to another note file of the
 * import (`[Title](<Other note.md>)`, as the export writes them), a `pilcrow://note/…` link, or
 * Obsidian's `[[Title]]`, by title among the imported notes, then the workspace's.
 */
class NoteLinkResolver {
  private readonly byFile = new Map<string, ExportedNote>()
  private readonly byTitle = new Map<string, { id: string; title: string }>()

  constructor(
    imported: readonly ExportedNote[],
    private readonly notes: NotesService
  ) {
    for (const n of notes.list().notes) this.byTitle.set(n.title.trim().toLowerCase(), n)
    for (const n of imported) {
      this.byFile.set(n.file.normalize('NFC').toLowerCase(), n)
      this.byTitle.set(n.title.trim().toLowerCase(), n)
    }
  }

  resolve(ref: NoteLinkRef): JsonNode | null {
    if (ref.kind === 'wiki') {
      const target = this.byTitle.get(ref.title.toLowerCase())
      return target ? this.node(target.id, target.title) : null
    }
    const deep = parseDeepLink(ref.href)
    if (deep?.kind === 'note') return this.node(deep.noteId, this.notes.titleOf(deep.noteId) ?? '')
    // a relative link to a Markdown file beside it (not a source, not a web address)
    if (/^[a-z][a-z0-9+.-]*:|^\/|(^|\/)sources\//i.test(ref.href) || !/\.md(#.*)?$/i.test(ref.href)) return null
    let name: string
    try {
      name = decodeURIComponent(ref.href.replace(/#.*$/, '').split('/').pop()!)
    } catch {
      return null
    }
    const target = this.byFile.get(name.normalize('NFC').toLowerCase())
    return target ? this.node(target.id, target.title) : null
  }

  private node(noteId: string, title: string): JsonNode {
    return { type: NOTE_LINK_TYPE, version: 1, noteId, title } as JsonNode
  }
}

/** The same note: its title, and its text with each citation's source and block, block by block. */
function sameNote(a: Pick<StoredNote, 'title' | 'content'>, b: Pick<StoredNote, 'title' | 'content'>): boolean {
  const shape = (note: Pick<StoredNote, 'title' | 'content'>): string =>
    JSON.stringify([note.title.trim(), noteBlocks(note.content).map((block) => block.pieces.map((p) => (p.link ? `[${p.link.anchor.sourceId}#${p.link.anchor.blockId}]` : p.noteLink ? `[[${p.noteLink.noteId}]]` : p.text)).join('').replace(/\s+/g, ' ').trim())])
  return shape(a) === shape(b)
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
