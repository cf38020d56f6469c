import type { PDFDocumentProxy, PDFWorker } from 'pdfjs-dist'
import type { Block, Source } from '../../../../shared/model'
import { bytesFromBase64 } from '../../api/base64'
import { api } from '../../api/client'

let worker: PDFWorker | null = null

/**
 * Opens a PDF's bytes with pdf.js, loaded only when a page view first needs it (it is a large
 * module; the app starts without it). No eval (`isEvalSupported: false`), its worker and data
 * files (character maps, standard fonts, image decoders) from the app itself, never the network.
 */
export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  const [pdfjs, workerUrl] = await Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')])
  pdfjs.GlobalWorkerOptions.workerSrc = workerUrl.default
  // one worker for every document opened: starting one (1.2 MB of script) is a good part of opening a PDF
  worker ??= new pdfjs.PDFWorker()
  const base = new URL('./pdfjs/', document.baseURI).href
  return pdfjs.getDocument({
    // a copy: pdf.js hands its buffer to its worker, and the kept file is opened again later
    data: bytes.slice(),
    worker,
    isEvalSupported: false,
    enableXfa: false,
    cMapUrl: `${base}cmaps/`,
    cMapPacked: true,
    standardFontDataUrl: `${base}standard_fonts/`,
    wasmUrl: `${base}wasm/`,
    verbosity: pdfjs.VerbosityLevel.ERRORS
  }).promise
}

/**
 * A PDF source's file, read through the contract once per version of its text (a re-import gives
 * new blocks; an edit of its details does not): switching between the text and the page view does
 * not fetch and decode it again.
 */
const files = new WeakMap<readonly Block[], Promise<Uint8Array>>()
export function pdfFileOf(source: Source): Promise<Uint8Array> {
  let file = files.get(source.blocks)
  if (!file) {
    file = api.getSourceFile(source.id).then((f) => bytesFromBase64(f.base64))
    // a failure is not kept: the next opening asks again
    file.catch(() => files.delete(source.blocks))
    files.set(source.blocks, file)
  }
  return file
}

/** pdf.js' classes, for the page view's drawing (the module is loaded by then). */
export const pdfjsModule = (): Promise<typeof import('pdfjs-dist')> => import('pdfjs-dist')
