import { useMemo, type ReactNode } from 'react'
import type { NoteSummary } from '../../../shared/notes'

/** Each tag of the notes (nested ones under their parent's name too: `topic/sub` counts for `topic`), with how many notes have it. */
export function tagCounts(notes: readonly NoteSummary[]): [string, number][] {
  const counts = new Map<string, number>()
  for (const note of notes) {
    const mine = new Set(note.tags.flatMap((tag) => tag.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'))))
    for (const tag of mine) counts.set(tag, (counts.get(tag) ?? 0) + 1)
  }
  return [...counts].sort((a, b) => a[0].localeCompare(b[0]))
}

/** The notes' tags with their counts; choosing one shows only its notes (choosing it again, all). */
export function TagsList({ notes, chosen, onChoose }: { notes: readonly NoteSummary[]; chosen: string | null; onChoose(tag: string | null): void }): ReactNode {
  const tags = useMemo(() => tagCounts(notes), [notes])
  if (tags.length === 0) return null
  return (
    <section className="sidebar-section" aria-label="Tags">
      <h2 className="sidebar-heading">Tags</h2>
      <ul className="tags-list">
        {tags.map(([tag, count]) => (
          <li key={tag} style={{ paddingLeft: `${(tag.split('/').length - 1) * 10}px` }}>
            <button type="button" className="tag-button" aria-pressed={chosen === tag} onClick={() => onChoose(chosen === tag ? null : tag)}>
              #{tag} <span className="tag-count">({count})</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
