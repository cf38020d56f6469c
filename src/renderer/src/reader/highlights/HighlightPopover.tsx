import { useEffect, useRef, useState, type ReactNode } from 'react'
import { colorLabel, HIGHLIGHT_COLORS, type HighlightColor, type ResolvedHighlight } from '../../../../shared/highlights'

export interface HighlightPopoverProps {
  highlight: ResolvedHighlight
  meanings: Partial<Record<HighlightColor, string>>
  /** Where it opens, in the reader's coordinates. */
  at: { top: number; left: number }
  onColor(color: HighlightColor): void
  onComment(comment: string): void
  onCite(): void
  /** Copies the citation of its paragraph in the chosen style. */
  onCopyCitation(): void
  onDelete(): void
  onClose(): void
}

/**
 * A highlight's colour, meaning, comment and actions, opened by clicking its words (or from the
 * Highlights panel). The comment is saved when it loses the focus or the popover closes.
 */
export function HighlightPopover({ highlight, meanings, at, onColor, onComment, onCite, onCopyCitation, onDelete, onClose }: HighlightPopoverProps): ReactNode {
  const [comment, setComment] = useState(highlight.comment)
  const box = useRef<HTMLDivElement>(null)
  const saved = useRef(highlight.comment)
  const saveComment = (): void => {
    if (comment === saved.current) return
    saved.current = comment
    onComment(comment)
  }
  // the focus comes in on the colour, and goes back where it was when the popover closes
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null
    const popover = box.current
    popover?.querySelector<HTMLInputElement>('input:checked')?.focus()
    return () => {
      const focus = document.activeElement
      if (before?.isConnected && (!focus || focus === document.body || popover?.contains(focus))) before.focus({ preventScroll: true })
    }
  }, [highlight.id])
  const close = (): void => {
    saveComment()
    onClose()
  }
  return (
    <div
      ref={box}
      className="highlight-popover"
      role="dialog"
      aria-label="Highlight"
      style={{ top: at.top, left: at.left }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation()
          close()
        }
      }}
    >
      <p className="highlight-quote">“{highlight.anchor.quote.exact}”{highlight.status === 'orphan' && <span className="highlight-orphan"> (no longer in the source)</span>}</p>
      <fieldset className="highlight-colors">
        <legend>Highlight colour</legend>
        <div role="radiogroup" aria-label="Highlight colour">
          {HIGHLIGHT_COLORS.map((color) => (
            <label key={color} className={`highlight-swatch swatch-${color}`} title={colorLabel(color, meanings)}>
              <input type="radio" name={`highlight-color-${highlight.id}`} value={color} checked={highlight.color === color} onChange={() => onColor(color)} aria-label={colorLabel(color, meanings)} />
            </label>
          ))}
        </div>
        <span className="highlight-meaning">{colorLabel(highlight.color, meanings)}</span>
      </fieldset>
      <label className="highlight-comment">
        Comment
        <textarea value={comment} rows={3} onChange={(e) => setComment(e.target.value)} onBlur={saveComment} placeholder="Why this matters…" />
      </label>
      <div className="highlight-actions">
        <button type="button" className="bar-button" onClick={onCite}>
          Cite highlight in note
        </button>
        <button type="button" className="bar-button" onClick={onCopyCitation}>
          Copy citation
        </button>
        <button type="button" className="bar-button" onClick={onDelete}>
          Delete highlight
        </button>
        <button type="button" className="link-button" onClick={close}>
          Done
        </button>
      </div>
    </div>
  )
}
