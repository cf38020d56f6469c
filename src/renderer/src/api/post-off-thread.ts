/** A request handed to the post worker, and its answer. */
export interface PostRequest {
  id: number
  url: string
  headers: Record<string, string>
  body: string
}

export type PostReply = { id: number; status: number; text: string } | { id: number; failed: string }

let worker: Worker | null = null
let nextId = 0
const waiting = new Map<number, { resolve(response: Response): void; reject(error: Error): void }>()

function startWorker(): Worker {
  const started = new Worker(new URL('./post-worker.ts', import.meta.url), { type: 'module' })
  started.onmessage = (event: MessageEvent<PostReply>) => {
    const reply = event.data
    const pending = waiting.get(reply.id)
    waiting.delete(reply.id)
    if (!pending) return
    // the same failure as the page's own fetch: a TypeError means the server could not be reached
    if ('failed' in reply) pending.reject(new TypeError(`Failed to fetch (${reply.failed})`))
    else pending.resolve(new Response(reply.text, { status: reply.status, headers: { 'Content-Type': 'application/json' } }))
  }
  started.onerror = () => {
    // a worker that cannot start (or died): its calls fail as unreachable, and the next one starts a new worker
    for (const pending of waiting.values()) pending.reject(new TypeError('Failed to fetch (the request worker stopped)'))
    waiting.clear()
    worker = null
  }
  return started
}

/** POSTs from the post worker's thread; the answer is the page's as if it had fetched it. */
export function postOffThread(url: string, headers: Record<string, string>, body: string): Promise<Response> {
  const sender = (worker ??= startWorker())
  const id = ++nextId
  const request: PostRequest = { id, url: new URL(url, location.href).href, headers, body }
  return new Promise<Response>((resolve, reject) => {
    waiting.set(id, { resolve, reject })
    sender.postMessage(request)
  })
}
