import { Lexer, type Token, type Tokens } from 'marked'
import { decodeEntities } from '../html-entities'
import * as J from './lexical-json'
import { FORMAT, type JsonNode } from './lexical-json'

/**
 * A citation as the text of an export writes it (see serialize.ts), in each style: a link
 * (`[¶6](../sources/x.md#^p6)`), a Pandoc citation (`[@key, para. 6]`, `[@key, p. 4]`), a footnote
 * (`[^1]`, its definition holding the quoted words and the link), or an unresolved link's marker.
 */
export type CitationRef =
  | { kind: 'link'; href: string }
  | { kind: 'pandoc'; key: string; paragraph: number | null; page?: number; unresolvedQuote?: string }
  | { kind: 'footnote'; href: string | null; quote: string }
  | { kind: 'orphan'; paragraph: number | null; quote: string }

/** A link to another note as Markdown writes it: a link to its file (or `pilcrow://note/…`), or Obsidian's `[[Title]]` / `[[Title|shown words]]`. */
export type NoteLinkRef = { kind: 'href'; href: string } | { kind: 'wiki'; title: string }

export interface ParseOptions {
  /** A citation, in reading order, becomes what this returns; null keeps it as it was written (a plain link, the text). */
  citation(ref: CitationRef): JsonNode | null
  /** A link to a note becomes what this returns (asked before `citation`); null keeps it as it was written. */
  noteLink?(ref: NoteLinkRef): JsonNode | null
}

/**
 * Citations written as text: a Pandoc citation (with the unresolved marker that may follow it), a
 * footnote reference, or an unresolved link's marker; and Obsidian's `[[Title]]` links to notes
 * (group 8). Matched inside one text token, so words the
 * export escaped (`\@handle`, `\[`) never match.
 */
const TEXT_CITATION =
  /\[@([\p{L}\p{N}_:.#$%&+?<>~/-]+)(?:, (para|p)\. (\d+|\?))?\](?: \(unresolved link: “([\s\S]*?)”\))?|\[\^(\d+)\]|¶(\d*) \(unresolved link: “([\s\S]*?)”\)|\[\[([^[\]|\n]{1,200})(?:\|[^[\]\n]{0,200})?\]\]/gu

/** A footnote definition as the footnotes style writes it: `[^1]: “quoted words” — by, title, date, ¶6. [Source](…)`. */
const FOOTNOTE_DEFINITION = /^\[\^(\d+)\]: /

/** Reads Markdown (CommonMark + GFM) back into a note's Lexical state. */
export function markdownToNote(markdown: string, options: ParseOptions): { root: JsonNode } {
  const tokens = new Lexer({ gfm: true }).lex(markdown.replace(/\r\n?/g, '\n'))
  // footnote definitions come last but are needed where their references stand: read them first
  const footnotes = new Map<string, { href: string | null; quote: string }>()
  const body = tokens.filter((token) => {
    const isDefinition = token.type === 'paragraph' && FOOTNOTE_DEFINITION.test(token.raw)
    if (isDefinition) for (const [label, definition] of footnoteDefinitions(token.raw)) footnotes.set(label, definition)
    return !isDefinition
  })
  const children = new Reader(options, footnotes).blocks(body)
  return { root: { type: 'root', version: 1, direction: null, format: '', indent: 0, children: children.length > 0 ? children : [J.paragraph([])] } }
}

/**
 * The definitions of a paragraph of them (the footnotes style writes them on consecutive lines,
 * which Markdown joins into one paragraph): each one's quoted words and link, by its label.
 */
function footnoteDefinitions(raw: string): [string, { href: string | null; quote: string }][] {
  const definitions: string[] = []
  for (const line of raw.split('\n')) {
    if (FOOTNOTE_DEFINITION.test(line) || definitions.length === 0) definitions.push(line)
    else definitions[definitions.length - 1] += `\n${line}`
  }
  return definitions.map((text) => {
    const inline = new Lexer({ gfm: true }).inlineTokens(text)
    const plain = inline.map((t) => ('text' in t ? String(t.text) : '')).join('')
    const label = FOOTNOTE_DEFINITION.exec(text)?.[1] ?? ''
    const quote = /^\[\^\d+\]: “([\s\S]*?)” — /.exec(plain)?.[1] ?? ''
    const links = inline.filter((t): t is Tokens.Link => t.type === 'link')
    return [label, { href: links.at(-1)?.href ?? null, quote: decodeEntities(quote) }]
  })
}

class Reader {
  constructor(
    private readonly options: ParseOptions,
    private readonly footnotes: Map<string, { href: string | null; quote: string }>
  ) {}

  blocks(tokens: Token[]): JsonNode[] {
    const out: JsonNode[] = []
    for (const token of tokens) {
      switch (token.type) {
        case 'heading':
          out.push(J.heading((token as Tokens.Heading).depth, this.inline((token as Tokens.Heading).tokens)))
          break
        case 'paragraph':
          out.push(J.paragraph(this.inline((token as Tokens.Paragraph).tokens)))
          break
        case 'text':
          out.push(J.paragraph(this.inline((token as Tokens.Text).tokens ?? [token])))
          break
        case 'blockquote': {
          // a quote is one block in a note: its paragraphs join with line breaks
          const parts = this.blocks((token as Tokens.Blockquote).tokens).map((b) => b.children ?? [])
          out.push(J.quote(parts.flatMap((p, i) => (i > 0 ? [J.linebreak(), ...p] : p))))
          break
        }
        case 'list':
          out.push(this.list(token as Tokens.List))
          break
        case 'code':
          out.push(J.code((token as Tokens.Code).text, (token as Tokens.Code).lang || null))
          break
        case 'hr':
          out.push(J.horizontalRule())
          break
        default:
          break // space, raw HTML blocks, footnote definitions: not part of a note
      }
    }
    return out
  }

  private list(token: Tokens.List): JsonNode {
    const type = token.items.some((i) => i.task) ? 'check' : token.ordered ? 'number' : 'bullet'
    const start = token.ordered && typeof token.start === 'number' ? token.start : 1
    const items: JsonNode[] = []
    token.items.forEach((item, i) => {
      const inline: JsonNode[] = []
      const nested: JsonNode[] = []
      for (const child of item.tokens) {
        if (child.type === 'list') nested.push(this.list(child as Tokens.List))
        else if (child.type !== 'checkbox' && child.type !== 'space') {
          const blocks = this.blocks([child])
          for (const b of blocks) inline.push(...(inline.length > 0 ? [J.linebreak()] : []), ...(b.children ?? []))
        }
      }
      items.push(J.listItem(start + i, inline, type === 'check' ? !!item.checked : undefined))
      // Lexical nests a list in an item of its own, after the item it belongs to
      for (const list of nested) items.push(J.listItem(start + i, [list]))
    })
    return J.list(type, start, items)
  }

  inline(tokens: Token[] | undefined, format = 0): JsonNode[] {
    const out: JsonNode[] = []
    let underline = false
    for (const token of tokens ?? []) {
      const f = format | (underline ? FORMAT.underline : 0)
      switch (token.type) {
        case 'strong':
          out.push(...this.inline((token as Tokens.Strong).tokens, f | FORMAT.bold))
          break
        case 'em':
          out.push(...this.inline((token as Tokens.Em).tokens, f | FORMAT.italic))
          break
        case 'del':
          out.push(...this.inline((token as Tokens.Del).tokens, f | FORMAT.strikethrough))
          break
        case 'codespan':
          out.push(J.text(decodeEntities((token as Tokens.Codespan).text), f | FORMAT.code))
          break
        case 'br':
          out.push(J.linebreak())
          break
        case 'link': {
          const link = token as Tokens.Link
          const chip = this.options.noteLink?.({ kind: 'href', href: link.href }) ?? this.options.citation({ kind: 'link', href: link.href })
          if (chip) out.push(chip)
          else out.push(J.link(link.href, this.inline(link.tokens, f)))
          break
        }
        case 'html': {
          const tag = (token as Tokens.HTML).text.trim().toLowerCase()
          if (tag === '<u>') underline = true
          else if (tag === '</u>') underline = false
          break
        }
        case 'escape':
          out.push(J.text((token as Tokens.Escape).text, f))
          break
        default: {
          const children = (token as { tokens?: Token[] }).tokens
          if (children && children.length > 0) out.push(...this.inline(children, f))
          else out.push(...this.textWithCitations(decodeEntities((token as { text?: string }).text ?? ''), f))
        }
      }
    }
    return mergeText(out)
  }

  private textWithCitations(value: string, format: number): JsonNode[] {
    const out: JsonNode[] = []
    let at = 0
    for (const match of value.matchAll(TEXT_CITATION)) {
      const wiki = match[8]
      const chip = wiki !== undefined ? (this.options.noteLink?.({ kind: 'wiki', title: wiki.trim() }) ?? null) : this.options.citation(this.refOf(match))
      if (!chip) continue
      if (match.index > at) out.push(J.text(value.slice(at, match.index), format))
      out.push(chip)
      at = match.index + match[0].length
    }
    if (at < value.length) out.push(J.text(value.slice(at), format))
    return out
  }

  private refOf(match: RegExpMatchArray): CitationRef {
    const [, key, unit, number, unresolved, footnote, orphanParagraph, orphanQuote] = match
    if (key !== undefined) {
      const value = number === undefined || number === '?' ? null : Number(number)
      return { kind: 'pandoc', key, paragraph: unit === 'para' ? value : null, ...(unit === 'p' && value !== null ? { page: value } : {}), ...(unresolved !== undefined ? { unresolvedQuote: unresolved } : {}) }
    }
    if (footnote !== undefined) return { kind: 'footnote', ...(this.footnotes.get(footnote) ?? { href: null, quote: '' }) }
    return { kind: 'orphan', paragraph: orphanParagraph ? Number(orphanParagraph) : null, quote: orphanQuote ?? '' }
  }
}

/** Joins neighbouring text nodes with the same format (escapes split them). */
function mergeText(nodes: JsonNode[]): JsonNode[] {
  const out: JsonNode[] = []
  for (const node of nodes) {
    const last = out[out.length - 1]
    if (last?.type === 'text' && node.type === 'text' && last['format'] === node['format']) last['text'] = String(last['text']) + String(node['text'])
    else out.push(node.type === 'text' ? { ...node } : node)
  }
  return out.filter((n) => n.type !== 'text' || n['text'] !== '')
}
