import { createApiProxy, type NotebookApi } from '../../../shared/api'

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

function createHttpApi(): NotebookApi {
  const token = takeToken()
  return createApiProxy(async (method, args) => {
    const response = await fetch(`/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Pilcrow-Token': token },
      body: JSON.stringify({ args })
    })
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

/** The notebook API; the UI never knows which transport is behind it. */
export const api: NotebookApi = window.pilcrow ?? createHttpApi()
