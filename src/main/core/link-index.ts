import { resolveAnchor, type ParagraphAnchor } from '../../shared/anchors'
import type { Backlink, SourceBacklinks } from '../../shared/links'
import type { NoteBacklinks } from '../../shared/note-links'
import { UNTITLED } from '../../shared/notes'
import { extractLinks, type ExtractedLink } from './link-extraction'
import type { StoredNote } from './note-file'
import type { NotesService } from './notes'
import type { SourcesService } from './sources'
import { notifyAll } from './notify'

/** Whose backlinks changed: sources (who cites which paragraph) and notes (who links to them). */
export interface LinksChange {
  sourceIds: string[]
  noteIds: string[]
}

/**
 * Which notes cite which blocks, and which notes link to which notes: derived from the notes
 * (never stored), built when first asked and updated on every save. Trashed notes do not count.
 */
export class LinkIndex {
  /** Built at the first question, not at start: a long note's links take a while to extract, and the first screen needs none. */
  private built: Map<string, IndexedNote> | null = null
  private readonly listeners = new Set<(change: LinksChange) => void>()
  private readonly titleOf = (noteId: string): string | undefined => this.notes.titleOf(noteId)

  constructor(
    private readonly notes: NotesService,
    private readonly sources: SourcesService
  ) {}

  start(): () => void {
    const offNotes = this.notes.onDidChange((id, note) => {
      if (!this.built) return
      const before = this.built.get(id)
      this.update(id, note)
      const after = this.built.get(id)
      const change = { sourceIds: changedSources(before, after), noteIds: changedTargets(before, after) }
      if (change.sourceIds.length > 0 || change.noteIds.length > 0) notifyAll(this.listeners, change)
    })
    // a source re-imported or deleted resolves its links anew
    const offSources = this.sources.onDidChange((sourceId) => {
      if (this.built && this.linksTo(sourceId).length > 0) notifyAll(this.listeners, { sourceIds: [sourceId], noteIds: [] })
    })
    return () => {
      offNotes()
      offSources()
    }
  }

  /**
   * Told which sources' backlinks changed, once anyone has asked for backlinks (before that,
   * nobody holds any that could be stale, and the notes are not read just to say so).
   */
  onDidChange(listener: (change: LinksChange) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private get byNote(): Map<string, IndexedNote> {
    if (!this.built) {
      this.built = new Map()
      for (const note of this.notes.all()) this.update(note.id, note)
    }
    return this.built
  }

  private update(noteId: string, note: StoredNote | null): void {
    const byNote = this.built!
    if (!note || note.trashedAt) {
      byNote.delete(noteId)
      return
    }
    const { citations, noteLinks } = extractLinks(note.content, this.titleOf)
    byNote.set(noteId, { title: note.title.trim() || UNTITLED, links: citations, linksTo: new Set(noteLinks.map((l) => l.noteId)) })
  }

  /**
   * The notes (not in the trash) linking to a note, each with its linking sentences, in the order
   * of the notes list. The sentences are read again now, so they name every note by its title now.
   */
  linkedFrom(noteId: string): NoteBacklinks {
    const linkedFrom: NoteBacklinks['linkedFrom'] = []
    for (const summary of this.notes.list().notes) {
      if (summary.id === noteId || !this.byNote.get(summary.id)?.linksTo.has(noteId)) continue
      const note = this.notes.peek(summary.id)
      if (!note) continue
      for (const link of extractLinks(note.content, this.titleOf).noteLinks) {
        if (link.noteId === noteId) linkedFrom.push({ noteId: summary.id, noteTitle: summary.title.trim() || UNTITLED, context: link.context })
      }
    }
    return { noteId, linkedFrom }
  }

  /** Every link (in notes not in the trash) that points at a source, resolved or not. */
  linksTo(sourceId: string): ParagraphAnchor[] {
    const anchors: ParagraphAnchor[] = []
    for (const { links } of this.byNote.values()) for (const link of links) if (link.anchor.sourceId === sourceId) anchors.push(link.anchor)
    return anchors
  }

  /** The backlinks of one source, each resolved against the source as it is now. */
  backlinks(sourceId: string): SourceBacklinks {
    const source = this.sources.get(sourceId)
    const result: SourceBacklinks = { sourceId, byBlock: {}, orphans: [] }
    for (const [noteId, { title, links }] of this.byNote) {
      for (const link of links) {
        if (link.anchor.sourceId !== sourceId) continue
        const backlink: Backlink = { noteId, noteTitle: title, context: link.context, occurrence: link.occurrence, anchor: link.anchor }
        const resolved = resolveAnchor(source, link.anchor)
        if (resolved.block) (result.byBlock[resolved.block.id] ??= []).push(backlink)
        else result.orphans.push(backlink)
      }
    }
    return result
  }
}

/** The sources whose backlinks differ between a note's two versions (its title shows beside each). */
function changedSources(before: IndexedNote | undefined, after: IndexedNote | undefined): string[] {
  const ids = new Set([...(before?.links ?? []), ...(after?.links ?? [])].map((l) => l.anchor.sourceId))
  const of = (entry: IndexedNote | undefined, sourceId: string): string => JSON.stringify([entry?.title, entry?.links.filter((l) => l.anchor.sourceId === sourceId)])
  return [...ids].filter((id) => of(before, id) !== of(after, id))
}

/** What the index keeps of a note: its title, its citations, and the notes it links to. */
interface IndexedNote {
  title: string
  links: ExtractedLink[]
  linksTo: Set<string>
}

/**
 * The notes whose "Linked from" may differ after a note changed: every note it links to, before
 * or after (the linking sentence, or the linking note's title, may be what changed).
 */
function changedTargets(before: IndexedNote | undefined, after: IndexedNote | undefined): string[] {
  return [...new Set([...(before?.linksTo ?? []), ...(after?.linksTo ?? [])])]
}
