import { useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState, type DragEvent, type FocusEvent, type KeyboardEvent, type ReactNode, type Ref, type RefObject } from 'react'
import { createAnchor } from '../../../shared/anchors'
import type { Backlink, SourceBacklinks } from '../../../shared/links'
import type { Block, Source } from '../../../shared/model'
import { shortcutLabel } from '../../../shared/commands'
import { CITATION_MIME, type Citation } from '../ui/citations'
import { IS_MAC } from '../ui/platform'
import { attachBlockWindow } from '../ui/block-window'
import { sourceDeepLink } from '../../../shared/deep-links'
import { BlockView, READER_KEYS_HINT_ID, type BlockActions } from './BlockView'
import { extendSelection, focusableBlockOf, focusBlock, makeTabStop, neighbour } from './reader-keys'
import { ReaderTools, type ReaderTool, type ReaderToolsHandle } from './ReaderTools'
import { blockAtTop, keepPositionWhileScrolling, rememberedPosition, rememberPosition, restorePosition } from './reading-position'
import { blockIdFromHash, revealBlock } from './reveal'
import { readSelectedQuote, type SelectedQuote } from './selection-anchor'
import { articleLocator, type TextLocator } from './text-locator'
import { hasPages, rememberedView, rememberView, type SourceView } from './pages/view-mode'
import { PageView } from './pages/PageView'
import { useReaderHighlights } from './highlights/useReaderHighlights'
import { SourceHeader } from './SourceHeader'
import { copyCitation } from '../api/copy-citation'

interface ReaderProps {
  source: Source | null
  /** Says something short to the user (a link copied, nothing to quote). */
  onNotice?(text: string): void
  /** No source to show (the workspace has none): say how to add one instead of "Loading". */
  empty?: boolean
  backlinks: SourceBacklinks | null
  onCite(citation: Citation): void
  onOpenBacklink(backlink: Backlink): void
  handle: Ref<ReaderHandle>
}

/** Blocks rendered at once when a source opens (three screens and more at 1280×800); the rest follow in chunks between frames. */
const FIRST_BLOCKS = 60
const BLOCKS_PER_CHUNK = 600

/** How many blocks to render: the first screen at once, then the rest without blocking input. */
function useProgressiveCount(total: number, key: string | undefined): number {
  const [progress, setProgress] = useState({ key, total, count: Math.min(total, FIRST_BLOCKS) })
  let { count } = progress
  if (progress.key !== key || progress.total !== total) {
    // another source: start over in this render (an effect would first render the old count, then again)
    count = Math.min(total, FIRST_BLOCKS)
    setProgress({ key, total, count })
  }
  useEffect(() => {
    if (count >= total) return
    const timer = window.setTimeout(() => setProgress((p) => ({ ...p, count: Math.min(p.total, p.count + BLOCKS_PER_CHUNK) })), 16)
    return () => window.clearTimeout(timer)
  }, [count, total])
  return count
}

/** From this many blocks on, only the blocks near the viewport and the selection are laid out. */
const LONG_SOURCE_BLOCKS = 300

/** Windows a long source's blocks (see `block-window.ts`), following the rendered blocks and the selection. */
function useBlockWindow(article: RefObject<HTMLElement | null>, pane: RefObject<HTMLElement | null>, sourceId: string | undefined): void {
  useEffect(() => {
    if (!article.current || !pane.current || sourceId === undefined) return
    const { blockWindow, detach } = attachBlockWindow(article.current, pane.current, LONG_SOURCE_BLOCKS)
    // blocks arrive in chunks (progressive rendering); the selection keeps its block shown
    const blocks = new MutationObserver(() => blockWindow.refresh())
    blocks.observe(article.current, { childList: true })
    const onSelectionChange = (): void => blockWindow.refresh()
    document.addEventListener('selectionchange', onSelectionChange)
    return () => {
      blocks.disconnect()
      document.removeEventListener('selectionchange', onSelectionChange)
      detach()
    }
  }, [article, pane, sourceId])
}

/** The view a source is shown in, remembered per source (a PDF opens as its pages). */
function useSourceView(source: Source | null): [SourceView, (view: SourceView) => void] {
  const [state, setState] = useState<{ id: string | undefined; view: SourceView }>({ id: source?.id, view: source ? rememberedView(source) : 'text' })
  let { view } = state
  if (state.id !== source?.id) {
    // another source: its own view, in this render
    view = source ? rememberedView(source) : 'text'
    setState({ id: source?.id, view })
  }
  const setView = useCallback(
    (next: SourceView) => {
      if (source) rememberView(source.id, next)
      setState({ id: source?.id, view: next })
    },
    [source]
  )
  return [view, setView]
}

/** What the app can ask of the reader (commands). */
export interface ReaderHandle {
  /** Quotes the selection (or cites the focused paragraph) into the note; false when there is none. */
  quoteSelection(): boolean
  /** Highlights the words selected in the source; false when none are. */
  highlightSelection(): boolean
  /** Focuses the paragraph that had the focus last (else the first): the reader's one Tab stop. */
  focus(): void
  /** Focuses block `blockId` (Go to ¶N, the outline, a search hit); `scroll: false` when it is being revealed already. */
  focusBlock(blockId: string, options?: { scroll?: boolean }): void
  /** Opens Find, Go to ¶ or the Outline; false when no source is open. */
  openTool(tool: ReaderTool): boolean
  /** Shows a PDF's pages instead of its text, or its text instead; false when the source has no pages. */
  toggleView(): boolean
}

/** The reading pane: the open source, citable paragraph by paragraph or by selected words. */
export function Reader({ source, empty, backlinks, onCite, onOpenBacklink, handle, onNotice }: ReaderProps): ReactNode {
  const [selected, setSelected] = useState<SelectedQuote | null>(null)
  const pane = useRef<HTMLElement>(null)
  const article = useRef<HTMLElement>(null)
  const shown = useProgressiveCount(source?.blocks.length ?? 0, source?.id)
  useBlockWindow(article, pane, source?.id)
  const [view, setView] = useSourceView(source)
  // where words are on screen: the text view's blocks, or the page view's text layers (it says when they change)
  const [pageLocator, setPageLocator] = useState<TextLocator | null>(null)
  // a new one when more blocks are rendered (`shown`): the highlights are painted again on them
  const textLocator = useMemo(() => (source ? articleLocator(article) : null), [source, shown])
  const locator = view === 'pages' ? pageLocator : textLocator
  const marks = useReaderHighlights({ source, locator, pane, onCite, onNotice: (text) => onNotice?.(text) })

  // the reading position: kept while scrolling, restored when the source opens (unless a link says where to go)
  useEffect(() => {
    const scroller = pane.current
    if (!source || !scroller) return
    const kept = rememberedPosition(source.id)
    if (kept && !blockIdFromHash(window.location.hash)) restorePosition(kept)
    return keepPositionWhileScrolling(scroller, () => {
      const top = blockAtTop(scroller)
      if (top) rememberPosition(source.id, top)
    })
  }, [source])

  useEffect(() => {
    if (!source) return
    const onHash = (): void => {
      const id = blockIdFromHash(window.location.hash)
      if (id) revealBlock(id)
    }
    onHash()
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [source])

  const citationOf = useCallback((block: Block): Citation => ({ anchor: createAnchor(source!, block.id), sourceTitle: source!.meta.title }), [source])
  const quoteOf = useCallback((quote: SelectedQuote): Citation => ({ anchor: quote.anchor, sourceTitle: source!.meta.title, quoteText: quote.text }), [source])

  // Track the selection: words selected inside one paragraph can be quoted.
  useEffect(() => {
    if (!source) return
    const onSelectionChange = (): void => {
      const selection = document.getSelection()
      const inReader = selection?.anchorNode && pane.current?.contains(selection.anchorNode)
      setSelected(inReader ? readSelectedQuote(source, selection, locator) : null)
    }
    document.addEventListener('selectionchange', onSelectionChange)
    return () => document.removeEventListener('selectionchange', onSelectionChange)
  }, [source, locator])

  // The "Quote selection in note" command: the selection, or else the paragraph with the focus.
  useImperativeHandle(handle, () => ({
    quoteSelection: () => {
      if (!source) return false
      const quote = readSelectedQuote(source, document.getSelection(), locator)
      const focused = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('[data-block-id]')
      const block = focused && pane.current?.contains(focused) ? source.blocks.find((b) => b.id === focused.dataset['blockId']) : undefined
      if (!quote && !block?.paragraph) return false
      onCite(quote ? quoteOf(quote) : citationOf(block!))
      return true
    },
    highlightSelection: () => {
      const selection = document.getSelection()
      const quote = source ? readSelectedQuote(source, selection, locator) : null
      if (!quote || !selection) return false
      marks.highlight(quote.anchor, selection.getRangeAt(0).getBoundingClientRect())
      setSelected(null)
      return true
    },
    focus: () => {
      const page = view === 'pages' ? article.current?.querySelector<HTMLElement>('.pdf-cite') : null
      if (page) return page.focus()
      const stop = article.current?.querySelector<HTMLElement>('[data-block-id][tabindex="0"]') ?? (article.current ? neighbour(article.current, null, 'first') : null)
      if (stop && article.current) focusBlock(article.current, stop)
      // asked before the source is on the page (a key pressed as the window opens): once it is
      else wantsFocus.current = true
    },
    focusBlock: focusBlockById,
    openTool: (tool) => {
      tools.current?.open(tool)
      return tools.current !== null
    },
    toggleView: () => {
      if (!source || !hasPages(source)) return false
      showView(view === 'pages' ? 'text' : 'pages')
      return true
    }
  }))

  const tools = useRef<ReaderToolsHandle>(null)
  const focusBlockById = useCallback((blockId: string, options?: { scroll?: boolean }) => {
    const block = article.current?.querySelector<HTMLElement>(`[data-block-id="${CSS.escape(blockId)}"]`)
    if (block && article.current) focusBlock(article.current, block, options?.scroll ?? true)
  }, [])

  /** Go to ¶N and the outline: the block is revealed (centred, highlighted) and takes the focus. */
  const goToBlock = useCallback(
    (blockId: string) => {
      revealBlock(blockId)
      focusBlockById(blockId, { scroll: false })
    },
    [focusBlockById]
  )

  // the first paragraph is the source's Tab stop until another takes the focus
  const wantsFocus = useRef(false)
  useEffect(() => {
    const root = article.current
    if (!root) return
    const stop = root.querySelector<HTMLElement>('[data-block-id][tabindex="0"]') ?? neighbour(root, null, 'first')
    if (!stop) return
    makeTabStop(root, stop)
    if (wantsFocus.current) {
      wantsFocus.current = false
      focusBlock(root, stop)
    }
  }, [source, shown])

  const onArticleFocus = (event: FocusEvent): void => {
    const block = focusableBlockOf(event.target as Node)
    if (block && event.target === block && article.current) makeTabStop(article.current, block)
  }

  /** The keys of a focused paragraph: move, select words, cite, show the notes citing it, copy a link to it. */
  const onArticleKey = (event: KeyboardEvent): void => {
    const root = article.current
    const block = focusableBlockOf(event.target as Node)
    if (!root || !source || !block || event.target !== block || event.metaKey) return
    const byWord = event.ctrlKey || event.altKey
    if (event.shiftKey && extendSelection(block, event.key, byWord)) return event.preventDefault()
    if (event.ctrlKey || event.altKey || event.shiftKey) return
    const move = { ArrowDown: 'next', j: 'next', ArrowUp: 'previous', k: 'previous', Home: 'first', End: 'last' } as const
    const where = move[event.key as keyof typeof move]
    if (where) {
      event.preventDefault()
      document.getSelection()?.removeAllRanges()
      const next = neighbour(root, block, where)
      if (next) focusBlock(root, next)
      return
    }
    const data = source.blocks.find((b) => b.id === block.dataset['blockId'])
    if (!data) return
    const key = event.key.toLowerCase()
    if ((event.key === 'Enter' || key === 'c') && data.paragraph !== null) {
      event.preventDefault()
      const quote = readSelectedQuote(source, document.getSelection(), locator)
      onCite(quote && quote.anchor.blockId === data.id ? quoteOf(quote) : citationOf(data))
    } else if (key === 'n' && data.paragraph !== null) {
      event.preventDefault()
      const badge = block.querySelector<HTMLButtonElement>('.backlinks-badge')
      if (badge) badge.click()
      else onNotice?.(`No saved note cites ¶${data.paragraph} yet (a citation counts once its note is saved, a moment after typing).`)
    } else if (key === 'y' || key === 'r') {
      // Y: the citation in the chosen style ("(Tazmini, 2021, para. 6)"); R: the work's reference
      event.preventDefault()
      void copyCitation({ sourceId: source.id, blockId: data.id }, key === 'y' ? 'citation' : 'reference', (text) => onNotice?.(text))
    } else if (key === 'l') {
      event.preventDefault()
      const link = sourceDeepLink(source.id, data.id)
      const what = data.paragraph !== null ? `¶${data.paragraph}` : 'this heading'
      navigator.clipboard.writeText(link).then(
        () => onNotice?.(`Copied a link to ${what}: ${link}`),
        () => onNotice?.(`The link to ${what} could not be copied: ${link}`)
      )
    } else if (event.key === 'Escape') {
      document.getSelection()?.removeAllRanges()
    }
  }

  const actions = useMemo<BlockActions>(() => ({
    cite: (block) => onCite(citationOf(block)),
    openBacklink: onOpenBacklink,
    dragStart: (block: Block, event: DragEvent) => {
      // Dragging selected words quotes them; dragging the ¶ number cites the whole paragraph.
      const quote = readSelectedQuote(source!, document.getSelection(), locator)
      const citation = quote && quote.anchor.blockId === block.id ? quoteOf(quote) : citationOf(block)
      event.dataTransfer.setData(CITATION_MIME, JSON.stringify(citation))
      event.dataTransfer.setData('text/plain', citation.quoteText ?? block.text)
      event.dataTransfer.effectAllowed = 'copy'
    }
  }), [onCite, onOpenBacklink, citationOf, quoteOf, source, locator])

  const showView = useCallback(
    (next: SourceView) => {
      document.getSelection()?.removeAllRanges()
      setView(next)
    },
    [setView]
  )
  const citeBlock = useCallback((block: Block) => onCite(citationOf(block)), [onCite, citationOf])
  const viewSwitch = source && hasPages(source) && (
    <span className="view-switch" role="group" aria-label="Show the source as">
      <button type="button" className="link-button" aria-pressed={view === 'pages'} onClick={() => showView('pages')} title="The PDF's pages as printed">
        Page view
      </button>
      <button type="button" className="link-button" aria-pressed={view === 'text'} onClick={() => showView('text')} title="The text reflowed into paragraphs">
        Text view
      </button>
    </span>
  )

  // read only when the quote button shows: it forces a layout, and renders of a long source are many
  const paneRect = selected ? pane.current?.getBoundingClientRect() : undefined
  return (
    <section className="reader" aria-label="Source" ref={pane} tabIndex={-1}>
      <p id={READER_KEYS_HINT_ID} hidden>
        Up and down arrows or J and K: next paragraph. Enter: cite it in the note. N: the notes citing it. L: copy a link to it. Y: copy its citation in your citation style; R: copy the reference. Shift with the arrows: select words, then Enter quotes them.
      </p>
      {source && <ReaderTools source={source} article={article} rendered={shown} focusBlock={goToBlock} handle={tools} highlights={marks} viewSwitch={viewSwitch} onFind={view === 'pages' ? () => showView('text') : undefined} />}
      {source && view === 'pages' ? (
        <article className="reader-article reader-pages" lang="en" ref={article} onClick={marks.onArticleClick}>
          <SourceHeader meta={source.meta} onCopyReference={() => void copyCitation({ sourceId: source.id }, 'reference', (text) => onNotice?.(text))} />
          <PageView source={source} pane={pane} onCite={citeBlock} onLocator={setPageLocator} />
        </article>
      ) : source ? (
        <article className="reader-article" lang="en" ref={article} onKeyDown={onArticleKey} onFocus={onArticleFocus} onClick={marks.onArticleClick}>
          <SourceHeader meta={source.meta} onCopyReference={() => void copyCitation({ sourceId: source.id }, 'reference', (text) => onNotice?.(text))} />
          {source.blocks.slice(0, shown).map((block, i) => (
            <BlockView
              key={block.id}
              block={block}
              pageStart={block.page !== undefined && block.page !== source.blocks[i - 1]?.page}
              backlinks={backlinks?.byBlock[block.id]}
              highlightColors={marks.colorsByBlock.get(block.id)}
              actions={actions}
              startsHidden={source.blocks.length > LONG_SOURCE_BLOCKS && i >= FIRST_BLOCKS}
            />
          ))}
        </article>
      ) : (
        <p className="reader-empty">{empty ? 'No sources yet. Import a file with “Import…” in the sidebar (Ctrl+O), or drop one here.' : 'Loading the source…'}</p>
      )}
      {selected && paneRect && (
        <div
          className="selection-bubble"
          // below the selection's last line: the line above, often still being read, stays visible
          style={{ top: selected.rect.bottom - paneRect.top + (pane.current?.scrollTop ?? 0) + 6, left: Math.max(8, selected.rect.left - paneRect.left) }}
          onMouseDown={(e) => e.preventDefault() /* keep the selection */}
        >
          <button
            type="button"
            className="quote-button"
            onClick={() => {
              onCite(quoteOf(selected))
              setSelected(null)
            }}
            title={`Quote in note (${shortcutLabel('Mod+Shift+E', IS_MAC)})`}
          >
            Quote in note
          </button>
          <button
            type="button"
            className="quote-button"
            onClick={() => {
              // where the words are now (the pane may have scrolled since they were selected)
              const selection = document.getSelection()
              marks.highlight(selected.anchor, selection && selection.rangeCount > 0 ? selection.getRangeAt(0).getBoundingClientRect() : selected.rect)
              setSelected(null)
            }}
            title="Mark these words in a colour, with a comment if you like"
          >
            Highlight
          </button>
        </div>
      )}
      {marks.overlays}
    </section>
  )
}
