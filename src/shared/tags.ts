import type { SerializedEditorState } from './notes'

/**
 * `#tag` and nested `#topic/sub` in a note's text, as Obsidian reads them: a letter, digit, `_` or
 * `-` after the `#` (not all digits: `#1` is a number), at the start of the text or after a space
 * or an opening bracket. Not inside code. Compared without case.
 */
const TAG = /(?:^|[\s([{])#([\p{L}\p{N}_-]+(?:\/[\p{L}\p{N}_-]+)*)/gu

/** Inline code in Lexical's text format bits. */
const CODE_FORMAT = 16

/** The tags of a note, lower-cased, each once, in the order they first appear. */
export function tagsIn(content: SerializedEditorState): string[] {
  const tags = new Set<string>()
  let text = ''
  const flush = (): void => {
    for (const match of text.matchAll(TAG)) if (!/^[\d/]+$/.test(match[1]!)) tags.add(match[1]!.toLowerCase())
    text = ''
  }
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return
    const n = node as { type?: string; text?: unknown; format?: unknown; children?: unknown }
    if (n.type === 'code') return
    if (typeof n.text === 'string') text += typeof n.format === 'number' && n.format & CODE_FORMAT ? ' ' : n.text
    else if (n.type === 'linebreak' || n.type === 'paragraph-link' || n.type === 'note-link') text += ' '
    if (Array.isArray(n.children)) {
      const block = n.type !== undefined && n.type !== 'text' && n.type !== 'link'
      for (const child of n.children) visit(child)
      if (block) text += ' '
    }
  }
  visit(content.root)
  flush()
  return [...tags]
}

/** Whether a note's tags include `tag` or a tag nested under it (`topic` finds `topic/sub`). */
export function hasTag(tags: readonly string[], tag: string): boolean {
  const wanted = tag.replace(/^#/, '').toLowerCase()
  return tags.some((t) => t === wanted || t.startsWith(`${wanted}/`))
}
