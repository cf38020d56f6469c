import type { ReactNode } from 'react'
import type { Block } from '../../../shared/model'
import { InlineRuns } from './InlineRuns'

/** One block of the source, with its ¶ number in the margin when it has one. */
export function BlockView({ block }: { block: Block }): ReactNode {
  const content = <InlineRuns runs={block.runs} />
  switch (block.kind) {
    case 'heading': {
      // The source title is the page's h1, so the article's own headings start at h2.
      const level = Math.min(6, Math.max(2, (block.level ?? 2) + (block.level === 1 ? 1 : 0)))
      const Tag = `h${level}` as 'h2'
      return (
        <Tag className="block block-heading" data-block-id={block.id} id={block.id}>
          {content}
        </Tag>
      )
    }
    case 'pullquote':
      return (
        <figure className="block block-pullquote" data-block-id={block.id} aria-label="Pull quote">
          <blockquote>{content}</blockquote>
        </figure>
      )
    case 'authorNote':
      return (
        <p className="block block-author-note" data-block-id={block.id}>
          {content}
        </p>
      )
    case 'standfirst':
      return (
        <p className="block block-standfirst" data-block-id={block.id}>
          {content}
        </p>
      )
    default:
      return <NumberedBlock block={block}>{content}</NumberedBlock>
  }
}

function NumberedBlock({ block, children }: { block: Block; children: ReactNode }): ReactNode {
  const Tag = block.kind === 'quote' ? 'blockquote' : 'p'
  const className = `block block-${block.kind === 'listItem' ? 'list-item' : block.kind}`
  const indent = block.kind === 'listItem' ? ` indent-${Math.min(block.level ?? 0, 5)}` : ''
  return (
    <div className={`numbered${indent}`} data-block-id={block.id} id={block.id}>
      {block.paragraph !== null && (
        <a className="pilcrow-number" href={`#block=${block.id}`} aria-label={`¶${block.paragraph}`} title="Link to this paragraph">
          ¶{block.paragraph}
        </a>
      )}
      <Tag className={className}>{children}</Tag>
    </div>
  )
}
