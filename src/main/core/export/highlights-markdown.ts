import { resolveAnchor } from '../../../shared/anchors'
import { colorLabel, HIGHLIGHT_COLORS, type HighlightColor, type SourceHighlight } from '../../../shared/highlights'
import { escapeText, linkDestination } from '../../../shared/markdown/escape'
import type { Source } from '../../../shared/model'
import { anchorSchema } from '../../../shared/note-nodes'
import { blockAnchor } from './source-markdown'

const OPEN = '<!-- pilcrow-highlights'
const CLOSE = '-->'

/**
 * A source's highlights as Markdown (`highlights/<id>.md` in an export): grouped by colour, each
 * colour headed by its meaning, each highlight its words, a link to its paragraph in
 * `sources/<id>.md`, and its comment. A closing comment carries them exactly, so importing the
 * export gives them back.
 */
export function highlightsToMarkdown(source: Source, highlights: readonly SourceHighlight[], meanings: Partial<Record<HighlightColor, string>>): string {
  const lines = [`# Highlights: ${escapeText(source.meta.title, false)}`, '']
  for (const color of HIGHLIGHT_COLORS) {
    const group = highlights.filter((h) => h.color === color)
    if (group.length === 0) continue
    lines.push(`## ${escapeText(colorLabel(color, meanings), false)}`, '')
    for (const h of group) {
      const block = resolveAnchor(source, h.anchor).block
      const where = block ? `[${block.paragraph !== null ? `¶${block.paragraph}` : 'paragraph'}](${linkDestination(`../sources/${source.id}.md#^${blockAnchor(block)}`)})` : '(no longer in the source)'
      lines.push(`- “${escapeText(h.anchor.quote.exact, false)}” — ${where}`)
      for (const line of h.comment.split('\n').filter((l) => l.trim() !== '')) lines.push(`  ${escapeText(line, false)}`)
    }
    lines.push('')
  }
  lines.push(`${OPEN}\n${JSON.stringify({ sourceId: source.id, highlights }).replace(/>/g, '\\u003e')}\n${CLOSE}`, '')
  return lines.join('\n')
}

/** The highlights an exported `highlights/<id>.md` carries (invalid entries left out; none when the comment is missing or damaged). */
export function highlightsFromMarkdown(text: string): SourceHighlight[] {
  const at = text.lastIndexOf(OPEN)
  const end = at === -1 ? -1 : text.indexOf(CLOSE, at)
  if (end === -1) return []
  let data: unknown
  try {
    data = JSON.parse(text.slice(at + OPEN.length, end))
  } catch {
    return []
  }
  const list = (data as { highlights?: unknown } | null)?.highlights
  if (!Array.isArray(list)) return []
  return list.flatMap((entry: Record<string, unknown>) => {
    const anchor = anchorSchema.safeParse(entry?.['anchor'])
    const color = entry?.['color'] as HighlightColor
    if (!anchor.success || !HIGHLIGHT_COLORS.includes(color) || typeof entry['id'] !== 'string' || !/^h-[a-z0-9-]+$/.test(entry['id'])) return []
    const text = (key: string): string => (typeof entry[key] === 'string' ? (entry[key] as string) : '')
    return [{ id: entry['id'], sourceId: text('sourceId'), anchor: anchor.data as SourceHighlight['anchor'], color, comment: text('comment'), createdAt: text('createdAt'), updatedAt: text('updatedAt') }]
  })
}
