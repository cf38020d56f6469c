import { useCallback, useEffect, useRef, useState, type DragEvent, type ReactNode } from 'react'
import { createAnchor } from '../../../shared/anchors'
import type { Backlink, SourceBacklinks } from '../../../shared/links'
import type { Block, Source } from '../../../shared/model'
import { CITATION_MIME, type Citation } from '../app/citations'
import { BlockView, type BlockActions } from './BlockView'
import { blockIdFromHash, revealBlock } from './reveal'
import { readSelectedQuote, type SelectedQuote } from './selection-anchor'
import { SourceHeader } from './SourceHeader'

interface ReaderProps {
  source: Source | null
  backlinks: SourceBacklinks | null
  onCite(citation: Citation): void
  onOpenBacklink(backlink: Backlink): void
}

/** Quote the reader's selection into the note at its caret, without the mouse. */
export const QUOTE_SHORTCUT = { key: 'e', label: 'Ctrl+Shift+E' }

/** The reading pane: the open source, citable paragraph by paragraph or by selected words. */
export function Reader({ source, backlinks, onCite, onOpenBacklink }: ReaderProps): ReactNode {
  const [selected, setSelected] = useState<SelectedQuote | null>(null)
  const pane = useRef<HTMLElement>(null)

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

  // Ctrl/Cmd+Shift+E: quote the selection into the note (or cite the paragraph with the focus).
  useEffect(() => {
    if (!source) return
    const onKey = (event: KeyboardEvent): void => {
      if (!(event.ctrlKey || event.metaKey) || !event.shiftKey || event.key.toLowerCase() !== QUOTE_SHORTCUT.key) return
      const quote = readSelectedQuote(source, document.getSelection())
      const focused = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('[data-block-id]')
      const block = focused && pane.current?.contains(focused) ? source.blocks.find((b) => b.id === focused.dataset['blockId']) : undefined
      if (!quote && !block?.paragraph) return
      event.preventDefault()
      onCite(quote ? quoteOf(quote) : citationOf(block!))
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [source, onCite, quoteOf, citationOf])

  const actions: BlockActions = {
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
  }

  const paneRect = pane.current?.getBoundingClientRect()
  return (
    <section className="reader" aria-label="Source" ref={pane}>
      {source ? (
        <article className="reader-article" lang="en">
          <SourceHeader meta={source.meta} />
          {source.blocks.map((block) => (
            <BlockView key={block.id} block={block} backlinks={backlinks?.byBlock[block.id]} actions={actions} />
          ))}
        </article>
      ) : (
        <p className="reader-empty">Loading the source…</p>
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
          title={`Quote in note (${QUOTE_SHORTCUT.label})`}
        >
          Quote in note
        </button>
      )}
    </section>
  )
}
