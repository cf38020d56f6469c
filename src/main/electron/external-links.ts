/** Protocols the OS may open for us; everything else (file:, javascript:, smb:, custom) is refused. */
const EXTERNAL_PROTOCOLS = new Set(['http:', 'https:', 'mailto:'])

/** Parses `url` and returns it normalised if it may be handed to the OS, else null. */
export function safeExternalUrl(url: unknown): string | null {
  if (typeof url !== 'string' || url.length > 4096) return null
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (!EXTERNAL_PROTOCOLS.has(parsed.protocol)) return null
  if (parsed.protocol !== 'mailto:' && !parsed.hostname) return null
  return parsed.href
}
