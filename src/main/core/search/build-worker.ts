/**
 * The search index's full build on a worker thread (built to out/main/search-worker.js): the
 * window's process keeps answering searches from the old index while a million paragraphs are
 * read and indexed here. Sources are read from their files; the notes come with the job.
 */
import { readFileSync } from 'node:fs'
import { parentPort } from 'node:worker_threads'
import { parseSourceFile } from '../source-file'
import { buildSegmentFiles } from './segment-build'
import type { BuildJob, WorkerMessage } from './build-worker-client'

parentPort?.once('message', (job: BuildJob) => {
  const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []): void => parentPort!.postMessage(message, transfer)
  let reported = 0
  const paths = new Map(job.sources.map((s) => [s.id, s.path]))
  buildSegmentFiles({
    version: job.version,
    fingerprint: job.fingerprint,
    sourceIds: job.sources.map((s) => s.id),
    readSource: (id) => {
      const path = paths.get(id)
      try {
        return path ? parseSourceFile(readFileSync(path, 'utf8')) : null
      } catch {
        return null // damaged since the catalog was made: the main thread reports it when it reads it
      }
    },
    notes: job.notes,
    pause: async (progress) => {
      if (progress - reported < 0.01) return
      reported = progress
      post({ kind: 'progress', progress })
    }
  }).then(
    (files) => {
      const segment = ownArrayBuffer(files.segment)
      const passages = ownArrayBuffer(files.passages)
      post({ kind: 'done', segment, passages }, [segment, passages])
    },
    (error: unknown) => post({ kind: 'failed', message: error instanceof Error ? error.message : String(error) })
  )
})

/** The bytes in an ArrayBuffer of their own, to hand over without a copy (a small Buffer may share Node's pool). */
function ownArrayBuffer(bytes: Buffer): ArrayBuffer {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) return bytes.buffer
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
}
