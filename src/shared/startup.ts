import type { Source, SourceSummary } from './model'
import type { Settings } from './settings'

/**
 * What the first screen needs: the sources, the settings, and the source to open. In browser
 * mode the server writes it into the page (an inert JSON script with this id), so the article
 * renders in the app's first render with no round trip; elsewhere the page asks for it.
 */
export const STARTUP_DATA_ID = 'pilcrow-startup'

/** The event stream's response header: the events the server had sent before this stream began. */
export const EVENTS_SENT_HEADER = 'X-Pilcrow-Events-Sent'

export interface StartupData {
  /**
   * Browser mode: how many notebook events the server had sent before it read this data. The
   * event stream's response says the same at its start (`EVENTS_SENT_HEADER`); a difference means
   * something changed in between, and the page asks again.
   */
  eventsSent?: number
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
