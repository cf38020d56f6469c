import type { EventEmitter } from '../../../shared/events'
import type { ImportStatus } from '../../../shared/imports'
import type { SearchStatus } from '../../../shared/search'
import type { HighlightsService } from '../highlights'
import type { LinkIndex } from '../link-index'
import { tagsOf, type NotesService } from '../notes'
import type { SourceImports } from '../source-imports'
import type { SourcesService } from '../sources'
import type { SearchService } from '../search/search-service'
import { catalogVersion } from '../source-catalog'

/** Progress inside one state (page 12 of 300, rebuilding 40 %) is told at most this often. */
const PROGRESS_EVERY_MS = 100

/**
 * Turns the services' own change listeners into the contract's events (see shared/events.ts):
 * whoever made a change (a window, the CLI through the watcher, an import), every window hears
 * of it. Returns the unsubscribe.
 */
export function announceChanges(
  parts: { notes: NotesService; sources: SourcesService; links: LinkIndex; imports: SourceImports; searchIndex: SearchService; highlights: HighlightsService },
  emitter: EventEmitter
): () => void {
  let linksVersion = 0
  let highlightsVersion = 0
  const status = new StatusAnnouncer(parts.imports.getStatus(), parts.searchIndex.getStatus(), (imports, search) => emitter.emit({ type: 'status-changed', imports, search }))
  const offs = [
    parts.notes.onDidChange((noteId, note, revision) =>
      emitter.emit({ type: 'note-changed', noteId, revision, title: note?.title ?? '', updatedAt: note?.updatedAt ?? new Date().toISOString(), trashed: !!note?.trashedAt, tags: note ? tagsOf(note) : [] })
    ),
    parts.sources.onDidChange((sourceId, source) => emitter.emit({ type: 'source-changed', sourceId, version: source ? versionOf(parts.sources, sourceId) : null, title: source?.meta.title ?? '' })),
    parts.links.onDidChange(({ sourceIds, noteIds }) => emitter.emit({ type: 'links-changed', sourceIds, noteIds, version: ++linksVersion })),
    parts.highlights.onDidChange((sourceId) => emitter.emit({ type: 'highlights-changed', sourceId, version: ++highlightsVersion })),
    // a re-imported source moves its highlights with their words
    parts.sources.onDidChange((sourceId, source) => source && emitter.emit({ type: 'highlights-changed', sourceId, version: ++highlightsVersion })),
    parts.imports.onDidChangeStatus((imports) => status.imports(imports)),
    parts.searchIndex.onDidChangeStatus((search) => status.search(search)),
    () => status.stop()
  ]
  return () => {
    for (const off of offs) off()
  }
}

function versionOf(sources: SourcesService, sourceId: string): string | null {
  const entry = sources.catalogEntry(sourceId)
  return entry ? catalogVersion(entry) : null
}

/** Tells a change of state at once (an import began or ended, the index became ready), and progress within a state at most every 100 ms. */
class StatusAnnouncer {
  private timer: NodeJS.Timeout | undefined
  private last = 0

  constructor(
    private importStatus: ImportStatus,
    private searchStatus: SearchStatus,
    private readonly tell: (imports: ImportStatus, search: SearchStatus) => void
  ) {}

  imports(next: ImportStatus): void {
    const newState = next.running !== this.importStatus.running || next.fileIndex !== this.importStatus.fileIndex
    this.importStatus = next
    this.announce(newState)
  }

  search(next: SearchStatus): void {
    const newState = next.state !== this.searchStatus.state
    this.searchStatus = next
    this.announce(newState)
  }

  private announce(now: boolean): void {
    const wait = this.last + PROGRESS_EVERY_MS - Date.now()
    if (now || wait <= 0) {
      clearTimeout(this.timer)
      this.timer = undefined
      this.last = Date.now()
      this.tell(this.importStatus, this.searchStatus)
    } else {
      this.timer ??= setTimeout(() => {
        this.timer = undefined
        this.announce(true)
      }, wait).unref()
    }
  }

  stop(): void {
    clearTimeout(this.timer)
  }
}
