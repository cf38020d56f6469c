import type { NotebookApi } from '../../../shared/api'
import type { NotebookEvents } from '../../../shared/events'
import type { SourceBacklinks } from '../../../shared/links'
import { Store } from './store'

/**
 * The backlinks (which notes cite which paragraphs) of the open source. Asked for when the source
 * changes and again only when a `links-changed` event names it: typing in a note that cites
 * nothing there asks for nothing. Answers can arrive out of order; only the latest request's lands.
 */
export class LinksStore extends Store<SourceBacklinks | null> {
  private sourceId: string | null = null
  private enabled = false
  private request = 0
  private readonly off: () => void

  constructor(
    private readonly api: Pick<NotebookApi, 'getBacklinks'>,
    events: Pick<NotebookEvents, 'onDidChangeLinks'>,
    private readonly onError: (error: unknown) => void
  ) {
    super(null)
    this.off = events.onDidChangeLinks((event) => {
      if (this.sourceId && event.sourceIds.includes(this.sourceId)) this.fetch()
    })
  }

  /**
   * Follows this source's backlinks. `enabled` waits for the article to paint first: the
   * notebook reads every note to answer the first time.
   */
  follow(sourceId: string | null, enabled: boolean): void {
    if (sourceId === this.sourceId && enabled === this.enabled) return
    const changed = sourceId !== this.sourceId
    this.sourceId = sourceId
    this.enabled = enabled
    if (changed && this.get()?.sourceId !== sourceId) this.set(null)
    if (changed || enabled) this.fetch()
  }

  /** Asks again (after a reconnect, when events may have been missed). */
  fetch(): void {
    const sourceId = this.sourceId
    const request = ++this.request
    if (!sourceId || !this.enabled) return
    this.api.getBacklinks(sourceId).then(
      (backlinks) => request === this.request && this.set(backlinks),
      (error: unknown) => request === this.request && this.onError(error)
    )
  }

  dispose(): void {
    this.off()
  }
}
