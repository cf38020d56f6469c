import type { ParagraphAnchor } from '../../../shared/anchors'
import { anchorSchema } from '../../../shared/note-nodes'

/**
 * What an exported note keeps for its way back in, beside its text: its id and each citation's
 * exact anchor (quote, context, range) with what the text says of it (source, key, ¶ or page).
 * Written as an HTML comment at the end of the note, which every Markdown renderer, Pandoc and
 * Obsidian hide; earlier exports kept it in the front matter under `pilcrow`.
 */
export interface NoteData {
  id: string
  citations: SavedCitation[]
}

/** One citation of an exported note: its anchor, and how the text names it. */
export type SavedCitation = ParagraphAnchor & {
  sourceTitle: string
  citationKey?: string
  /** The ¶ (or page) the text shows, which may differ from the ¶ when it was linked. */
  label?: { paragraph: number | null; page?: number }
}

const OPEN = '<!-- pilcrow-note'
const CLOSE = '-->'

/** The comment that ends an exported note. `>` is escaped so no quoted words can close it early. */
export function noteDataComment(data: NoteData): string {
  return `${OPEN}\n${JSON.stringify(data).replace(/>/g, '\\u003e')}\n${CLOSE}\n`
}

/** The note's text without its data comment, and the data (null when there is none or it is damaged). */
export function splitNoteData(body: string): { body: string; data: unknown } {
  const at = body.lastIndexOf(OPEN)
  if (at === -1) return { body, data: null }
  const end = body.indexOf(CLOSE, at)
  if (end === -1) return { body, data: null }
  try {
    return { body: body.slice(0, at).trimEnd() + '\n', data: JSON.parse(body.slice(at + OPEN.length, end)) }
  } catch {
    return { body: body.slice(0, at).trimEnd() + '\n', data: null }
  }
}

/** The saved citations of a note's data (or of an earlier export's `pilcrow` front matter); invalid entries are left out. */
export function savedCitations(data: unknown): SavedCitation[] {
  const list = (data as { citations?: unknown } | null)?.citations
  if (!Array.isArray(list)) return []
  return list.flatMap((entry: Record<string, unknown>) => {
    const anchor = anchorSchema.safeParse({ ...entry, quote: { prefix: '', suffix: '', ...(entry?.['quote'] as object) } })
    if (!anchor.success) return []
    const label = entry['label'] as { paragraph?: unknown; page?: unknown } | undefined
    const saved: SavedCitation = { ...anchor.data, sourceTitle: String(entry['sourceTitle'] ?? anchor.data.sourceId) }
    if (typeof entry['citationKey'] === 'string') saved.citationKey = entry['citationKey']
    if (label && (typeof label.paragraph === 'number' || label.paragraph === null)) saved.label = { paragraph: label.paragraph, ...(typeof label.page === 'number' ? { page: label.page } : {}) }
    return [saved]
  })
}
