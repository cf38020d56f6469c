import type { Source, SourceSummary } from './model'
import type { Settings } from './settings'

/**
 * What the first screen needs: the sources, the settings, and the source to open. In browser
 * mode the server writes it into the page (an inert JSON script with this id), so the article
 * renders in the app's first render with no round trip; elsewhere the page asks for it.
 */
export const STARTUP_DATA_ID = 'pilcrow-startup'

export interface StartupData {
  list: SourceSummary[]
  settings: Settings
  /** The source open last time, else the first; null in an empty workspace. */
  sourceId: string | null
  /** That source; null when there is none, or when it is too large to write into the page (the page asks for it). */
  source: Source | null
}

/** The source to show at start: the one open last time, else the first. */
export function startupSourceId(list: SourceSummary[], settings: Settings): string | null {
  return list.find((s) => s.id === settings.lastSourceId)?.id ?? list[0]?.id ?? null
}
