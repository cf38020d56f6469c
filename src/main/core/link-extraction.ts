import type { ParagraphAnchor } from '../../shared/anchors'
import type { SerializedEditorState } from '../../shared/notes'
import { noteBlocks } from '../../shared/note-content'

/** A link found in a note, with the sentence around it. */
export interface ExtractedLink {
  anchor: ParagraphAnchor
  context: string
  occurrence: number
}

/** Characters a sentence ends with. */
const SENTENCE_END = /[.!?…]["”’)]*\s/g

/** The paragraph links of a note in reading order, each with the sentence around it. */
export function extractLinks(content: SerializedEditorState): ExtractedLink[] {
  const links: ExtractedLink[] = []
  for (const { pieces } of noteBlocks(content)) {
    const text = pieces.map((p) => p.text).join('')
    let offset = 0
    for (const piece of pieces) {
      if (piece.link) links.push({ anchor: piece.link.anchor, context: sentenceAround(text, offset, offset + piece.text.length), occurrence: links.length })
      offset += piece.text.length
    }
  }
  return links
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
