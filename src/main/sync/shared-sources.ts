import type * as Y from 'yjs'
import type { Source } from '../../shared/model'
import { parseSourceFile, serializeSource } from '../core/source-file'
import type { SourcesService } from '../core/sources'
import { LOCAL } from './shared-note'

/** The largest source a peer may send (a 5,000-paragraph book is about 2 MB as stored). */
export const MAX_RECEIVED_SOURCE_BYTES = 48 * 1024 * 1024

/**
 * The notebook's sources, shared: each source file, as stored, is one value of the notebook
 * document's `sources` map (its id → its JSON). A source is a version that never changes in place
 * (a re-import makes a new one, and re-anchors the notes on the device that imported it; the notes
 * travel as they were re-anchored), so the last version written wins and every device ends with
 * the same source. Citation keys are part of a source's details and travel with it.
 */
export class SharedSources {
  private readonly stopListening: () => void

  constructor(
    private readonly map: Y.Map<string>,
    private readonly sources: SourcesService,
    private readonly mayWrite: () => boolean,
    private readonly track: (work: Promise<unknown>) => void,
    private readonly refused: (message: string) => void
  ) {
    this.stopListening = sources.onDidChange((id, source) => {
      if (this.mayWrite()) this.share(id, source)
    })
    map.observe((event, transaction) => {
      if (transaction.origin === LOCAL) return
      for (const [id, change] of event.changes.keys) {
        if (change.action === 'delete') this.track(this.removeHere(id))
        else this.track(this.writeHere(id))
      }
    })
  }

  /** This device's sources and the notebook's meet: each side gets what it lacks; where both have a source and differ, this device's version goes (it was imported or edited here while nothing synced). */
  exchange(): void {
    if (this.mayWrite()) for (const source of this.sources.all()) this.share(source.id, source)
    for (const id of this.map.keys()) this.track(this.writeHere(id))
  }

  private share(id: string, source: Source | null): void {
    const doc = this.map.doc!
    if (source === null) {
      if (this.map.has(id)) doc.transact(() => this.map.delete(id), LOCAL)
      return
    }
    const stored = serializeSource(source)
    if (this.map.get(id) !== stored) doc.transact(() => this.map.set(id, stored), LOCAL)
  }

  private async writeHere(id: string): Promise<void> {
    const stored = this.map.get(id)
    if (stored === undefined) return
    const here = this.sources.readable(id)
    if (here && serializeSource(here) === stored) return
    let source: Source
    try {
      if (stored.length > MAX_RECEIVED_SOURCE_BYTES) throw new Error(`it is over ${MAX_RECEIVED_SOURCE_BYTES / 1048576} MB`)
      source = parseSourceFile(stored)
      if (source.id !== id) throw new Error(`it says it is "${source.id.slice(0, 80)}"`)
    } catch (error) {
      this.refused(`a source from the server ("${id.slice(0, 80)}") was refused and the copy here kept as it was: ${(error as Error).message}.`)
      return
    }
    await this.sources.putFromSync(source)
  }

  private async removeHere(id: string): Promise<void> {
    if (this.sources.has(id)) await this.sources.remove(id)
  }

  stop(): void {
    this.stopListening()
  }
}
