import type { AnchorStatus, ParagraphAnchor } from './anchors'

/** The colours a highlight can take; what each means is the user's (settings → Colour meanings). */
export const HIGHLIGHT_COLORS = ['yellow', 'green', 'blue', 'pink', 'purple'] as const
export type HighlightColor = (typeof HIGHLIGHT_COLORS)[number]

/** Words of a source marked while reading, in a colour, with an optional comment. */
export interface SourceHighlight {
  /** `h-…`, unique in the workspace. */
  id: string
  sourceId: string
  /** Where the words are: the same anchoring citations use (quote, context, position). */
  anchor: ParagraphAnchor
  color: HighlightColor
  /** Plain text; line breaks kept. */
  comment: string
  createdAt: string
  updatedAt: string
}

/** A highlight resolved against the source as it is now. */
export interface ResolvedHighlight extends SourceHighlight {
  status: AnchorStatus
  /** The block and the words' range in its text now; null for an orphan (its words are gone). */
  blockId: string | null
  range: { start: number; end: number } | null
}

/** The highlights of one source, in reading order (orphans last). */
export interface SourceHighlights {
  sourceId: string
  highlights: ResolvedHighlight[]
}

/** A new highlight, as the reader makes it. */
export interface NewHighlight {
  sourceId: string
  anchor: ParagraphAnchor
  color: HighlightColor
  comment?: string
}

export interface HighlightPatch {
  color?: HighlightColor
  comment?: string
}

/** "yellow" or its meaning ("Claim (yellow)"), for labels. */
export function colorLabel(color: HighlightColor, meanings: Partial<Record<HighlightColor, string>> = {}): string {
  const meaning = meanings[color]?.trim()
  return meaning ? `${meaning} (${color})` : color
}
