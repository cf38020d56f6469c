import { memo, useEffect, useRef, useState, type ReactNode } from 'react'
import type { PDFDocumentProxy, PDFPageProxy, RenderTask } from 'pdfjs-dist'
import type { Block, PageBox } from '../../../../shared/model'
import { pdfjsModule } from './pdf-document'

interface PdfPageProps {
  doc: PDFDocumentProxy
  page: number
  /** CSS pixels per PDF point. */
  scale: number
  /** The page's size in points (the first page's until this one is read). */
  size: { width: number; height: number }
  /** Near the view: drawn, with its text layer; far: an empty frame of its size (memory stays bounded). */
  near: boolean
  /** The numbered blocks that start on this page, with their first box here: their "Cite ¶N in note" buttons. */
  starts: readonly { block: Block; box: PageBox }[]
  /** The boxes of a block being revealed on this page, outlined for a moment. */
  flash: readonly PageBox[]
  onSize(page: number, width: number, height: number): void
  /** The page's text layer once drawn, null once it is gone. */
  onTextLayer(page: number, layer: HTMLElement | null): void
  onCite(block: Block): void
  onFailed(page: number, message: string): void
}

/** The height a ¶ button takes in the margin (12 px type and its padding). */
const CITE_BUTTON_HEIGHT = 17

/** One page of a PDF: pdf.js draws it on a canvas, with its text layer over it for selecting words. */
export const PdfPage = memo(function PdfPage({ doc, page, scale, size, near, starts, flash, onSize, onTextLayer, onCite, onFailed }: PdfPageProps): ReactNode {
  const drawing = useRef<HTMLDivElement>(null)
  const textLayer = useRef<HTMLDivElement>(null)
  const [drawn, setDrawn] = useState(false)

  useEffect(() => {
    const holder = drawing.current
    const layer = textLayer.current
    if (!near || !holder || !layer) return
    let cancelled = false
    let task: RenderTask | null = null
    let text: { cancel(): void } | null = null
    let proxy: PDFPageProxy | null = null
    void (async () => {
      proxy = await doc.getPage(page)
      if (cancelled) return
      const viewport = proxy.getViewport({ scale })
      onSize(page, viewport.width / scale, viewport.height / scale)
      const ratio = window.devicePixelRatio || 1
      const canvas = document.createElement('canvas')
      canvas.width = Math.floor(viewport.width * ratio)
      canvas.height = Math.floor(viewport.height * ratio)
      canvas.style.width = `${Math.floor(viewport.width)}px`
      canvas.style.height = `${Math.floor(viewport.height)}px`
      const { TextLayer } = await pdfjsModule()
      const words = new TextLayer({ textContentSource: proxy.streamTextContent(), container: layer, viewport })
      text = words
      task = proxy.render({ canvas, canvasContext: canvas.getContext('2d')!, viewport, ...(ratio !== 1 ? { transform: [ratio, 0, 0, ratio, 0, 0] } : {}) })
      // the words first: they can be selected while the drawing is still being made
      await words.render()
      if (cancelled) return
      onTextLayer(page, layer)
      await task.promise
      if (cancelled) return
      holder.replaceChildren(canvas)
      setDrawn(true)
    })().catch((error: Error) => {
      if (!cancelled && error?.name !== 'RenderingCancelledException' && error?.name !== 'AbortException') onFailed(page, error?.message ?? String(error))
    })
    return () => {
      cancelled = true
      task?.cancel()
      text?.cancel()
      holder.replaceChildren()
      layer.replaceChildren()
      // what pdf.js keeps of the page (its parsed drawing) goes with it: memory stays bounded
      proxy?.cleanup()
      setDrawn(false)
      onTextLayer(page, null)
    }
  }, [doc, page, scale, near, onSize, onTextLayer, onFailed])

  const place = ([, left, top, right, bottom]: PageBox) => ({ left: left * scale, top: top * scale, width: (right - left) * scale, height: (bottom - top) * scale })
  // ¶ buttons of paragraphs starting on neighbouring lines stand one under the other, never on top of each other
  const citeTops: number[] = []
  let lowest = -Infinity
  for (const i of starts.map((_, k) => k).sort((a, b) => starts[a]!.box[2] - starts[b]!.box[2])) {
    citeTops[i] = Math.max(starts[i]!.box[2] * scale, lowest + CITE_BUTTON_HEIGHT)
    lowest = citeTops[i]!
  }
  return (
    <div
      className={`pdf-page${drawn ? ' drawn' : ''}`}
      data-page-number={page}
      role="group"
      aria-label={`Page ${page}`}
      ref={(el) => {
        // pdf.js sizes its text layer by this variable (its viewer's "--total-scale-factor")
        el?.style.setProperty('--total-scale-factor', String(scale))
      }}
      style={{ width: Math.floor(size.width * scale), height: Math.floor(size.height * scale) }}
    >
      <div className="pdf-page-drawing" ref={drawing} />
      <div className="textLayer" ref={textLayer} />
      {near &&
        flash.map((box, i) => <div key={`flash-${i}`} className="pdf-page-flash" style={place(box)} />)}
      {near &&
        starts.map(({ block }, i) => (
          <button
            key={block.id}
            type="button"
            className="pdf-cite"
            style={{ top: citeTops[i] }}
            aria-label={`Cite ¶${block.paragraph} in note`}
            title={`Cite ¶${block.paragraph} in the note`}
            onClick={() => onCite(block)}
          >
            ¶{block.paragraph}
          </button>
        ))}
      <span className="pdf-page-number" aria-hidden="true">
        {page}
      </span>
    </div>
  )
})
