import type { NotebookApi } from './api'
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

/** A source larger than this (as JSON) is not written into the page: a page of many megabytes would be slower than asking. */
export const MAX_EMBEDDED_SOURCE_CHARS = 2 * 1024 * 1024

/** The startup data as the server writes it into the page: JSON that cannot close its script element. */
export async function startupScript(api: NotebookApi): Promise<string> {
  const [list, settings] = await Promise.all([api.listSources(), api.getSettings()])
  const sourceId = startupSourceId(list, settings)
  // a source that cannot be read is left to the page, which reports the error as it always does
  const source = sourceId ? await api.getSource(sourceId).catch(() => null) : null
  const sourceJson = source ? JSON.stringify(source) : 'null'
  const data = `{"list":${JSON.stringify(list)},"settings":${JSON.stringify(settings)},"sourceId":${JSON.stringify(sourceId)},"source":${sourceJson.length <= MAX_EMBEDDED_SOURCE_CHARS ? sourceJson : 'null'}}`
  // "<" escaped: no "</script>" or "<!--" in a title or a paragraph can end the element
  return `<script type="application/json" id="${STARTUP_DATA_ID}">${data.replace(/</g, '\\u003c')}</script>`
}
