import type { Source } from '../../../shared/model'
import { STARTUP_DATA_ID, startupSourceId, type StartupData } from '../../../shared/startup'
import { api } from '../api/client'
import type { EventsConnection } from '../api/events'

/** What the first screen waits on: the sources, the settings, and the source to open. */
export interface Startup extends Omit<StartupData, 'source'> {
  /** That source, already asked for. */
  source: Promise<Source> | null
}

/** The data the browser-mode server wrote into the page (taken out of it), else null. */
function readEmbedded(): StartupData | null {
  const element = document.getElementById(STARTUP_DATA_ID)
  if (!element) return null
  element.remove()
  try {
    return JSON.parse(element.textContent ?? '') as StartupData
  } catch {
    return null // the page asks instead
  }
}

/** The startup with its source on the way (or there already). */
function withSource(data: Omit<StartupData, 'source'>, source: Promise<Source> | null): Startup {
  source?.catch(() => undefined) // its taker reports a failure
  return { list: data.list, settings: data.settings, sourceId: data.sourceId, source }
}

function begin(): Promise<Startup> {
  const startup = Promise.all([api.listSources(), api.getSettings()]).then(([list, settings]): Startup => {
    const sourceId = startupSourceId(list, settings)
    return withSource({ list, settings, sourceId }, sourceId ? api.getSource(sourceId) : null)
  })
  startup.catch(() => undefined) // its taker reports a failure
  return startup
}

function fromEmbedded(data: StartupData): Startup {
  return withSource(data, data.source ? Promise.resolve(data.source) : data.sourceId ? api.getSource(data.sourceId) : null)
}

const embedded = readEmbedded()

/**
 * Asked for as this module loads, before React and the app's code are evaluated: the server
 * answers while they are, and the article's source is asked for as soon as the settings say
 * which it is. Not asked at all when the page came with the data.
 */
let pending: Promise<Startup> | null = embedded ? Promise.resolve(fromEmbedded(embedded)) : begin()

/** The startup calls made at load (once; later callers ask again). */
export function takeStartup(): Promise<Startup> {
  const startup = pending ?? begin()
  pending = null
  return startup
}

/** The data the page came with, for the first render's state: the article is in that render. Null when the page asks for it. */
export function embeddedStartup(): StartupData | null {
  return embedded
}

/**
 * Whether the window must ask the notebook again now that its event stream has begun: after a
 * break, or at the first start when the notebook changed since the page's data was read (a
 * setting saved as the page reloaded, another tab's edit), or when that cannot be told.
 */
export function missedEvents(connection: EventsConnection): boolean {
  if (!connection.first) return true
  return embedded?.eventsSent === undefined || connection.eventsSent !== embedded.eventsSent
}
