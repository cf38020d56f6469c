import { linkLabel, PARAGRAPH_LINK_TYPE, type SerializedParagraphLink } from './links'
import { isUsableNoteLink, NOTE_LINK_TYPE, type NoteTitleLookup, type SerializedNoteLink } from './note-links'
import { UNTITLED } from './notes'
import type { SerializedEditorState } from './notes'

/** A run of a note's text; a paragraph link reads as its label ("¶6 · Russia and Iran – …"), a note link as its target's title. */
export interface NotePiece {
  text: string
  link?: SerializedParagraphLink
  noteLink?: SerializedNoteLink
}

interface LexicalJsonNode {
  type?: string
  text?: string
  children?: LexicalJsonNode[]
}

/** A block of a note: its pieces of text, and where it is (child indexes from the root). */
export interface NoteBlock {
  pieces: NotePiece[]
  path: number[]
}

const BLOCK_TYPES = new Set(['paragraph', 'heading', 'quote', 'listitem', 'list', 'code'])

/**
 * A note's text block by block (paragraphs, headings, quotes, list items), in reading order,
 * read straight from Lexical's serialized state. Search, the link index and the editor (to find
 * a passage again) all read notes through here.
 */
export function noteBlocks(content: SerializedEditorState, titleOf?: NoteTitleLookup): NoteBlock[] {
  const blocks: NoteBlock[] = []
  // files come from anywhere: a child may be null or a number, children may not be a list
  const visitBlock = (block: LexicalJsonNode, path: number[]): void => {
    const entry: NoteBlock = { pieces: [], path }
    const collect = (node: LexicalJsonNode, nodePath: number[]): void => {
      if (node.type === PARAGRAPH_LINK_TYPE) {
        const link = node as unknown as SerializedParagraphLink
        if (isUsableLink(link)) entry.pieces.push({ text: linkLabel(link.anchor.paragraph, link.sourceTitle ?? ''), link })
      } else if (node.type === NOTE_LINK_TYPE) {
        if (isUsableNoteLink(node)) entry.pieces.push({ text: titleOf?.(node.noteId) ?? (node.title || UNTITLED), noteLink: node })
      } else if (typeof node.text === 'string') entry.pieces.push({ text: node.text })
      else if (node.type === 'linebreak') entry.pieces.push({ text: ' ' })
      ;(Array.isArray(node.children) ? node.children : []).forEach((child, i) => {
        if (!isNode(child)) return
        if (BLOCK_TYPES.has(child.type ?? '')) visitBlock(child, [...nodePath, i])
        else collect(child, [...nodePath, i])
      })
    }
    blocks.push(entry) // the block's place comes before its nested blocks
    collect(block, path)
  }
  ;((Array.isArray(content.root?.children) ? content.root.children : []) as unknown[]).forEach((block, i) => isNode(block) && visitBlock(block, [i]))
  return blocks.filter((b) => b.pieces.some((p) => p.text.trim() !== ''))
}

function isNode(value: unknown): value is LexicalJsonNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The plain text of each block of a note (the passages search hits land on). */
export function notePassages(content: SerializedEditorState, titleOf?: NoteTitleLookup): string[] {
  return noteBlocks(content, titleOf).map((b) => b.pieces.map((p) => p.text).join(''))
}



/**
 * Whether a paragraph link carries the anchor fields its readers use. A light check on purpose:
 * this module is in the window's first bundle, and the full schemas (`note-nodes.ts`) are not.
 */
function isUsableLink(link: SerializedParagraphLink): boolean {
  const a = link.anchor as Partial<SerializedParagraphLink['anchor']> | undefined
  return (
    !!a &&
    typeof a === 'object' &&
    typeof a.sourceId === 'string' &&
    typeof a.blockId === 'string' &&
    typeof a.quote?.exact === 'string' &&
    (a.paragraph === null || typeof a.paragraph === 'number') &&
    (link.sourceTitle === undefined || typeof link.sourceTitle === 'string')
  )
}
