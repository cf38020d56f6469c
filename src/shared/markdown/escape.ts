/** Characters that mean something in Markdown anywhere in a line (backslash-escaped in text). */
const INLINE_SPECIAL = /[\\`*_[\]<>#|~&]/g

/** Characters Pandoc's Markdown gives a meaning besides CommonMark's: `@key` citations, `^superscript^`. */
const PANDOC_SPECIAL = /[@^]/g

/**
 * Escapes text so Markdown shows it as written: every character with a meaning in inline
 * Markdown, and list, heading or rule markers at the start of a line; for Pandoc, its own too.
 */
export function escapeText(text: string, atLineStart: boolean, pandoc = false): string {
  let out = text.replace(INLINE_SPECIAL, '\\$&')
  if (pandoc) out = out.replace(PANDOC_SPECIAL, '\\$&')
  if (atLineStart) out = out.replace(/^(\s*)([-+=])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2')
  return out
}

/**
 * Keeps white space at the start of a block's text as text: four spaces or a tab would start an
 * indented code block, so the first becomes a character reference.
 */
export function keepLeadingSpace(markdown: string): string {
  return markdown.replace(/^[ \t]/, (c) => (c === ' ' ? '&#32;' : '&#9;'))
}

/** A code span that survives backticks inside it. */
export function codeSpan(code: string): string {
  const longest = Math.max(0, ...(code.match(/`+/g) ?? []).map((r) => r.length))
  const fence = '`'.repeat(longest + 1)
  // CommonMark strips one space from each end of a code span unless it is all spaces: pad to keep them
  const pad = /^ +$/.test(code) ? '' : code.startsWith('`') || code.endsWith('`') || /^ [\s\S]* $/.test(code) ? ' ' : ''
  return `${fence}${pad}${code}${pad}${fence}`
}

/** A link destination, in angle brackets when it has spaces or parentheses. */
export function linkDestination(url: string): string {
  return /[\s()<>]/.test(url) ? `<${url.replace(/[<>]/g, encodeURIComponent)}>` : url
}
