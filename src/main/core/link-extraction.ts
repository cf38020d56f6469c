import type { ParagraphAnchor } from '../../shared/anchors'
import type { NoteTitleLookup } from '../../shared/note-links'
import type { SerializedEditorState } from '../../shared/notes'
import { noteBlocks } from '../../shared/note-content'

/** A link found in a note, with the sentence around it. */
export interface ExtractedLink {
  anchor: ParagraphAnchor
  context: string
  occurrence: number
}

/** A link to another note, with the sentence around it. */
export interface ExtractedNoteLink {
  noteId: string
  context: string
}

/** What a note links to: paragraphs of sources (citations) and other notes. */
export interface NoteLinks {
  citations: ExtractedLink[]
  noteLinks: ExtractedNoteLink[]
}

/** Characters a sentence ends with. */
const SENTENCE_END = /[.!?…]["”’)]*\s/g

/**
 * The paragraph links and note links of a note in reading order, each with the sentence around
 * it (note links read as their targets' titles, by `titleOf`). One walk of the note for both.
 */
export function extractLinks(content: SerializedEditorState, titleOf?: NoteTitleLookup): NoteLinks {
  const citations: ExtractedLink[] = []
  const noteLinks: ExtractedNoteLink[] = []
  for (const { pieces } of noteBlocks(content, titleOf)) {
    if (!pieces.some((p) => p.link || p.noteLink)) continue
    const text = pieces.map((p) => p.text).join('')
    let offset = 0
    for (const piece of pieces) {
      const sentence = (): string => sentenceAround(text, offset, offset + piece.text.length)
      if (piece.link) citations.push({ anchor: piece.link.anchor, context: sentence(), occurrence: citations.length })
      else if (piece.noteLink) noteLinks.push({ noteId: piece.noteLink.noteId, context: sentence() })
      offset += piece.text.length
    }
  }
  return { citations, noteLinks }
}

/** The sentence of `text` that holds [start, end), at most ~240 characters. */
export function sentenceAround(text: string, start: number, end: number): string {
  let from = 0
  let to = text.length
  for (const match of text.matchAll(SENTENCE_END)) {
    const boundary = match.index + match[0].length
    if (boundary <= start) from = boundary
    else if (match.index >= end) {
      to = match.index + match[0].trimEnd().length
      break
    }
  }
  let sentence = text.slice(from, to).trim()
  if (sentence.length > 240) {
    const mid = Math.max(0, start - from - 100)
    sentence = `${mid > 0 ? '…' : ''}${sentence.slice(mid, mid + 240).trim()}…`
  }
  return sentence
}
