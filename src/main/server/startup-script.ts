import type { NotebookApi } from '../../shared/api'
import { STARTUP_DATA_ID, startupSourceId } from '../../shared/startup'

/** A source larger than this (as JSON) is not written into the page: a page of many megabytes would be slower than asking. */
export const MAX_EMBEDDED_SOURCE_CHARS = 2 * 1024 * 1024

/**
 * The startup data as the server writes it into the page: JSON that cannot close its script
 * element. `eventsSent` is counted before anything is read: an event during the reads counts as missed.
 */
export async function startupScript(api: NotebookApi, eventsSent: number): Promise<string> {
  const [list, settings] = await Promise.all([api.listSources(), api.getSettings()])
  const sourceId = startupSourceId(list, settings)
  // a source that cannot be read is left to the page, which reports the error as it always does
  const source = sourceId ? await api.getSource(sourceId).catch(() => null) : null
  const sourceJson = source ? JSON.stringify(source) : 'null'
  const data = `{"eventsSent":${eventsSent},"list":${JSON.stringify(list)},"settings":${JSON.stringify(settings)},"sourceId":${JSON.stringify(sourceId)},"source":${sourceJson.length <= MAX_EMBEDDED_SOURCE_CHARS ? sourceJson : 'null'}}`
  // "<" escaped: no "</script>" or "<!--" in a title or a paragraph can end the element
  return `<script type="application/json" id="${STARTUP_DATA_ID}">${data.replace(/</g, '\\u003c')}</script>`
}
