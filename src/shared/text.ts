/** Text normalisation shared by block ids, anchoring and search. */

/** NFC, LF line ends, collapsed white space, trimmed: what "the same words" means. */
export function normaliseText(text: string): string {
  return text.normalize('NFC').replace(/\r\n?/g, '\n').replace(/\s+/g, ' ').trim()
}

/** A URL-safe slug of at most `max` characters ("Russia and Iran – …" → "russia-and-iran"). */
export function slugify(text: string, max = 60): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  return slug.slice(0, max).replace(/-+$/, '') || 'untitled'
}
