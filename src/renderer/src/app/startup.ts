import type { Source, SourceSummary } from '../../../shared/model'
import type { Settings } from '../../../shared/settings'
import { api } from '../api/client'

/** What the first screen waits on: the sources, the settings, and the source to open. */
export interface Startup {
  list: SourceSummary[]
  settings: Settings
  /** The source open last time, else the first; null in an empty workspace. */
  sourceId: string | null
  /** That source, already asked for. */
  source: Promise<Source> | null
}

function begin(): Promise<Startup> {
  const startup = Promise.all([api.listSources(), api.getSettings()]).then(([list, settings]): Startup => {
    const sourceId = list.find((s) => s.id === settings.lastSourceId)?.id ?? list[0]?.id ?? null
    const source = sourceId ? api.getSource(sourceId) : null
    source?.catch(() => undefined) // its taker reports a failure
    return { list, settings, sourceId, source }
  })
  startup.catch(() => undefined) // its taker reports a failure
  return startup
}

/**
 * Asked for as this module loads, before React's first render: the server answers while the
 * page renders its frame, and the article's source is asked for as soon as the settings say
 * which it is, not a render later.
 */
let pending: Promise<Startup> | null = begin()

/** The startup calls made at load (once; later callers ask again). */
export function takeStartup(): Promise<Startup> {
  const startup = pending ?? begin()
  pending = null
  return startup
}
