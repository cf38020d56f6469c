import { decodeEntities } from '../html-entities'
import { escapeText } from './escape'

/** citeproc's HTML marks and their Markdown; other tags are dropped, keeping their text. */
const MARKS: Record<string, string> = { i: '*', em: '*', b: '**', strong: '**' }

/**
 * A citation or bibliography entry as citeproc writes it in HTML (`<i>Journal</i>, <b>3</b>`,
 * `&#38;`, IEEE's `<div class="csl-left-margin">[1]</div>`) as Markdown: italics and bold kept,
 * superscripts as `<sup>` (CommonMark passes it through), every other tag dropped, the words
 * escaped so none of them reads as Markdown.
 */
export function cslHtmlToMarkdown(html: string): string {
  let out = ''
  for (const part of html.split(/(<\/?[a-z]+[^>]*>)/i)) {
    const tag = /^<(\/?)([a-z]+)/i.exec(part)
    if (!tag) {
      out += escapeText(decodeEntities(part.replace(/\s+/g, ' ')), false)
      continue
    }
    const name = tag[2]!.toLowerCase()
    if (MARKS[name]) out += MARKS[name]
    else if (name === 'sup') out += tag[1] ? '</sup>' : '<sup>'
    // IEEE's and Nature's number sits in its own block before the entry: a space keeps them apart
    else if (name === 'div' && tag[1]) out += ' '
  }
  return out.replace(/\s+/g, ' ').trim()
}
