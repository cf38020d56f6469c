import { useEffect, useMemo, type ReactNode } from 'react'
import { resolveAnchor, type ParagraphAnchor } from '../../../shared/anchors'
import { paragraphLabel, shortTitle } from '../../../shared/links'
import { useLoadedSource, useSources } from '../app/sources-context'

interface ChipProps {
  nodeKey: string
  anchor: ParagraphAnchor
  sourceTitle: string
}

/**
 * The chip of a paragraph link: `¶6 · Russia and Iran – a strategic…`, resolved against the
 * source as it is now. Hover or focus shows the paragraph; click or Enter reveals it in the reader.
 * Says so when the cited words changed, and shows the saved quote when the link is orphaned.
 */
export function ParagraphLinkChip({ nodeKey, anchor, sourceTitle }: ChipProps): ReactNode {
  const { reveal, request } = useSources()
  // null: known not to exist (a failed load, or deleted); undefined: not loaded yet
  const loaded = useLoadedSource(anchor.sourceId)
  const source = loaded ?? undefined
  useEffect(() => {
    if (!source) request(anchor.sourceId)
  }, [source, anchor.sourceId, request])
  const resolution = useMemo(() => (source ? resolveAnchor(source, anchor) : null), [source, anchor])
  const title = shortTitle(source?.meta.title ?? sourceTitle)
  const orphan = resolution?.status === 'orphan' || loaded === null
  const block = resolution?.block ?? null
  const paragraph = block ? block.paragraph : anchor.paragraph
  const number = paragraphLabel(paragraph, block?.page)
  const changed = resolution?.status === 'changed'
  const preview = anchor.range && resolution?.range && block ? block.text.slice(resolution.range.start, resolution.range.end) : (block?.text ?? anchor.quote.exact)
  const state = orphan ? 'orphan' : changed ? 'changed' : 'ok'
  const label = `${number} · ${title}${orphan ? ' (unresolved link)' : changed ? ' (cited words changed)' : ''}`
  const tooltipId = `chip-tip-${nodeKey}`

  return (
    <button
      type="button"
      className={`chip chip-${state}`}
      aria-label={label}
      aria-describedby={tooltipId}
      data-chip-block={block?.id ?? anchor.blockId}
      data-chip-source={anchor.sourceId}
      onClick={() => block && reveal(anchor.sourceId, block.id)}
      contentEditable={false}
    >
      <span className="chip-number">{number}</span>
      <span className="chip-title">{title}</span>
      {changed && (
        <span className="chip-flag" aria-hidden="true">
          changed
        </span>
      )}
      {orphan && (
        <span className="chip-flag" aria-hidden="true">
          unresolved
        </span>
      )}
      <span className="chip-preview" role="tooltip" id={tooltipId}>
        {orphan && <strong className="chip-preview-head">Unresolved link. Saved quote: </strong>}
        {changed && <strong className="chip-preview-head">The cited words changed since they were quoted. Now: </strong>}
        {preview.length > 420 ? `${preview.slice(0, 420)}…` : preview}
      </span>
    </button>
  )
}
