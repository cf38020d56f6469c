import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react'
import type { PDFDocumentProxy } from 'pdfjs-dist'
import type { Block, Source } from '../../../../shared/model'
import { blockIdFromHash, markRevealedWords, revealedAt, setPageRevealer } from '../reveal'
import { keepPositionWhileScrolling, rememberedPosition, rememberPosition } from '../reading-position'
import type { TextLocator } from '../text-locator'
import { indexTextLayer, pageLocator, type PageTextLayer } from './page-locator'
import { sourcePages } from './page-map'
import { blockAtTopOfPages, blockTop } from './page-position'
import { openPdf, pdfFileOf } from './pdf-document'
import { PdfPage } from './PdfPage'

interface PageViewProps {
  source: Source
  /** The scrolling reading pane. */
  pane: RefObject<HTMLElement | null>
  onCite(block: Block): void
  /** The view's locator (for highlights and quotes), new whenever pages are drawn or go. */
  onLocator(locator: TextLocator | null): void
}

/** How far beyond the visible part of the pane pages are drawn (and past which they are let go). */
const DRAW_MARGIN = '150% 0px'
/** Room kept left of the page for the ¶ buttons. */
const GUTTER = 56
/** How long a revealed block's boxes stay outlined. */
const FLASH_MS = 2000

type Words = { start: number; end: number }

/**
 * A PDF source as its pages, drawn by pdf.js as they come near the view. Its ¶ buttons cite
 * paragraphs; words selected in its text layer are quoted and highlighted through the locator,
 * on the same words as the text view; revealing a block scrolls to its boxes.
 */
export function PageView({ source, pane, onCite, onLocator }: PageViewProps): ReactNode {
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const [pageSize, setPageSize] = useState<{ width: number; height: number }[]>([])
  const [scale, setScale] = useState(1)
  const [near, setNear] = useState<ReadonlySet<number>>(new Set())
  const [flash, setFlash] = useState<{ blockId: string; words?: Words } | null>(null)
  const map = useMemo(() => sourcePages(source.blocks), [source.blocks])
  const layers = useRef(new Map<number, PageTextLayer>())
  const [locator, setLocator] = useState<TextLocator | null>(null)
  const pages = useRef<HTMLDivElement>(null)

  // the file, read through the contract, opened by pdf.js
  useEffect(() => {
    let cancelled = false
    let opened: PDFDocumentProxy | null = null
    setDoc(null)
    setFailure(null)
    pdfFileOf(source)
      .then(openPdf)
      .then(async (pdf) => {
        opened = pdf
        if (cancelled) return void pdf.destroy()
        const first = (await pdf.getPage(1)).getViewport({ scale: 1 })
        if (cancelled) return
        setPageSize(Array.from({ length: pdf.numPages }, () => ({ width: first.width, height: first.height })))
        // the scale the pages are first drawn at: changing it would draw them again
        if (pane.current) setScale(fittingScale(pane.current, first.width))
        setDoc(pdf)
      })
      .catch((error: Error) => !cancelled && setFailure(error.message))
    return () => {
      cancelled = true
      layers.current.clear()
      void opened?.destroy()
    }
    // opened once per source shown (its file for its current blocks, see pdfFileOf)
  }, [source.id, pane])

  // as wide as the pane allows (no wider than twice the printed size)
  useEffect(() => {
    const scroller = pane.current
    const width = pageSize[0]?.width
    if (!scroller || !width) return
    const fit = (): void => setScale(fittingScale(scroller, width))
    const observer = new ResizeObserver(fit)
    observer.observe(scroller)
    return () => observer.disconnect()
  }, [pane, pageSize])

  // which pages are near the view: those are drawn
  useEffect(() => {
    const scroller = pane.current
    const holder = pages.current
    if (!doc || !scroller || !holder) return
    const observer = new IntersectionObserver(
      (entries) =>
        setNear((was) => {
          const next = new Set(was)
          for (const entry of entries) {
            const page = Number((entry.target as HTMLElement).dataset['pageNumber'])
            if (entry.isIntersecting) next.add(page)
            else next.delete(page)
          }
          return next
        }),
      { root: scroller, rootMargin: DRAW_MARGIN }
    )
    for (const el of holder.querySelectorAll('.pdf-page')) observer.observe(el)
    return () => observer.disconnect()
  }, [doc, pane])

  const onSize = useCallback((page: number, width: number, height: number) => {
    setPageSize((sizes) => {
      const was = sizes[page - 1]
      if (!was || (Math.abs(was.width - width) < 0.5 && Math.abs(was.height - height) < 0.5)) return sizes
      const next = [...sizes]
      next[page - 1] = { width, height }
      return next
    })
  }, [])

  // stable: a page's drawing is never redone because something else changed (its effect depends on this)
  const mapNow = useRef(map)
  mapNow.current = map
  const onTextLayer = useCallback((page: number, layer: HTMLElement | null) => {
    if (layer) layers.current.set(page, indexTextLayer(page, layer))
    else layers.current.delete(page)
    setLocator(pageLocator(mapNow.current, new Map(layers.current)))
  }, [])
  // the source's blocks changed (a re-import): the locator reads them anew
  useEffect(() => setLocator(pageLocator(map, new Map(layers.current))), [map])
  useEffect(() => onLocator(locator), [locator, onLocator])
  useEffect(() => () => onLocator(null), [onLocator])

  // the reading position, shared with the text view (the block at the top): kept as the pages
  // scroll, restored as they open (unless a chip, a search hit or a link revealed a block meanwhile)
  const openedAt = useRef(performance.now())
  const scaleNow = useRef(scale)
  scaleNow.current = scale
  useEffect(() => {
    const scroller = pane.current
    const holder = pages.current
    if (!doc || !scroller || !holder) return
    const kept = rememberedPosition(source.id)
    const top = kept && revealedAt < openedAt.current && !blockIdFromHash(window.location.hash) ? blockTop(holder, scroller, mapNow.current, kept, scaleNow.current) : null
    if (top !== null) scroller.scrollTop = top
    return keepPositionWhileScrolling(scroller, () => {
      const blockId = blockAtTopOfPages(scroller, holder, mapNow.current, scaleNow.current)
      if (blockId) rememberPosition(source.id, blockId)
    })
  }, [doc, pane, source.id])

  const onFailed = useCallback((page: number, message: string) => setFailure(`Page ${page} could not be drawn: ${message}`), [])

  // revealing (a chip, a search hit, Go to ¶): scroll to the block's first box and outline it
  const pendingReveal = useRef<{ blockId: string; words?: Words } | null>(null)
  const reveal = useCallback(
    (blockId: string, words?: Words): boolean => {
      const block = map.block(blockId)
      const scroller = pane.current
      const page = map.pagesOf(blockId)[0]
      if (!block || page === undefined) return false
      const top = doc && scroller && pages.current ? blockTop(pages.current, scroller, map, blockId, scale) : null
      if (!scroller || top === null) {
        // the file is still being opened: revealed once its pages are there
        pendingReveal.current = words ? { blockId, words } : { blockId }
        return true
      }
      const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches
      scroller.scrollTo({ top: Math.max(0, top - scroller.clientHeight / 3), behavior: smooth ? 'smooth' : 'auto' })
      // revealed again without words (the address's #block= following a chip): the chip's words still get marked
      setFlash((was) => (words ? { blockId, words } : was?.blockId === blockId ? { ...was } : { blockId }))
      return true
    },
    [doc, map, pane, scale]
  )
  // revealing goes through this view from the moment it is shown (a chip clicked as the source opens)
  const revealNow = useRef(reveal)
  revealNow.current = reveal
  useEffect(() => setPageRevealer((blockId, words) => revealNow.current(blockId, words)), [])
  useEffect(() => {
    const pending = pendingReveal.current
    if (!doc || !pending) return
    pendingReveal.current = null
    requestAnimationFrame(() => reveal(pending.blockId, pending.words))
  }, [doc, reveal])
  useEffect(() => {
    if (!flash) return
    const timer = window.setTimeout(() => setFlash(null), FLASH_MS)
    return () => window.clearTimeout(timer)
  }, [flash])
  // the revealed words, marked once their page's words are there
  useEffect(() => {
    if (!flash?.words || !locator) return
    const ranges = locator.rangesOf({ blockId: flash.blockId, ...flash.words })
    if (ranges.length > 0) {
      markRevealedWords(ranges)
      setFlash({ blockId: flash.blockId })
    }
  }, [flash, locator])

  if (failure) return <p className="reader-empty" role="alert">{`The pages of this PDF cannot be shown: ${failure} The text view still has its text.`}</p>
  if (!doc) return <p className="reader-empty">Opening the pages…</p>
  return (
    <div className="pdf-pages" ref={pages}>
      {pageSize.map((size, i) => (
        <PdfPage
          key={i + 1}
          doc={doc}
          page={i + 1}
          scale={scale}
          size={size}
          near={near.has(i + 1)}
          starts={map.startsOn(i + 1)}
          flash={flash ? map.boxesOn(flash.blockId, i + 1) : NO_BOXES}
          onSize={onSize}
          onTextLayer={onTextLayer}
          onCite={onCite}
          onFailed={onFailed}
        />
      ))}
    </div>
  )
}

const NO_BOXES: never[] = []

/** Pages as wide as the pane allows (beside the ¶ buttons), no narrower than half and no wider than twice their printed size. */
function fittingScale(pane: HTMLElement, pageWidth: number): number {
  return Math.max(0.5, Math.min(2, Math.floor(((pane.clientWidth - GUTTER - 24) / pageWidth) * 100) / 100))
}
