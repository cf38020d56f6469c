import { assignIdsAndNumbers } from '../../../shared/block-ids'
import { toIsoDate } from '../../../shared/dates'
import { PilcrowError } from '../../../shared/errors'
import type { SourceMeta } from '../../../shared/model'
import { draft, run, type DraftBlock, type ImportedSource } from './draft-blocks'
import { splitAuthors, titleFromFileName } from './source-meta'

const BULLET = /^\s*(?:[-*•◦‣]|\d{1,3}[.)])\s+/
const HEADING_WORD = /^(?:chapter|part|book|section|appendix|preface|introduction|epilogue|prologue|conclusion)\b/i
/** Project Gutenberg's licence wrapper is not the book. */
const GUTENBERG_START = /^\*\*\*\s*START OF (?:THE|THIS) PROJECT GUTENBERG.*$/im
const GUTENBERG_END = /^\*\*\*\s*END OF (?:THE|THIS) PROJECT GUTENBERG.*$/im
const HEADER_FIELD = /^(title|author|authors|release date|date|publisher|url|language|credits|posting date|original publication)\s*:\s*(.+)$/i

/**
 * Imports plain text: paragraphs are separated by blank lines, and hard-wrapped lines inside a
 * paragraph are joined. Short lines standing alone that look like headings (all capitals,
 * "Chapter …", or underlined with === / ---) become headings; bulleted or numbered lines become
 * list items. A leading block of `Title:` / `Author:` / `Date:` fields (as Project Gutenberg
 * writes) becomes the metadata, and Gutenberg's licence text around the book is left out.
 */
export function importPlainText(text: string, fileName: string): ImportedSource {
  let body = text.replace(/\r\n?/g, '\n')
  const fields = readHeaderFields(body)
  const start = GUTENBERG_START.exec(body)
  if (start) body = body.slice(start.index + start[0].length)
  const end = GUTENBERG_END.exec(body)
  if (end) body = body.slice(0, end.index)
  if (!start && Object.keys(fields).length > 0) body = dropLeadingFields(body)

  const drafts: DraftBlock[] = []
  for (const chunk of body.split(/\n[ \t]*\n/)) drafts.push(...chunkBlocks(chunk, drafts.length === 0))
  const blocks = assignIdsAndNumbers(drafts.filter((b) => b.text.trim() !== ''))
  if (blocks.length === 0) throw new PilcrowError('unsupported-format', `${fileName}: there is no text to import.`)

  const firstHeading = blocks[0]?.kind === 'heading' ? blocks[0] : undefined
  const meta: SourceMeta = {
    title: fields['title'] ?? firstHeading?.text ?? titleFromFileName(fileName),
    authors: splitAuthors(fields['author'] ?? fields['authors']),
    originalFile: fileName
  }
  const date = toIsoDate(fields['date'] ?? fields['original publication'] ?? fields['release date'] ?? fields['posting date'])
  if (date) meta.date = date
  if (fields['publisher']) meta.publisher = fields['publisher']
  if (fields['url']) meta.url = fields['url']
  return { meta, blocks }
}

function readHeaderFields(text: string): Record<string, string> {
  const fields: Record<string, string> = {}
  const head = text.slice(0, 4000).split('\n').slice(0, 40)
  for (const line of head) {
    const match = HEADER_FIELD.exec(line.trim())
    if (match) fields[match[1]!.toLowerCase()] ??= match[2]!.replace(/\s*\[[^\]]*\]\s*$/, '').trim()
  }
  return fields
}

/** Removes a leading block of `Key: value` lines (the metadata already read). */
function dropLeadingFields(text: string): string {
  const lines = text.split('\n')
  let i = 0
  while (i < lines.length && (lines[i]!.trim() === '' || HEADER_FIELD.test(lines[i]!.trim()))) i++
  return lines.slice(i).join('\n')
}

/** One blank-line-separated chunk: a heading, a list, a quotation or a paragraph. */
function chunkBlocks(chunk: string, first: boolean): DraftBlock[] {
  const lines = chunk.split('\n').filter((l) => l.trim() !== '')
  if (lines.length === 0) return []
  const underline = lines.length === 2 && /^\s*(=+|-+)\s*$/.test(lines[1]!)
  if (underline) return [draft('heading', [run(lines[0]!.trim(), [])], lines[1]!.includes('=') ? 1 : 2)]
  // a file's opening line standing alone, short and without a full stop, is its title
  const title = first && lines.length === 1 && lines[0]!.trim().length <= 70 && !/[.,;:!?]$/.test(lines[0]!.trim())
  if (title) return [draft('heading', [run(lines[0]!.trim(), [])], 1)]
  if (lines.length === 1 && looksLikeHeading(lines[0]!)) return [draft('heading', [run(lines[0]!.trim(), [])], 2)]
  if (BULLET.test(lines[0]!)) return listItems(lines)
  const indented = lines.every((l) => /^(?: {2,}|\t)/.test(l))
  return [draft(indented ? 'quote' : 'paragraph', [run(joinLines(lines), [])])]
}

function listItems(lines: string[]): DraftBlock[] {
  const items: string[][] = []
  for (const line of lines) {
    if (BULLET.test(line) || items.length === 0) items.push([line.replace(BULLET, '')])
    else items[items.length - 1]!.push(line)
  }
  return items.map((item) => ({ ...draft('listItem', [run(joinLines(item), [])]), level: 0 }))
}

/** Hard-wrapped lines joined; a line ending in a compound word's hyphen joins without a space. */
function joinLines(lines: string[]): string {
  let text = ''
  for (const line of lines.map((l) => l.trim())) {
    text = text === '' ? line : /\p{L}-$/u.test(text) && /^\p{L}/u.test(line) ? text + line : `${text} ${line}`
  }
  return text
}

function looksLikeHeading(line: string): boolean {
  const text = line.trim()
  if (text.length > 70 || /[.,;:!?"”’)]$/.test(text)) return HEADING_WORD.test(text) && text.length <= 70
  const letters = text.replace(/[^\p{L}]/gu, '')
  return HEADING_WORD.test(text) || (letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase())
}
