/// <reference lib="webworker" />
import type { PostReply, PostRequest } from './post-off-thread'

/**
 * Sends the API's large requests (a long note's save, an imported file) from its own thread:
 * handing the browser a body of megabytes costs its sender tens of milliseconds, which the page
 * would spend between two keys.
 */
declare const self: DedicatedWorkerGlobalScope

self.onmessage = async (event: MessageEvent<PostRequest>) => {
  const { id, url, headers, body } = event.data
  let reply: PostReply
  try {
    const response = await fetch(url, { method: 'POST', headers, body })
    reply = { id, status: response.status, text: await response.text() }
  } catch (error) {
    reply = { id, failed: error instanceof Error ? error.message : String(error) }
  }
  self.postMessage(reply)
}
