import type { SerializedEditorState } from './notes'

/**
 * `#tag` and nested `#topic/sub` in a note's text, as Obsidian reads them: a letter, digit, `_` or
 * `-` after the `#` (not all digits: `#1` is a number), at the start of the text or after a space
 * or an opening bracket. Not inside code. Compared without case.
 */
const TAG = /(?:^|[\s([{])#([\p{L}\p{N}_-]+(?:\/[\p{L}\p{N}_-]+)*)/gu

/** Inline code in Lexical's text format bits. */
const CODE_FORMAT = 16

/** A tag's name as stored: lower-case, without its `#`, letters, digits, `_`, `-`, nested with `/`. */
export const TAG_NAME = /^[\p{L}\p{N}_-]+(?:\/[\p{L}\p{N}_-]+)*$/u

/** Adds the `#tags` of plain text to `tags`. */
function collectTags(text: string, tags: Set<string>): void {
  for (const match of text.matchAll(TAG)) if (!/^[\d/]+$/.test(match[1]!)) tags.add(match[1]!.toLowerCase())
}

/** The `#tags` of plain text (a highlight's comment), lower-cased, each once. */
export function tagsInText(text: string): string[] {
  const tags = new Set<string>()
  collectTags(text, tags)
  return [...tags]
}

/**
 * Tags as a person types them in a field ("iran, #Sanctions/EU  methods"): split at commas and
 * spaces, `#` optional, lower-cased, each once. Words that cannot be tags (`a.b`, `#12`) are returned apart.
 */
export function parseTagList(typed: string): { tags: string[]; rejected: string[] } {
  const tags = new Set<string>()
  const rejected: string[] = []
  for (const word of typed.split(/[\s,]+/)) {
    const name = word.replace(/^#/, '').toLowerCase()
    if (!name) continue
    if (TAG_NAME.test(name) && !/^[\d/]+$/.test(name)) tags.add(name)
    else rejected.push(word)
  }
  return { tags: [...tags], rejected }
}

/** The tags of a front matter's `tags:` as Obsidian writes it: a list, or words separated by commas or spaces. */
export function frontMatterTags(value: unknown): string[] {
  return parseTagList((Array.isArray(value) ? value : [value]).filter((t) => typeof t === 'string').join(',')).tags
}

/** The tags of a note, lower-cased, each once, in the order they first appear. */
export function tagsIn(content: SerializedEditorState): string[] {
  const tags = new Set<string>()
  let text = ''
  const flush = (): void => {
    collectTags(text, tags)
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
