import { existsSync } from 'node:fs'
import { Worker } from 'node:worker_threads'
import type { StoredNote } from './passage-store'
import type { SearchDocument } from './search-options'
import type { BuiltSegmentFiles } from './segment-build'

/** What the worker is given: where each source's file is, and the notes' documents. */
export interface BuildJob {
  version: string
  fingerprint: string
  sources: { id: string; path: string }[]
  notes: { document: SearchDocument; note: StoredNote }[]
}

export type WorkerMessage =
  | { kind: 'progress'; progress: number }
  | { kind: 'done'; segment: ArrayBuffer; passages: ArrayBuffer }
  | { kind: 'failed'; message: string }

/** Whether the worker's script is there (it is built with the app; tests of the core run without it). */
export function canBuildOnWorker(workerPath: string | undefined): workerPath is string {
  return workerPath !== undefined && existsSync(workerPath)
}

/** Runs a full build on a worker thread; the promise settles when the worker has answered (or died). */
export function buildOnWorker(workerPath: string, job: BuildJob, onProgress: (progress: number) => void): Promise<BuiltSegmentFiles> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerPath)
    let settled = false
    const settle = (fn: () => void): void => {
      if (settled) return
      settled = true
      fn()
      void worker.terminate()
    }
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'progress') onProgress(message.progress)
      else if (message.kind === 'done') settle(() => resolve({ segment: Buffer.from(message.segment), passages: Buffer.from(message.passages) }))
      else settle(() => reject(new Error(message.message)))
    })
    worker.on('error', (error) => settle(() => reject(error)))
    worker.on('exit', (code) => settle(() => reject(new Error(`the search index worker stopped (exit code ${code})`))))
    worker.postMessage(job)
  })
}
