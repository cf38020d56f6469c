import type { ParagraphAnchor } from '../../shared/anchors'
import { linkLabel, PARAGRAPH_LINK_TYPE, type SerializedParagraphLink } from '../../shared/links'
import type { SerializedEditorState } from '../../shared/notes'

/** A link found in a note, with the sentence around it. */
export interface ExtractedLink {
  anchor: ParagraphAnchor
  context: string
  occurrence: number
}

interface LexicalJsonNode {
  type?: string
  text?: string
  children?: LexicalJsonNode[]
}

/** Characters a sentence ends with. */
const SENTENCE_END = /[.!?…]["”’)]*\s/g

/**
 * Walks a note's editor state for paragraph links, in reading order, and cuts the sentence
 * around each one out of its block's text (chips shown as their label).
 */
export function extractLinks(content: SerializedEditorState): ExtractedLink[] {
  const links: ExtractedLink[] = []
  const visitBlock = (block: LexicalJsonNode): void => {
    const pieces: { text: string; link?: SerializedParagraphLink }[] = []
    const collect = (node: LexicalJsonNode): void => {
      if (node.type === PARAGRAPH_LINK_TYPE) {
        const link = node as unknown as SerializedParagraphLink
        if (isAnchor(link.anchor)) pieces.push({ text: linkLabel(link.anchor.paragraph, link.sourceTitle ?? ''), link })
      } else if (typeof node.text === 'string') pieces.push({ text: node.text })
      else if (node.type === 'linebreak') pieces.push({ text: ' ' })
      for (const child of node.children ?? []) {
        if (isBlockLike(child)) visitBlock(child)
        else collect(child)
      }
    }
    collect({ children: block.children ?? [] })
    const text = pieces.map((p) => p.text).join('')
    let offset = 0
    for (const piece of pieces) {
      if (piece.link) links.push({ anchor: piece.link.anchor, context: sentenceAround(text, offset, offset + piece.text.length), occurrence: links.length })
      offset += piece.text.length
    }
  }
  for (const block of (content.root.children ?? []) as LexicalJsonNode[]) visitBlock(block)
  return links
}

function isBlockLike(node: LexicalJsonNode): boolean {
  return ['paragraph', 'heading', 'quote', 'listitem', 'list', 'code'].includes(node.type ?? '')
}

function isAnchor(value: unknown): value is ParagraphAnchor {
  const a = value as ParagraphAnchor | null
  return !!a && typeof a.sourceId === 'string' && typeof a.blockId === 'string' && typeof a.quote?.exact === 'string'
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
