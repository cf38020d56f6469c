import { useState, type ReactNode } from 'react'
import { colorLabel, HIGHLIGHT_COLORS, type HighlightColor, type ResolvedHighlight } from '../../../../shared/highlights'

/**
 * The open source's highlights in reading order, filterable by colour; choosing one shows its
 * words and opens it. Orphans (their words are gone from the source) come last, with their quote.
 */
export function HighlightsPanel({
  highlights,
  meanings,
  onOpen
}: {
  highlights: readonly ResolvedHighlight[]
  meanings: Partial<Record<HighlightColor, string>>
  onOpen(highlight: ResolvedHighlight): void
}): ReactNode {
  const [filter, setFilter] = useState<HighlightColor | 'all'>('all')
  const shown = filter === 'all' ? highlights : highlights.filter((h) => h.color === filter)
  return (
    <section className="reader-panel highlights-panel" aria-label="Highlights">
      <label className="highlights-filter">
        Show
        <select value={filter} onChange={(e) => setFilter(e.target.value as HighlightColor | 'all')}>
          <option value="all">All colours</option>
          {HIGHLIGHT_COLORS.map((color) => (
            <option key={color} value={color}>
              {colorLabel(color, meanings)}
            </option>
          ))}
        </select>
      </label>
      {shown.length === 0 ? (
        <p className="highlights-empty">{highlights.length === 0 ? 'No highlights yet: select words and choose “Highlight”.' : 'No highlights in this colour.'}</p>
      ) : (
        <ul className="highlights-list">
          {shown.map((h) => (
            <li key={h.id}>
              <button type="button" className={`highlight-item swatch-${h.color}`} onClick={() => onOpen(h)}>
                <span className="highlight-item-quote">“{h.anchor.quote.exact}”</span>
                <span className="highlight-item-meta">
                  {colorLabel(h.color, meanings)}
                  {h.anchor.paragraph !== null ? ` · ¶${h.anchor.paragraph}` : ''}
                  {h.status === 'orphan' ? ' · no longer in the source' : ''}
                </span>
                {h.comment && <span className="highlight-item-comment">{h.comment}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
