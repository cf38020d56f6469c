/** Where a `pilcrow://` link points. */
export type DeepLink = { kind: 'source'; sourceId: string; blockId: string | null } | { kind: 'note'; noteId: string }

const ID = /^[a-z0-9][a-z0-9-]{0,199}$/

/**
 * Parses `pilcrow://source/<sourceId>#<blockId>` and `pilcrow://note/<noteId>`. Anything else,
 * or any id that is not a plain id, gives null: the link is ignored.
 */
export function parseDeepLink(url: string): DeepLink | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol !== 'pilcrow:') return null
  const kind = parsed.hostname
  const id = decodeURIComponent(parsed.pathname.replace(/^\/+|\/+$/g, ''))
  if (!ID.test(id)) return null
  if (kind === 'source') {
    const block = decodeURIComponent(parsed.hash.slice(1))
    return { kind: 'source', sourceId: id, blockId: block && ID.test(block) ? block : null }
  }
  if (kind === 'note' && id.startsWith('n-')) return { kind: 'note', noteId: id }
  return null
}

/** The link to a paragraph of a source: `pilcrow://source/<sourceId>#<blockId>`. */
export function sourceDeepLink(sourceId: string, blockId: string): string {
  return `pilcrow://source/${encodeURIComponent(sourceId)}#${encodeURIComponent(blockId)}`
}
