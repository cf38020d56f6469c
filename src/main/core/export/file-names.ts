/** Names Windows reserves for devices, whatever the extension. */
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i
const MAX_NAME = 100

/**
 * A file name for `title` that is valid on Windows, macOS and Linux and not in `taken`
 * (compared case-insensitively): unsafe characters, and those that break links to it, become `-`, reserved names get a `_`, long
 * titles are cut, empty ones become "Untitled", duplicates get " (2)", " (3)"…
 */
export function safeFileName(title: string, extension: string, taken: Set<string>): string {
  let base = title
    .normalize('NFC')
    // unsafe on some system, or breaking a link to the file (# starts a fragment; [ ] ^ % mean Markdown or URL escapes)
    .replace(/[/\\:*?"<>|#[\]^%\u0000-\u001f\u007f]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, '')
  if (base === '') base = 'Untitled'
  if (RESERVED.test(base)) base = `_${base}`
  base = [...base].slice(0, MAX_NAME).join('').trim()
  let name = `${base}${extension}`
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base} (${n})${extension}`
  taken.add(name.toLowerCase())
  return name
}
