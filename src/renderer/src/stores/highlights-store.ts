import type { NotebookApi } from '../../../shared/api'
import type { ParagraphAnchor } from '../../../shared/anchors'
import type { NotebookEvents } from '../../../shared/events'
import type { HighlightColor, HighlightPatch, SourceHighlight, SourceHighlights } from '../../../shared/highlights'
import { Store } from './store'

export interface HighlightsState {
  /** The open source's highlights, resolved (null until loaded). */
  list: SourceHighlights | null
  /** The colour the next highlight takes: the last one chosen. */
  color: HighlightColor
  /** The highlight deleted last, until it is put back or the next deletion (undo). */
  deleted: SourceHighlight | null
}

/**
 * The open source's highlights. Asked for when the source changes, and again when a
 * `highlights-changed` event names it (made here, in another window, or moved by a re-import);
 * only the latest request's answer lands.
 */
export class HighlightsStore extends Store<HighlightsState> {
  private sourceId: string | null = null
  private request = 0
  private readonly off: () => void

  constructor(
    private readonly api: Pick<NotebookApi, 'listHighlights' | 'addHighlight' | 'updateHighlight' | 'deleteHighlight' | 'restoreHighlight'>,
    events: Pick<NotebookEvents, 'onDidChangeHighlights'>,
    private readonly onError: (error: unknown) => void
  ) {
    super({ list: null, color: 'yellow', deleted: null })
    this.off = events.onDidChangeHighlights((event) => {
      if (event.sourceId === this.sourceId) void this.fetch()
    })
  }

  follow(sourceId: string | null): void {
    if (sourceId === this.sourceId) return
    this.sourceId = sourceId
    this.patch({ list: null, deleted: null })
    void this.fetch()
  }

  async fetch(): Promise<void> {
    const sourceId = this.sourceId
    const request = ++this.request
    if (!sourceId) return
    try {
      const list = await this.api.listHighlights(sourceId)
      if (request === this.request) this.patch({ list })
    } catch (error) {
      if (request === this.request) this.onError(error)
    }
  }

  /** Marks the words of `anchor` in the current colour; resolves with the new highlight once it is shown. */
  async add(anchor: ParagraphAnchor): Promise<SourceHighlight | null> {
    try {
      const made = await this.api.addHighlight({ sourceId: anchor.sourceId, anchor, color: this.get().color })
      await this.fetch()
      return made
    } catch (error) {
      this.onError(error)
      return null
    }
  }

  /** Shown changed at once (the swatch follows the click), then as the notebook stored it. */
  async update(highlight: SourceHighlight, patch: HighlightPatch): Promise<void> {
    const { list } = this.get()
    this.patch({
      ...(patch.color ? { color: patch.color } : {}),
      list: list && { ...list, highlights: list.highlights.map((h) => (h.id === highlight.id ? { ...h, ...patch } : h)) }
    })
    try {
      await this.api.updateHighlight(highlight.sourceId, highlight.id, patch)
      await this.fetch()
    } catch (error) {
      this.onError(error)
    }
  }

  async remove(highlight: SourceHighlight): Promise<void> {
    try {
      const deleted = await this.api.deleteHighlight(highlight.sourceId, highlight.id)
      this.patch({ deleted })
      await this.fetch()
    } catch (error) {
      this.onError(error)
    }
  }

  /** Puts back the highlight deleted last. */
  async undoDelete(): Promise<void> {
    const deleted = this.get().deleted
    if (!deleted) return
    this.patch({ deleted: null })
    try {
      await this.api.restoreHighlight(deleted)
      await this.fetch()
    } catch (error) {
      this.onError(error)
    }
  }

  forgetDeleted(): void {
    this.patch({ deleted: null })
  }

  dispose(): void {
    this.off()
  }
}
