import { resolveAnchor, type ParagraphAnchor } from '../../shared/anchors'
import type { Backlink, SourceBacklinks } from '../../shared/links'
import { UNTITLED } from '../../shared/notes'
import { extractLinks, type ExtractedLink } from './link-extraction'
import type { StoredNote } from './note-file'
import type { NotesService } from './notes'
import type { SourcesService } from './sources'
import { notifyAll } from './notify'

/**
 * Which notes cite which blocks: derived from the notes (never stored), built when first asked
 * and updated on every save. Trashed notes do not count.
 */
export class LinkIndex {
  /** Built at the first question, not at start: a long note's links take a while to extract, and the first screen needs none. */
  private built: Map<string, { title: string; links: ExtractedLink[] }> | null = null
  private readonly listeners = new Set<(sourceIds: string[]) => void>()

  constructor(
    private readonly notes: NotesService,
    private readonly sources: SourcesService
  ) {}

  start(): () => void {
    const offNotes = this.notes.onDidChange((id, note) => {
      if (!this.built) return
      const before = this.built.get(id)
      update(this.built, id, note)
      const changed = changedSources(before, this.built.get(id))
      if (changed.length > 0) notifyAll(this.listeners, changed)
    })
    // a source re-imported or deleted resolves its links anew
    const offSources = this.sources.onDidChange((sourceId) => {
      if (this.built && this.linksTo(sourceId).length > 0) notifyAll(this.listeners, [sourceId])
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
  onDidChange(listener: (sourceIds: string[]) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private get byNote(): Map<string, { title: string; links: ExtractedLink[] }> {
    if (!this.built) {
      this.built = new Map()
      for (const note of this.notes.all()) update(this.built, note.id, note)
    }
    return this.built
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
function changedSources(before: NoteLinks | undefined, after: NoteLinks | undefined): string[] {
  const ids = new Set([...(before?.links ?? []), ...(after?.links ?? [])].map((l) => l.anchor.sourceId))
  const of = (entry: NoteLinks | undefined, sourceId: string): string => JSON.stringify([entry?.title, entry?.links.filter((l) => l.anchor.sourceId === sourceId)])
  return [...ids].filter((id) => of(before, id) !== of(after, id))
}

type NoteLinks = { title: string; links: ExtractedLink[] }

function update(byNote: Map<string, { title: string; links: ExtractedLink[] }>, noteId: string, note: StoredNote | null): void {
  if (!note || note.trashedAt) byNote.delete(noteId)
  else byNote.set(noteId, { title: note.title.trim() || UNTITLED, links: extractLinks(note.content) })
}
