import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { Worker } from 'node:worker_threads'
import type { PageText } from './pdf-layout'

/** What pdf.js read from a PDF: each page's placed text, and the document's info dictionary. */
export interface PdfText {
  pages: PageText[]
  info: Record<string, unknown>
}

/** A pdf.js failure, with pdf.js's own name for it (`PasswordException`, `InvalidPDFException`…). */
export class PdfReadError extends Error {
  constructor(
    readonly pdfjsName: string,
    message: string
  ) {
    super(message)
  }
}

/** A PDF that takes longer than this to read is given up on (a pathological file must not hang an import). */
const TIME_LIMIT_MS = 180_000

/**
 * The worker's own code, plain JavaScript: pdf.js's legacy build (the one that runs on Node 20)
 * installs core-js polyfills, among them a slow JSON.stringify, so it must never load in
 * Pilcrow's own thread. In a worker it also keeps the notebook answering while a long PDF is read.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const { pathToFileURL } = require('node:url')
;(async () => {
  const pdfjs = await import(pathToFileURL(workerData.pdfjsPath).href)
  const task = pdfjs.getDocument({
    data: workerData.bytes,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    standardFontDataUrl: workerData.fontsPath,
    // the character maps CID fonts (Japanese, Chinese, Korean) need: without them their text is dropped
    cMapUrl: workerData.cmapsPath,
    cMapPacked: true,
    verbosity: pdfjs.VerbosityLevel.ERRORS
  })
  try {
    const doc = await task.promise
    parentPort.postMessage({ type: 'start', pages: doc.numPages })
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n)
      const content = await page.getTextContent()
      // placed as the page is shown (its crop box, its rotation): what pdf.js draws and what the
      // reader's page view measures boxes in, and margins counted from the edges a reader sees
      const viewport = page.getViewport({ scale: 1 })
      const items = []
      for (const item of content.items) if (typeof item.str === 'string') items.push([item.str, pdfjs.Util.transform(viewport.transform, item.transform), item.width, item.height])
      parentPort.postMessage({ type: 'page', page: n, width: viewport.width, height: viewport.height, items })
      page.cleanup()
    }
    const meta = await doc.getMetadata().catch(() => null)
    parentPort.postMessage({ type: 'done', info: JSON.parse(JSON.stringify((meta && meta.info) || {})) })
  } catch (error) {
    parentPort.postMessage({ type: 'error', name: String((error && error.name) || 'Error'), message: String((error && error.message) || error) })
  } finally {
    await task.destroy()
  }
})()
`

function pdfjsPaths(): { pdfjsPath: string; fontsPath: string; cmapsPath: string } {
  const require = createRequire(import.meta.url)
  const root = dirname(require.resolve('pdfjs-dist/package.json'))
  return { pdfjsPath: join(root, 'legacy', 'build', 'pdf.mjs'), fontsPath: `${join(root, 'standard_fonts')}/`, cmapsPath: `${join(root, 'cmaps')}/` }
}

/** Reads a PDF's text layer in a worker thread, page by page; `onPage` reports progress. */
export function extractPdfText(bytes: Uint8Array, onPage?: (done: number, total: number) => void): Promise<PdfText> {
  const copy = new Uint8Array(bytes) // transferred to the worker
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { bytes: copy, ...pdfjsPaths() },
    transferList: [copy.buffer],
    resourceLimits: { maxOldGenerationSizeMb: 2048 },
    stdout: true, // pdf.js's console chatter stays out of ours
    stderr: true
  })
  return new Promise<PdfText>((resolve, reject) => {
    const pages: PageText[] = []
    let total = 0
    const timer = setTimeout(() => finish(new PdfReadError('Timeout', `it took longer than ${TIME_LIMIT_MS / 1000} s to read`)), TIME_LIMIT_MS)
    let settled = false
    const finish = (error: Error | null, info?: Record<string, unknown>): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      void worker.terminate()
      if (error) reject(error)
      else resolve({ pages, info: info ?? {} })
    }
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'start') total = message.pages
      else if (message.type === 'page') {
        pages.push({ page: message.page, width: message.width, height: message.height, items: message.items.map(placed(message.height)) })
        onPage?.(message.page, total)
      } else if (message.type === 'done') finish(null, message.info)
      else finish(new PdfReadError(message.name, message.message))
    })
    worker.on('error', (error) => finish(new PdfReadError(error.name, error.message)))
    worker.on('exit', (code) => finish(new PdfReadError('Exit', `the PDF reader stopped (exit code ${code})`)))
  })
}

type WorkerMessage =
  | { type: 'start'; pages: number }
  | { type: 'page'; page: number; width: number; height: number; items: [string, number[], number, number][] }
  | { type: 'done'; info: Record<string, unknown> }
  | { type: 'error'; name: string; message: string }

/** An item placed by its transform in the page's view (y downwards from the crop box's top), turned to layout's y upwards. */
function placed(pageHeight: number) {
  return ([text, transform, width, height]: [string, number[], number, number]): PageText['items'][number] => {
    const [a = 0, b = 0, c = 0, d = 0, x = 0, y = 0] = transform
    return { text, x, y: pageHeight - y, width, fontSize: Math.hypot(c, d) || Math.hypot(a, b) || height }
  }
}
