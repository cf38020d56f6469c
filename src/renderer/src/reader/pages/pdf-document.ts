import type { PDFDocumentProxy, PDFWorker } from 'pdfjs-dist'

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
    data: bytes,
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

/** Base64 (as the contract carries files) to bytes. */
export function bytesOf(base64: string): Uint8Array {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/** pdf.js' classes, for the page view's drawing (the module is loaded by then). */
export const pdfjsModule = (): Promise<typeof import('pdfjs-dist')> => import('pdfjs-dist')
