import { memo, type DragEvent, type ReactNode } from 'react'
import type { HighlightColor } from '../../../shared/highlights'
import type { Backlink } from '../../../shared/links'
import type { Block } from '../../../shared/model'
import { OUTSIDE } from '../ui/block-window'
import { BacklinksBadge } from './BacklinksBadge'
import { InlineRuns } from './InlineRuns'

/** The hidden text each paragraph names as its description: what the keys do on it. */
export const READER_KEYS_HINT_ID = 'reader-keys-hint'

/** What a numbered block can do: be cited, dragged, and show its backlinks. */
export interface BlockActions {
  cite(block: Block): void
  dragStart(block: Block, event: DragEvent): void
  openBacklink(backlink: Backlink): void
}

/**
 * Marks a block that starts outside the window of a long source (`ui/block-window.ts`), so it is
 * never laid out on its way in; the window shows it when it comes near. Constant per block, so
 * React never writes it again after the window has changed it.
 */
type Outside = Partial<Record<typeof OUTSIDE, ''>>

/** One block of the source, with its ¶ number in the margin when it has one (re-rendered only when its props change). */
export const BlockView = memo(function BlockView({
  block,
  pageStart,
  backlinks,
  highlightColors,
  actions,
  startsHidden
}: {
  block: Block
  pageStart?: boolean
  backlinks: Backlink[] | undefined
  /** The colours of the highlights in this block (its margin shows them). */
  highlightColors?: HighlightColor[]
  actions: BlockActions
  startsHidden?: boolean
}): ReactNode {
  const outside: Outside = startsHidden ? { [OUTSIDE]: '' } : {}
  const view = <BlockBody block={block} backlinks={backlinks} highlightColors={highlightColors} actions={actions} outside={outside} />
  if (!pageStart) return view
  // where a page of a PDF begins, so a reader can match citations ("p. 4, ¶12") to the printed page
  return (
    <>
      <div className="page-marker" role="separator" aria-label={`Page ${block.page}`} {...outside}>
        p. {block.page}
      </div>
      {view}
    </>
  )
})

function BlockBody({ block, backlinks, highlightColors, actions, outside }: { block: Block; backlinks: Backlink[] | undefined; highlightColors?: HighlightColor[]; actions: BlockActions; outside: Outside }): ReactNode {
  const content = block.runs ? <InlineRuns runs={block.runs} /> : block.text
  switch (block.kind) {
    case 'heading': {
      // The source title is the page's h1, so the article's own headings start at h2.
      const level = Math.min(6, Math.max(2, (block.level ?? 2) + (block.level === 1 ? 1 : 0)))
      const Tag = `h${level}` as 'h2'
      return (
        <Tag className="block block-heading" data-block-id={block.id} id={block.id} tabIndex={-1} {...outside}>
          {content}
        </Tag>
      )
    }
    case 'pullquote':
      return (
        <figure className="block block-pullquote" data-block-id={block.id} aria-label="Pull quote" {...outside}>
          <blockquote>{content}</blockquote>
        </figure>
      )
    case 'figure':
      return (
        <p className="block block-figure" data-block-id={block.id} {...outside}>
          {content}
        </p>
      )
    case 'authorNote':
    case 'standfirst':
      return (
        <p className={`block block-${block.kind === 'authorNote' ? 'author-note' : 'standfirst'}`} data-block-id={block.id} {...outside}>
          {content}
        </p>
      )
    default:
      return (
        <NumberedBlock block={block} backlinks={backlinks} highlightColors={highlightColors} actions={actions} outside={outside}>
          {content}
        </NumberedBlock>
      )
  }
}

function NumberedBlock({
  block,
  backlinks,
  highlightColors,
  actions,
  outside,
  children
}: {
  block: Block
  backlinks: Backlink[] | undefined
  highlightColors?: HighlightColor[]
  actions: BlockActions
  outside: Outside
  children: ReactNode
}): ReactNode {
  const Tag = block.kind === 'quote' ? 'blockquote' : 'p'
  const className = `block block-${block.kind === 'listItem' ? 'list-item' : block.kind}`
  const indent = block.kind === 'listItem' ? ` indent-${Math.min(block.level ?? 0, 5)}` : ''
  const n = block.paragraph
  return (
    // one Tab stop for the whole source (see reader-keys.ts): the block takes the focus, its buttons are for the pointer and the keys
    <div className={`numbered${indent}`} data-block-id={block.id} id={block.id} tabIndex={-1} aria-describedby={n !== null ? READER_KEYS_HINT_ID : undefined} {...outside}>
      {n !== null && (
        <div className="margin">
          <a
            className="pilcrow-number"
            href={`#block=${block.id}`}
            aria-label={`¶${n}`}
            title="Drag into a note to cite this paragraph"
            tabIndex={-1}
            draggable
            onDragStart={(e) => actions.dragStart(block, e)}
          >
            ¶{n}
          </a>
          <button type="button" className="cite-button" aria-label={`Cite ¶${n} in note`} title={`Cite ¶${n} in note (Enter when the paragraph has the focus)`} tabIndex={-1} onClick={() => actions.cite(block)}>
            +
          </button>
          {backlinks && backlinks.length > 0 && <BacklinksBadge paragraph={n} backlinks={backlinks} onOpen={actions.openBacklink} />}
          {highlightColors && (
            <span className="highlight-marks" role="img" aria-label={`¶${n} has highlights: ${highlightColors.join(', ')}`}>
              {highlightColors.map((color) => (
                <span key={color} className={`highlight-mark swatch-${color}`} />
              ))}
            </span>
          )}
        </div>
      )}
      <Tag className={className} data-block-text={block.id} onDragStart={(e) => actions.dragStart(block, e)}>
        {children}
      </Tag>
    </div>
  )
}
