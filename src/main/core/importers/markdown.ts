import { Lexer, type Token, type Tokens } from 'marked'
import { assignIdsAndNumbers } from '../../../shared/block-ids'
import { PilcrowError } from '../../../shared/errors'
import { decodeEntities } from '../../../shared/html-entities'
import type { Block, BlockKind, InlineRun, Mark, SourceMeta } from '../../../shared/model'
import { draft, run, SAFE_LINK, type DraftBlock, type ImportedSource } from './draft-blocks'
import { splitFrontMatter } from './front-matter'
import { frontMatterTags } from '../../../shared/tags'
import { titleFromFileName } from './source-meta'

export type { ImportedSource } from './draft-blocks'

/**
 * Callouts (Obsidian's `> [!type]` syntax) that mark a block's role in an article. Other callout
 * types, and plain block quotes, are quotations in the body.
 */
const CALLOUT_KINDS: Record<string, BlockKind> = {
  pullquote: 'pullquote',
  'author-note': 'authorNote',
  standfirst: 'standfirst',
  figure: 'figure'
}

/**
 * Imports Markdown (CommonMark + GFM, optional YAML front matter) as a source: headings,
 * paragraphs, block quotes, list items, with bold, italic, code and safe links kept.
 * Front matter keys: title, authors (or author), date, publisher, container, url, citationKey, tags.
 */
export function importMarkdown(text: string, fileName: string): ImportedSource {
  const { data, body } = splitFrontMatter(text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'), fileName)
  const drafts: DraftBlock[] = []
  collectBlocks(new Lexer({ gfm: true }).lex(body), drafts, 0)
  // a source exported by Pilcrow repeats its title as a heading and marks ¶ numbers: not text
  const exported = typeof data['pilcrowSource'] === 'string'
  const cleaned = drafts
    .map((b) => stripMarkers(b, exported))
    .filter((b, i) => !(exported && i === 0 && b.kind === 'heading' && b.text === data['title']))
    // an Obsidian block id on a line of its own (after a quote or callout) names a block; it is not one
    .filter((b) => !BLOCK_ID_LINE.test(b.text))
  const blocks = assignIdsAndNumbers(cleaned.filter((b) => b.text.trim() !== ''))
  if (blocks.length === 0) throw new PilcrowError('unsupported-format', `${fileName}: there is no text to import.`)
  return { meta: readMeta(data, blocks, fileName), blocks }
}

function collectBlocks(tokens: Token[], out: DraftBlock[], depth: number): void {
  for (const token of tokens) {
    switch (token.type) {
      case 'heading':
        out.push(draft('heading', inlineRuns((token as Tokens.Heading).tokens), (token as Tokens.Heading).depth))
        break
      case 'paragraph':
        out.push(draft('paragraph', inlineRuns((token as Tokens.Paragraph).tokens)))
        break
      case 'text': // loose text inside a list item
        out.push(draft('paragraph', inlineRuns((token as Tokens.Text).tokens ?? [token])))
        break
      case 'blockquote':
        collectQuote(token as Tokens.Blockquote, out)
        break
      case 'list':
        for (const item of (token as Tokens.List).items) collectListItem(item, out, depth)
        break
      case 'code':
        out.push(draft('paragraph', [{ text: (token as Tokens.Code).text, marks: ['code'] }]))
        break
      default:
        break // rules, HTML and spacing carry no citable text
    }
  }
}

function collectQuote(token: Tokens.Blockquote, out: DraftBlock[]): void {
  const first = token.tokens[0]
  const callout = first?.type === 'paragraph' ? /^\[!([a-z-]+)\][ \t]*\n?/i.exec((first as Tokens.Paragraph).text) : null
  const kind = callout ? (CALLOUT_KINDS[callout[1]!.toLowerCase()] ?? 'quote') : 'quote'
  const inner: DraftBlock[] = []
  collectBlocks(token.tokens, inner, 0)
  if (callout && inner[0]) inner[0] = stripPrefix(inner[0], callout[0])
  for (const block of inner) out.push(block.kind === 'paragraph' ? { ...block, kind } : block)
}

function collectListItem(item: Tokens.ListItem, out: DraftBlock[], depth: number): void {
  const nested = item.tokens.filter((t) => t.type === 'list')
  const own: DraftBlock[] = []
  collectBlocks(
    item.tokens.filter((t) => t.type !== 'list'),
    own,
    depth
  )
  const runs = own.flatMap((b, i) => (i === 0 ? b.runs : [{ text: ' ' }, ...b.runs]))
  out.push({ ...draft('listItem', runs), level: depth })
  collectBlocks(nested, out, depth + 1)
}

/** Removes a callout marker (`[!pullquote]`) from the start of a block's first run. */
function stripPrefix(block: DraftBlock, prefix: string): DraftBlock {
  let remaining = prefix.length
  const runs: InlineRun[] = []
  for (const run of block.runs) {
    if (remaining >= run.text.length) {
      remaining -= run.text.length
      continue
    }
    runs.push({ ...run, text: run.text.slice(remaining) })
    remaining = 0
  }
  return draft(block.kind, runs, block.level)
}

const BLOCK_ID_LINE = /^\s*\^[A-Za-z0-9-]+\s*$/

/** Drops Obsidian block ids (` ^p6`) and, in Pilcrow's own exports, the leading bold ¶ number. */
function stripMarkers(block: DraftBlock, exported: boolean): DraftBlock {
  let runs = block.runs
  if (exported && runs[0]?.marks?.includes('bold') && /^¶\d+$/.test(runs[0].text)) runs = runs.slice(1)
  const last = runs[runs.length - 1]
  if (last && /\s\^[A-Za-z0-9-]+$/.test(last.text)) runs = [...runs.slice(0, -1), { ...last, text: last.text.replace(/\s\^[A-Za-z0-9-]+$/, '') }]
  return runs === block.runs ? block : draft(block.kind, runs, block.level)
}

function inlineRuns(tokens: Token[] | undefined, marks: Mark[] = [], href?: string): InlineRun[] {
  const runs: InlineRun[] = []
  for (const token of tokens ?? []) {
    const children = (token as { tokens?: Token[] }).tokens
    switch (token.type) {
      case 'strong':
        runs.push(...inlineRuns(children, [...marks, 'bold'], href))
        break
      case 'em':
        runs.push(...inlineRuns(children, [...marks, 'italic'], href))
        break
      case 'codespan':
        runs.push(run(decodeEntities((token as Tokens.Codespan).text), [...marks, 'code'], href))
        break
      case 'link': {
        const target = (token as Tokens.Link).href
        runs.push(...inlineRuns(children, marks, SAFE_LINK.test(target) ? target : href))
        break
      }
      case 'br':
        runs.push(run(' ', marks, href))
        break
      case 'image':
        runs.push(run((token as Tokens.Image).text, marks, href))
        break
      case 'html':
        break // raw HTML is never rendered; its text is not the author's prose either
      default: {
        if (children && children.length > 0) runs.push(...inlineRuns(children, marks, href))
        else runs.push(run(decodeEntities((token as { text?: string }).text ?? ''), marks, href))
      }
    }
  }
  return runs
}

function readMeta(data: Record<string, unknown>, blocks: Block[], fileName: string): SourceMeta {
  const str = (key: string): string | undefined => {
    const value = data[key]
    if (value instanceof Date) return value.toISOString().slice(0, 10)
    return typeof value === 'string' || typeof value === 'number' ? String(value).trim() || undefined : undefined
  }
  const authorsValue = data['authors'] ?? data['author']
  const authors = (Array.isArray(authorsValue) ? authorsValue : authorsValue ? [authorsValue] : [])
    .filter((a): a is string => typeof a === 'string' && a.trim() !== '')
    .map((a) => a.trim())
  const firstHeading = blocks.find((b) => b.kind === 'heading')
  const meta: SourceMeta = {
    title: str('title') ?? firstHeading?.text ?? titleFromFileName(fileName),
    authors,
    originalFile: fileName
  }
  const date = str('date')
  if (date) meta.date = date
  for (const key of ['publisher', 'container', 'url', 'citationKey'] as const) {
    const value = str(key)
    if (value) meta[key] = value
  }
  const tags = frontMatterTags(data['tags'])
  if (tags.length > 0) meta.tags = tags
  return meta
}
