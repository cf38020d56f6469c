import { AlignmentType, Document, ExternalHyperlink, FootnoteReferenceRun, HeadingLevel, LevelFormat, Packer, Paragraph, TextRun, type ParagraphChild } from 'docx'
import { resolveAnchor } from '../../../shared/anchors'
import { decodeEntities } from '../../../shared/html-entities'
import { isUsableNoteLink } from '../../../shared/note-links'
import { childrenOf, FORMAT, type JsonNode } from '../../../shared/markdown/lexical-json'
import type { Block, Source } from '../../../shared/model'
import { isValidParagraphLink } from '../../../shared/note-nodes'
import { UNTITLED } from '../../../shared/notes'
import type { SerializedParagraphLink } from '../../../shared/links'
import { cslItems } from '../citations/csl-items'
import type { PreparedStyle } from '../citations/formatter'
import { citesOf } from './formatted-citations'
import type { StoredNote } from '../note-file'

/** What a Word export needs beside the notes. */
export interface DocxInput {
  notes: StoredNote[]
  sources: Source[]
  /** Citation keys by source id (unique in the notebook). */
  keys: ReadonlyMap<string, string>
  /** The chosen CSL style, ready: in-text citations, or footnotes for a note style, and the bibliography. */
  style: PreparedStyle
  /** The title of a note a link points to that is not exported. */
  titleOf(noteId: string): string | undefined
}

const NUMBERED = 'pilcrow-numbered'

/**
 * The notes as one Word document (`docx`, the kept library for it): each note under its title as
 * a heading, its headings, lists, quotes, emphasis and code as Word's own, its citations
 * formatted in the chosen CSL style (in the text, or as Word footnotes for a note style), and a
 * bibliography of every work cited at the end.
 */
export async function notesToDocx(input: DocxInput): Promise<Uint8Array> {
  const sourcesById = new Map(input.sources.map((s) => [s.id, s]))
  const footnotes: Record<number, { children: Paragraph[] }> = {}
  const cited = new Map<string, Source>()
  const body: Paragraph[] = []
  for (const note of input.notes) {
    const root = note.content.root as { children?: JsonNode[] }
    // every citation of the note in reading order, formatted in one pass (numbering, ibid.)
    const found: { source: Source; block: Block }[] = []
    for (const link of linksInOrder(root)) {
      const source = sourcesById.get(link.anchor.sourceId)
      const block = source ? resolveAnchor(source, link.anchor).block : null
      if (source && block) found.push({ source, block })
    }
    for (const { source } of found) cited.set(source.id, source)
    const { items, cites } = citesOf(found, input.keys)
    const formatted = found.length > 0 ? input.style.format(items, cites, 'html').citations : []
    let next = 0
    const citation = (link: SerializedParagraphLink): ParagraphChild[] => {
      const source = sourcesById.get(link.anchor.sourceId)
      const block = source ? resolveAnchor(source, link.anchor).block : null
      if (!source || !block) return [new TextRun({ text: `¶${link.anchor.paragraph ?? ''} (unresolved: “${link.anchor.quote.exact.slice(0, 140)}”)` })]
      const html = formatted[next++] ?? ''
      if (!input.style.note) return htmlRuns(html)
      const id = Object.keys(footnotes).length + 1
      footnotes[id] = { children: [new Paragraph({ children: htmlRuns(html) })] }
      return [new FootnoteReferenceRun(id)]
    }
    const writer = new DocxWriter(citation, (id, saved) => input.titleOf(id) ?? (saved || UNTITLED))
    body.push(new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(note.title || UNTITLED)] }))
    for (const block of childrenOf(root)) body.push(...writer.block(block, 0))
  }
  if (cited.size > 0) {
    const works = [...cited.values()]
    const items = cslItems(works, new Map(input.keys))
    const { bibliography } = input.style.format(items, items.map((i) => ({ id: i.id })), 'html')
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('References')] }))
    for (const entry of bibliography) body.push(new Paragraph({ children: htmlRuns(entry), indent: { left: 720, hanging: 720 } }))
  }
  const document = new Document({
    creator: 'Pilcrow',
    title: input.notes.length === 1 ? input.notes[0]!.title || UNTITLED : 'Pilcrow notes',
    footnotes,
    numbering: {
      config: [
        {
          reference: NUMBERED,
          levels: Array.from({ length: 9 }, (_, level) => ({ level, format: LevelFormat.DECIMAL, text: `%${level + 1}.`, alignment: AlignmentType.START, style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } } }))
        }
      ]
    },
    sections: [{ children: body }]
  })
  return new Uint8Array(await Packer.toBuffer(document))
}

/** The paragraph links of a note in the order a reader meets them (depth first, as the writer goes). */
function linksInOrder(node: { children?: unknown }): SerializedParagraphLink[] {
  const links: SerializedParagraphLink[] = []
  for (const child of childrenOf(node)) {
    if (child.type === 'paragraph-link') {
      if (isValidParagraphLink(child)) links.push(child as unknown as SerializedParagraphLink)
    } else links.push(...linksInOrder(child))
  }
  return links
}

class DocxWriter {
  constructor(
    private readonly citation: (link: SerializedParagraphLink) => ParagraphChild[],
    private readonly noteTitle: (noteId: string, saved: string) => string
  ) {}

  block(node: JsonNode, level: number): Paragraph[] {
    switch (node.type) {
      case 'heading': {
        const n = Number(String(node['tag'] ?? 'h1').slice(1)) || 1
        const heading = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6][Math.min(5, n - 1)]
        return [new Paragraph({ heading, children: this.inline(childrenOf(node), 0) })]
      }
      case 'quote':
        return [new Paragraph({ indent: { left: 720 }, children: this.inline(childrenOf(node), FORMAT.italic) })]
      case 'list':
        return childrenOf(node).flatMap((item) => {
          const nested = childrenOf(item).filter((c) => c.type === 'list')
          const own = childrenOf(item).filter((c) => c.type !== 'list')
          const paragraphs = own.length > 0 ? [new Paragraph({ ...(node['listType'] === 'number' ? { numbering: { reference: NUMBERED, level } } : { bullet: { level } }), children: this.inline(own, 0) })] : []
          return [...paragraphs, ...nested.flatMap((list) => this.block(list, Math.min(8, level + 1)))]
        })
      case 'code':
        return [new Paragraph({ children: childrenOf(node).map((c) => (c.type === 'linebreak' ? new TextRun({ break: 1 }) : new TextRun({ text: String(c['text'] ?? ''), font: 'Courier New' }))) })]
      case 'horizontalrule':
        return [new Paragraph({ thematicBreak: true, children: [] })]
      default:
        return [new Paragraph({ children: this.inline(childrenOf(node), 0) })]
    }
  }

  private inline(nodes: JsonNode[], inherited: number): ParagraphChild[] {
    const out: ParagraphChild[] = []
    for (const node of nodes) {
      switch (node.type) {
        case 'text':
          out.push(textRun(String(node['text'] ?? ''), Number(node['format'] ?? 0) | inherited))
          break
        case 'linebreak':
          out.push(new TextRun({ break: 1 }))
          break
        case 'tab':
          out.push(new TextRun({ text: '\t' }))
          break
        case 'link':
        case 'autolink': {
          const url = String(node['url'] ?? '')
          const children = this.inline(childrenOf(node), inherited) as TextRun[]
          out.push(/^(https?:|mailto:)/i.test(url) ? new ExternalHyperlink({ link: url, children }) : (children as unknown as ParagraphChild[])[0] ?? new TextRun(''))
          break
        }
        case 'paragraph-link':
          out.push(...(isValidParagraphLink(node) ? this.citation(node as unknown as SerializedParagraphLink) : [new TextRun('¶ (damaged citation)')]))
          break
        case 'note-link':
          if (isUsableNoteLink(node)) out.push(textRun(this.noteTitle(node.noteId, node.title), inherited))
          break
        default:
          out.push(...this.inline(childrenOf(node), inherited))
      }
    }
    return out
  }
}

function textRun(text: string, format: number): TextRun {
  return new TextRun({
    text,
    bold: !!(format & FORMAT.bold),
    italics: !!(format & FORMAT.italic),
    strike: !!(format & FORMAT.strikethrough),
    ...(format & FORMAT.underline ? { underline: {} } : {}),
    ...(format & FORMAT.code ? { font: 'Courier New' } : {})
  })
}

/** citeproc's HTML (`<i>Journal</i>, <b>3</b>`, `<sup>1</sup>`, entities) as Word runs. */
function htmlRuns(html: string): TextRun[] {
  const runs: TextRun[] = []
  let italic = 0
  let bold = 0
  let sup = 0
  for (const part of html.split(/(<\/?[a-z]+[^>]*>)/i)) {
    const tag = /^<(\/?)([a-z]+)/i.exec(part)
    if (tag) {
      const step = tag[1] ? -1 : 1
      const name = tag[2]!.toLowerCase()
      if (name === 'i' || name === 'em') italic += step
      else if (name === 'b' || name === 'strong') bold += step
      else if (name === 'sup') sup += step
      else if (name === 'div' && tag[1] && runs.length > 0) runs.push(new TextRun(' '))
      continue
    }
    const text = decodeEntities(part.replace(/\s+/g, ' '))
    if (text.trim() === '' && runs.length === 0) continue
    if (text) runs.push(new TextRun({ text, italics: italic > 0, bold: bold > 0, superScript: sup > 0 }))
  }
  return runs
}
