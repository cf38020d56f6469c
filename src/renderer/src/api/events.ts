import { createEventSubscriptions, type NotebookEvent, type NotebookEvents } from '../../../shared/events'
import { EVENTS_SENT_HEADER } from '../../../shared/startup'
import { apiToken } from './client'

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    pilcrowEvents?: NotebookEvents
  }
}

/** Reconnecting waits this long, doubling up to 10 s (a server restarting). */
const RETRY_FIRST_MS = 500
const RETRY_MAX_MS = 10_000

export interface EventsConnection {
  /** The page's first connection (else the stream came back after a break: events may have been missed). */
  first: boolean
  /** How many events the server had sent before this stream began; null when it does not say. */
  eventsSent: number | null
}

const connectListeners = new Set<(connection: EventsConnection) => void>()

/** Told each time the event stream starts, the first time included. */
export function onEventsConnected(listener: (connection: EventsConnection) => void): () => void {
  connectListeners.add(listener)
  return () => connectListeners.delete(listener)
}

/** Told when the event stream comes back after a break: events may have been missed, so stores ask again. */
export function onEventsReconnected(listener: () => void): () => void {
  return onEventsConnected((connection) => {
    if (!connection.first) listener()
  })
}

/**
 * Browser mode: one event stream (`GET /api/events`, Server-Sent Events read with `fetch` so the
 * token goes in a header), opened when the first listener comes, reconnected after a restart.
 */
function createStreamEvents(): NotebookEvents {
  const listeners = new Set<(event: NotebookEvent) => void>()
  let running = false
  const run = async (): Promise<void> => {
    running = true
    // the stream and its checks come after the first screen has painted, not in its way
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))
    const schema = import('../../../shared/event-schema')
    let connections = 0
    for (let retry = RETRY_FIRST_MS; listeners.size > 0; retry = Math.min(RETRY_MAX_MS, retry * 2)) {
      try {
        const response = await fetch('/api/events', { headers: { 'X-Pilcrow-Token': apiToken() } })
        if (response.ok && response.body) {
          retry = RETRY_FIRST_MS / 2
          const sent = Number.parseInt(response.headers.get(EVENTS_SENT_HEADER) ?? '', 10)
          const connection: EventsConnection = { first: connections++ === 0, eventsSent: Number.isSafeInteger(sent) ? sent : null }
          for (const listener of connectListeners) listener(connection)
          const { parseNotebookEvent } = await schema
          await readStream(response.body, (data) => {
            let event: NotebookEvent | null
            try {
              event = parseNotebookEvent(JSON.parse(data))
            } catch {
              return
            }
            if (event) for (const listener of listeners) listener(event)
          })
        }
      } catch {
        // the server is away: try again
      }
      await new Promise((resolve) => setTimeout(resolve, retry))
    }
    running = false
  }
  return createEventSubscriptions((listener) => {
    listeners.add(listener)
    if (!running) void run()
    return () => listeners.delete(listener)
  })
}

/** Reads `data:` lines of a Server-Sent Events body until it ends. */
async function readStream(body: ReadableStream<Uint8Array>, onData: (data: string) => void): Promise<void> {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  for (;;) {
    const { value, done } = await reader.read()
    if (done) return
    buffer += decoder.decode(value, { stream: true })
    let end: number
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const message = buffer.slice(0, end)
      buffer = buffer.slice(end + 2)
      const data = message
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice(6))
        .join('\n')
      if (data) onData(data)
    }
  }
}

/** The notebook's events; the UI never knows which transport brings them. */
export const events: NotebookEvents = window.pilcrowEvents ?? createStreamEvents()
