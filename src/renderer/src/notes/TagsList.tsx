import { useMemo, type ReactNode } from 'react'
/** Anything with tags: a note, a source. */
type Tagged = { tags?: readonly string[] }

/** Each tag of the notes and sources (nested ones under their parent's name too: `topic/sub` counts for `topic`), with how many have it. */
export function tagCounts(items: readonly Tagged[]): [string, number][] {
  const counts = new Map<string, number>()
  for (const item of items) {
    const mine = new Set((item.tags ?? []).flatMap((tag) => tag.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'))))
    for (const tag of mine) counts.set(tag, (counts.get(tag) ?? 0) + 1)
  }
  return [...counts].sort((a, b) => a[0].localeCompare(b[0]))
}

/** The tags of notes and sources with their counts; choosing one shows only its notes and sources (choosing it again, all). */
export function TagsList({ items, chosen, onChoose }: { items: readonly Tagged[]; chosen: string | null; onChoose(tag: string | null): void }): ReactNode {
  const tags = useMemo(() => tagCounts(items), [items])
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
