import type { NotebookApi } from '../../../shared/api'
import type { NotebookEvents } from '../../../shared/events'
import type { Source, SourceSummary } from '../../../shared/model'
import { Store } from './store'

export interface SourcesState {
  list: SourceSummary[]
  /** Sources loaded so far; a source that failed to load (or was deleted) is null. */
  loaded: ReadonlyMap<string, Source | null>
}

/** Changes announced closer together than this fetch the list once (an import of many files). */
const LIST_SETTLE_MS = 50

/**
 * The workspace's sources as the window knows them: the list, and the ones loaded in full (the
 * open one, and any a note's chips cite). Follows the `source-changed` events, whoever made the
 * change (this window, the CLI, another window): the list is fetched again, a loaded source whose
 * version changed is loaded again, a deleted one is forgotten. For each source only the answer to
 * the latest request is kept.
 */
export class SourcesStore extends Store<SourcesState> {
  private readonly requested = new Set<string>()
  /** The latest request for each source: an older answer arriving later is dropped. */
  private readonly latest = new Map<string, number>()
  private requests = 0
  private listRequest = 0
  private listTimer: ReturnType<typeof setTimeout> | undefined
  private readonly off: () => void

  constructor(
    private readonly api: Pick<NotebookApi, 'listSources' | 'getSource'>,
    events: Pick<NotebookEvents, 'onDidChangeSources'>,
    private readonly onError: (error: unknown) => void,
    initial: Partial<SourcesState> = {}
  ) {
    super({ list: initial.list ?? [], loaded: initial.loaded ?? new Map() })
    for (const id of this.get().loaded.keys()) this.requested.add(id)
    this.off = events.onDidChangeSources((event) => {
      if (event.version === null) this.forget(event.sourceId)
      else if (this.requested.has(event.sourceId)) this.load(event.sourceId)
      this.refreshListSoon()
    })
  }

  setList(list: SourceSummary[]): void {
    this.listRequest++
    this.patch({ list })
  }

  /** Loads a source once (later changes reload it by themselves). */
  request(id: string): void {
    if (!this.requested.has(id)) this.load(id)
  }

  /** Takes a source already asked for (at startup), so `request` does not ask again. */
  prime(id: string, source: Promise<Source>): void {
    if (!this.requested.has(id)) this.settle(id, source)
  }

  /** Fetches the list again now (the events do this by themselves; this is for a start or a reconnect). */
  async refreshList(): Promise<SourceSummary[]> {
    const request = ++this.listRequest
    try {
      const list = await this.api.listSources()
      if (request === this.listRequest) this.patch({ list })
      return list
    } catch (error) {
      this.onError(error)
      return this.get().list
    }
  }

  /** After a reconnect (events may have been missed): the list and every loaded source again. */
  resync(): void {
    void this.refreshList()
    for (const id of this.requested) this.load(id)
  }

  /** A deleted source: its chips show their saved quotes. */
  forget(id: string): void {
    this.requested.add(id)
    this.latest.set(id, ++this.requests)
    const { list, loaded } = this.get()
    if (loaded.get(id) === null && !list.some((s) => s.id === id)) return
    this.set({ list: list.filter((s) => s.id !== id), loaded: new Map(loaded).set(id, null) })
  }

  private refreshListSoon(): void {
    clearTimeout(this.listTimer)
    this.listTimer = setTimeout(() => void this.refreshList(), LIST_SETTLE_MS)
  }

  private load(id: string): void {
    this.settle(id, this.api.getSource(id))
  }

  private settle(id: string, source: Promise<Source>): void {
    this.requested.add(id)
    const request = ++this.requests
    this.latest.set(id, request)
    const apply = (value: Source | null): void => {
      if (this.latest.get(id) !== request) return
      this.patch({ loaded: new Map(this.get().loaded).set(id, value) })
    }
    source.then(apply, () => apply(null))
  }

  dispose(): void {
    this.off()
    clearTimeout(this.listTimer)
  }
}
