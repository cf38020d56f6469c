import MiniSearch from 'minisearch'
import { IndexSegment } from './segment'
import { MINISEARCH_OPTIONS, SEARCH_FIELDS, type SearchDocument } from './search-options'

/**
 * The search index in two layers, like a log-structured store: a large immutable segment (typed
 * arrays, loaded from one file) and a small MiniSearch index of what changed since it was
 * built. A changed or removed document is marked deleted in the segment (a tombstone) and, if it
 * still exists, added to the live layer. Rebuilding folds everything back into one segment.
 */
export class LayeredIndex {
  private readonly deleted: Uint8Array
  private deletedCount = 0

  constructor(
    readonly segment: IndexSegment,
    readonly live: MiniSearch<SearchDocument> = new MiniSearch<SearchDocument>(MINISEARCH_OPTIONS),
    tombstones: Iterable<string> = []
  ) {
    this.deleted = new Uint8Array(segment.documentCount)
    for (const id of tombstones) this.deleteFromSegment(id)
  }

  static empty(): LayeredIndex {
    return new LayeredIndex(IndexSegment.empty(SEARCH_FIELDS.length))
  }

  get documentCount(): number {
    return this.segment.documentCount - this.deletedCount + this.live.documentCount
  }

  has(id: string): boolean {
    if (this.live.has(id)) return true
    const doc = this.segment.docIndex(id)
    return doc >= 0 && this.deleted[doc] === 0
  }

  add(document: SearchDocument): void {
    this.discard(document.id)
    this.live.add(document)
  }

  addAll(documents: SearchDocument[]): void {
    for (const document of documents) this.add(document)
  }

  discard(id: string): void {
    if (this.live.has(id)) this.live.discard(id)
    this.deleteFromSegment(id)
  }

  isDeleted(doc: number): boolean {
    return this.deleted[doc] === 1
  }

  /** Ids deleted from the segment (persisted beside the live layer). */
  tombstones(): string[] {
    const out: string[] = []
    for (let doc = 0; doc < this.deleted.length; doc++) if (this.deleted[doc] === 1) out.push(this.segment.docId(doc))
    return out
  }

  /** Documents in the live layer and tombstones: the work a rebuild would fold into a segment. */
  get changes(): number {
    return this.live.documentCount + this.deletedCount
  }

  private deleteFromSegment(id: string): void {
    const doc = this.segment.docIndex(id)
    if (doc < 0 || this.deleted[doc] === 1) return
    this.deleted[doc] = 1
    this.deletedCount++
  }
}
