import { paragraphLabel, type SerializedParagraphLink } from '../links'
import { codeSpan, escapeText, keepLeadingSpace, linkDestination } from './escape'
import { childrenOf, FORMAT, type JsonNode } from './lexical-json'
import { isValidParagraphLink } from '../note-nodes'
import { isUsableNoteLink, type SerializedNoteLink } from '../note-links'

/** How paragraph links are written: readable links, footnotes, Pandoc citations, or formatted in a CSL style (APA…). */
export type CitationStyle = 'links' | 'footnotes' | 'pandoc' | 'csl'

/** What a paragraph link points at now, worked out by the caller against the current sources. */
export interface CitationTarget {
  resolved: boolean
  /** The ¶ number now (or when linked, for an orphan). */
  paragraph: number | null
  /** The page the block starts on, for sources with pages (PDFs). */
  page?: number
  /** The block's anchor in the exported source file: `p6`, or the block id when unnumbered (links name it `#^p6`, as Obsidian's block links do). */
  anchor: string
  /** The exported source file, relative to the note file. */
  href: string
  /** For footnotes and Pandoc: who wrote what, when. */
  citationKey: string
  authors: string[]
  title: string
  /** Human date ("18 January 2021"), or empty. */
  date: string
  /** For the `csl` style: the citation as the chosen style writes it, in Markdown ("(Tazmini, 2021, para. 6)"). */
  formatted?: string
}

export interface MarkdownOptions {
  style: CitationStyle
  target(link: SerializedParagraphLink): CitationTarget
  /** For the `csl` style: the style cites in notes (Chicago notes), so each citation is a footnote. */
  cslNote?: boolean
  /** Where a link to another note goes: its title now, and the exported note file (relative) or a `pilcrow://note/…` link when it is not exported. */
  noteTarget?(link: SerializedNoteLink): { title: string; href: string }
}

/** A note's body as Markdown (the footnotes style appends its footnote definitions to it). */
export interface MarkdownBody {
  markdown: string
}

/** Writes a note's Lexical state as CommonMark + GFM. */
export function noteToMarkdown(root: { children?: JsonNode[] }, options: MarkdownOptions): MarkdownBody {
  const footnotes: string[] = []
  const writer = new Writer(options, footnotes)
  const blocks = childrenOf(root).map((block) => writer.block(block, '')).filter((b) => b !== null)
  const markdown = blocks.join('\n\n') + (footnotes.length > 0 ? `\n\n${footnotes.join('\n')}` : '')
  return { markdown: markdown.trimEnd() + '\n' }
}

class Writer {
  constructor(
    private readonly options: MarkdownOptions,
    private readonly footnotes: string[]
  ) {}

  block(node: JsonNode, indent: string): string | null {
    switch (node.type) {
      case 'heading': {
        const level = Number(String(node['tag'] ?? 'h1').slice(1)) || 1
        return `${'#'.repeat(level)} ${this.inline(childrenOf(node))}`
      }
      case 'quote':
        return keepLeadingSpace(this.inline(childrenOf(node)))
          .split('\n')
          .map((line) => (line ? `> ${line}` : '>'))
          .join('\n')
      case 'list':
        return this.list(node, indent)
      case 'code': {
        const body = (childrenOf(node)).map((c) => (c.type === 'linebreak' ? '\n' : c.type === 'tab' ? '\t' : String(c['text'] ?? ''))).join('')
        const longest = Math.max(2, ...(body.match(/`+/g) ?? []).map((r) => r.length))
        const fence = '`'.repeat(longest + 1)
        return `${fence}${String(node['language'] ?? '')}\n${body}\n${fence}`
      }
      case 'horizontalrule':
        return '---'
      default: {
        const text = this.inline(childrenOf(node))
        return text.trim() === '' ? null : keepLeadingSpace(text)
      }
    }
  }

  private list(node: JsonNode, indent: string): string {
    const type = node['listType'] as string
    const start = Number(node['start'] ?? 1)
    const lines: string[] = []
    let number = start
    for (const item of childrenOf(node)) {
      const children = childrenOf(item)
      // an item holding only a nested list continues the previous item one level deeper
      if (children.length === 1 && children[0]!.type === 'list') {
        const marker = type === 'number' ? `${number - 1}. ` : '- '
        lines.push(this.list(children[0]!, indent + ' '.repeat(marker.length)))
        continue
      }
      const marker = type === 'number' ? `${number++}. ` : type === 'check' ? `- [${item['checked'] ? 'x' : ' '}] ` : '- '
      const content = keepLeadingSpace(this.inline(children.filter((c) => c.type !== 'list')))
      lines.push(`${indent}${marker}${content.split('\n').join(`\n${indent}${' '.repeat(marker.length)}`)}`)
      for (const nested of children.filter((c) => c.type === 'list')) lines.push(this.list(nested, indent + ' '.repeat(marker.length)))
    }
    return lines.join('\n')
  }

  /** Inline content: text with marks, links, chips and hard line breaks. */
  inline(nodes: JsonNode[]): string {
    let out = ''
    for (const node of nodes) {
      // only white space so far on this line: a marker here would still start a list or heading
      const atLineStart = /(^|\n)[ \t]*$/.test(out)
      switch (node.type) {
        case 'text':
          out += this.text(String(node['text'] ?? ''), Number(node['format'] ?? 0), atLineStart)
          break
        case 'linebreak':
          out += '\\\n'
          break
        case 'tab':
          out += '\t'
          break
        case 'link':
        case 'autolink':
          out += `[${this.inline(childrenOf(node))}](${linkDestination(String(node['url'] ?? ''))})`
          break
        case 'note-link':
          out += isUsableNoteLink(node) ? this.noteLink(node) : ''
          break
        case 'paragraph-link':
          // a citation without a usable anchor (a damaged file) says so rather than failing the export
          out += isValidParagraphLink(node) ? this.citation(node as unknown as SerializedParagraphLink) : escapeText('¶ (damaged citation)', false)
          break
        default:
          out += this.inline(childrenOf(node))
      }
    }
    return out
  }

  private text(value: string, format: number, atLineStart: boolean): string {
    if (value === '') return ''
    if (format & FORMAT.code) return codeSpan(value)
    // emphasis markers must touch the words: keep surrounding spaces outside them
    const [, lead, core, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(value)!
    if (!core) return value
    let md = escapeText(core, atLineStart, this.options.style === 'pandoc')
    if (format & FORMAT.strikethrough) md = `~~${md}~~`
    if (format & FORMAT.italic) md = `*${md}*`
    if (format & FORMAT.bold) md = `**${md}**`
    if (format & FORMAT.underline) md = `<u>${md}</u>`
    return `${lead}${md}${trail}`
  }

  /** A link to another note: `[Title now](Other note.md)`, which Obsidian and every viewer follow. */
  private noteLink(link: SerializedNoteLink): string {
    const target = this.options.noteTarget?.(link) ?? { title: link.title, href: `pilcrow://note/${link.noteId}` }
    return `[${escapeText(target.title, false, this.options.style === 'pandoc')}](${linkDestination(target.href)})`
  }

  private citation(link: SerializedParagraphLink): string {
    const target = this.options.target(link)
    const number = paragraphLabel(target.paragraph, target.page)
    const quote = link.anchor.quote.exact.length > 140 ? `${link.anchor.quote.exact.slice(0, 140)}…` : link.anchor.quote.exact
    if (!target.resolved) {
      const marker = `${number} (unresolved link: “${quote}”)`
      return this.options.style === 'pandoc' ? `[@${target.citationKey}, para. ${target.paragraph ?? '?'}] ${escapeText(`(unresolved link: “${quote}”)`, false, true)}` : escapeText(marker, false)
    }
    switch (this.options.style) {
      case 'links':
        return `[${number}](${linkDestination(`${target.href}#^${target.anchor}`)})`
      case 'pandoc':
        if (target.page !== undefined) return `[@${target.citationKey}, p. ${target.page}]`
        return target.paragraph === null ? `[@${target.citationKey}]` : `[@${target.citationKey}, para. ${target.paragraph}]`
      case 'csl': {
        // the formatted citation, still a link to its paragraph; in a note style, a footnote's text
        const text = target.formatted ?? escapeText(number, false)
        const href = linkDestination(`${target.href}#^${target.anchor}`)
        if (!this.options.cslNote) return `[${text}](${href})`
        const n = this.footnotes.length + 1
        this.footnotes.push(`[^${n}]: ${text} [${number}](${href})`)
        return `[^${n}]`
      }
      case 'footnotes': {
        const n = this.footnotes.length + 1
        // in a note style's own form when one is chosen (Chicago notes), else author, title, date, ¶
        const by = target.formatted ?? `${[target.authors.join(', '), `*${escapeText(target.title, false)}*`, target.date, number].filter(Boolean).join(', ')}.`
        this.footnotes.push(`[^${n}]: “${escapeText(quote, false)}” — ${by} [Source](${linkDestination(`${target.href}#^${target.anchor}`)})`)
        return `[^${n}]`
      }
    }
  }
}
