import { useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState, type DragEvent, type ReactNode, type Ref, type RefObject } from 'react'
import { createAnchor } from '../../../shared/anchors'
import type { Backlink, SourceBacklinks } from '../../../shared/links'
import type { Block, Source } from '../../../shared/model'
import { shortcutLabel } from '../../../shared/commands'
import { CITATION_MIME, type Citation } from '../app/citations'
import { IS_MAC } from '../app/useCommands'
import { attachBlockWindow } from '../app/block-window'
import { BlockView, type BlockActions } from './BlockView'
import { blockIdFromHash, revealBlock } from './reveal'
import { readSelectedQuote, type SelectedQuote } from './selection-anchor'
import { SourceHeader } from './SourceHeader'

interface ReaderProps {
  source: Source | null
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

/** What the app can ask of the reader (commands). */
export interface ReaderHandle {
  /** Quotes the selection (or cites the focused paragraph) into the note; false when there is none. */
  quoteSelection(): boolean
  focus(): void
}

/** The reading pane: the open source, citable paragraph by paragraph or by selected words. */
export function Reader({ source, empty, backlinks, onCite, onOpenBacklink, handle }: ReaderProps): ReactNode {
  const [selected, setSelected] = useState<SelectedQuote | null>(null)
  const pane = useRef<HTMLElement>(null)
  const article = useRef<HTMLElement>(null)
  const shown = useProgressiveCount(source?.blocks.length ?? 0, source?.id)
  useBlockWindow(article, pane, source?.id)

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
      setSelected(inReader ? readSelectedQuote(source, selection) : null)
    }
    document.addEventListener('selectionchange', onSelectionChange)
    return () => document.removeEventListener('selectionchange', onSelectionChange)
  }, [source])

  // The "Quote selection in note" command: the selection, or else the paragraph with the focus.
  useImperativeHandle(handle, () => ({
    quoteSelection: () => {
      if (!source) return false
      const quote = readSelectedQuote(source, document.getSelection())
      const focused = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('[data-block-id]')
      const block = focused && pane.current?.contains(focused) ? source.blocks.find((b) => b.id === focused.dataset['blockId']) : undefined
      if (!quote && !block?.paragraph) return false
      onCite(quote ? quoteOf(quote) : citationOf(block!))
      return true
    },
    focus: () => pane.current?.focus()
  }))

  const actions = useMemo<BlockActions>(() => ({
    cite: (block) => onCite(citationOf(block)),
    openBacklink: onOpenBacklink,
    dragStart: (block: Block, event: DragEvent) => {
      // Dragging selected words quotes them; dragging the ¶ number cites the whole paragraph.
      const quote = readSelectedQuote(source!, document.getSelection())
      const citation = quote && quote.anchor.blockId === block.id ? quoteOf(quote) : citationOf(block)
      event.dataTransfer.setData(CITATION_MIME, JSON.stringify(citation))
      event.dataTransfer.setData('text/plain', citation.quoteText ?? block.text)
      event.dataTransfer.effectAllowed = 'copy'
    }
  }), [onCite, onOpenBacklink, citationOf, quoteOf, source])

  // read only when the quote button shows: it forces a layout, and renders of a long source are many
  const paneRect = selected ? pane.current?.getBoundingClientRect() : undefined
  return (
    <section className="reader" aria-label="Source" ref={pane} tabIndex={-1}>
      {source ? (
        <article className="reader-article" lang="en" ref={article}>
          <SourceHeader meta={source.meta} />
          {source.blocks.slice(0, shown).map((block, i) => (
            <BlockView
              key={block.id}
              block={block}
              pageStart={block.page !== undefined && block.page !== source.blocks[i - 1]?.page}
              backlinks={backlinks?.byBlock[block.id]}
              actions={actions}
              startsHidden={source.blocks.length > LONG_SOURCE_BLOCKS && i >= FIRST_BLOCKS}
            />
          ))}
        </article>
      ) : (
        <p className="reader-empty">{empty ? 'No sources yet. Import a file with “Import…” in the sidebar (Ctrl+O), or drop one here.' : 'Loading the source…'}</p>
      )}
      {selected && paneRect && (
        <button
          type="button"
          className="quote-button"
          style={{ top: selected.rect.top - paneRect.top + (pane.current?.scrollTop ?? 0) - 40, left: Math.max(8, selected.rect.left - paneRect.left) }}
          onMouseDown={(e) => e.preventDefault() /* keep the selection */}
          onClick={() => {
            onCite(quoteOf(selected))
            setSelected(null)
          }}
          title={`Quote in note (${shortcutLabel('Mod+Shift+E', IS_MAC)})`}
        >
          Quote in note
        </button>
      )}
    </section>
  )
}
