import { createApiProxy, type NotebookApi } from '../../../shared/api'
import { stringifyWithJsonText } from '../../../shared/json-text'
import { readDraft } from '../../../shared/notes'
import { postOffThread } from './post-off-thread'

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    pilcrow?: NotebookApi
  }
}

const TOKEN_KEY = 'pilcrow-token'

/**
 * Browser mode: the first page load carries the token in the URL; we keep it for this tab only,
 * take it out of the address bar, and send it in a header on every call.
 */
function takeToken(): string {
  const url = new URL(window.location.href)
  const fromUrl = url.searchParams.get('token')
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl)
    url.searchParams.delete('token')
    window.history.replaceState(null, '', url.pathname + url.search + url.hash)
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? ''
}

/** This tab's token for browser mode's API (also for its event stream). */
export function apiToken(): string {
  return sessionStorage.getItem(TOKEN_KEY) ?? ''
}

/**
 * A change sent just before a reload or a closed tab must still arrive, so small calls that
 * change the notebook go as `keepalive` requests, which the browser finishes after the page is
 * gone. It allows 64 KiB of them in flight per page (beyond that it refuses the call), so larger
 * ones go as usual. Reads do not: the browser passes a keepalive answer through one more process,
 * and a source's answer (megabytes) took 30 ms longer.
 */
const KEEPALIVE_BUDGET_BYTES = 60 * 1024
/** Calls that only read: nothing is lost when a page going away cuts them off. */
const READS = /^(get|list|search|format|match|export|open)(?![a-z])/
let keepaliveBytesInFlight = 0

/** A body this long goes from the post worker: a long note's save would stall the page (15–50 ms at 1.5 MB). */
const OFF_THREAD_CHARS = 256 * 1024

async function post(method: string, headers: Record<string, string>, body: string): Promise<Response> {
  const url = `/api/${method}`
  if (body.length > OFF_THREAD_CHARS && typeof Worker === 'function') return postOffThread(url, headers, body)
  // a UTF-16 code unit is at most 3 bytes of UTF-8
  const bytes = body.length * 3
  const keepalive = !READS.test(method) && keepaliveBytesInFlight + bytes <= KEEPALIVE_BUDGET_BYTES
  if (!keepalive) return fetch(url, { method: 'POST', headers, body })
  keepaliveBytesInFlight += bytes
  try {
    return await fetch(url, { method: 'POST', headers, body, keepalive: true })
  } finally {
    keepaliveBytesInFlight -= bytes
  }
}

function createHttpApi(): NotebookApi {
  const token = takeToken()
  const headers = { 'Content-Type': 'application/json', 'X-Pilcrow-Token': token }
  return createApiProxy(async (method, args) => {
    const response = await post(method, headers, stringifyWithJsonText({ args }))
    const body = (await response.json().catch(() => null)) as { result?: unknown; error?: { code: string; message: string } } | null
    if (response.ok && body && 'result' in body) return body.result
    if (response.status === 401) {
      // the server was started again with another key: this page's key is out of date
      const error = new Error('Pilcrow’s server no longer knows this page’s key (it was started again with a new one). Open the address “pilcrow serve” printed; what you typed is kept in this browser and saved there.')
      error.name = 'unauthorized'
      throw error
    }
    const error = new Error(body?.error?.message ?? `Pilcrow's server answered ${response.status}.`)
    error.name = body?.error?.code ?? 'io-error'
    throw error
  })
}

/** Electron's IPC clones what it sends rather than writing JSON: a note's content kept as JSON text is read back first. */
function overIpc(ipc: NotebookApi): NotebookApi {
  return { ...ipc, saveNote: (draft) => ipc.saveNote(readDraft(draft)) }
}

/** The notebook API; the UI never knows which transport is behind it. */
export const api: NotebookApi = window.pilcrow ? overIpc(window.pilcrow) : createHttpApi()
