import { stringify } from 'yaml'
import { blockRuns } from '../../../shared/block-runs'
import type { Block, Source } from '../../../shared/model'
import { escapeText } from '../../../shared/markdown/escape'

/** The anchor of a block in an exported source: `p6` for ¶6, the block id otherwise. */
export function blockAnchor(block: Block): string {
  return block.paragraph !== null ? `p${block.paragraph}` : block.id
}

function inline(block: Block): string {
  return blockRuns(block)
    .map((run) => {
      let md = run.marks?.includes('code') ? `\`${run.text}\`` : escapeText(run.text, false)
      if (run.marks?.includes('italic')) md = `*${md}*`
      if (run.marks?.includes('bold')) md = `**${md}**`
      if (run.href) md = `[${md}](${run.href})`
      return md
    })
    .join('')
}

/**
 * A source as Markdown that any viewer can link into. Every block starts with an HTML anchor
 * named like Obsidian's block links (`<a id="^p6"></a>`, so `file.md#^p6` lands on it in a
 * browser) and carries an Obsidian block id (`^p6`): at the end of a paragraph's or list item's
 * line, on a line of its own after a quote or callout (where Obsidian looks for it), and none on a
 * heading (Obsidian would show it as part of the heading). Pull quotes, author notes and
 * standfirsts are callouts, so Pilcrow's Markdown importer reads it back as the same source.
 */
export function sourceToMarkdown(source: Source): string {
  const { meta } = source
  const front = stringify({ title: meta.title, authors: meta.authors, date: meta.date, publisher: meta.publisher, container: meta.container, url: meta.url, citationKey: meta.citationKey, tags: meta.tags, pilcrowSource: source.id })
  const lines = [`---\n${front}---`, `# ${escapeText(meta.title, true)}`]
  for (const block of source.blocks) {
    const anchor = blockAnchor(block)
    const body = inline(block)
    const tag = `<a id="^${anchor}"></a>`
    switch (block.kind) {
      case 'heading':
        lines.push(`${'#'.repeat(Math.min(6, (block.level ?? 2) + (block.level === 1 ? 1 : 0)))} ${tag}${body}`)
        break
      case 'pullquote':
        lines.push(`> [!pullquote]\n> ${tag}${body}`, `^${anchor}`)
        break
      case 'quote':
        lines.push(`> ${tag}**¶${block.paragraph}** ${body}`, `^${anchor}`)
        break
      case 'listItem':
        lines.push(`${'  '.repeat(block.level ?? 0)}- ${tag}**¶${block.paragraph}** ${body} ^${anchor}`)
        break
      case 'authorNote':
      case 'standfirst':
      case 'figure':
        lines.push(`> [!${block.kind === 'authorNote' ? 'author-note' : block.kind}]\n> ${tag}${body}`, `^${anchor}`)
        break
      default:
        lines.push(`${tag}**¶${block.paragraph}** ${body} ^${anchor}`)
    }
  }
  return lines.join('\n\n') + '\n'
}
