import { parse as parseYaml } from 'yaml'
import { PilcrowError } from '../../../shared/errors'

/** Splits `---\nYAML\n---\n` front matter from a Markdown body. */
export function splitFrontMatter(text: string, fileName: string): { data: Record<string, unknown>; body: string } {
  const match = /^---[ \t]*\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(text)
  if (!match) return { data: {}, body: text }
  let data: unknown
  try {
    data = parseYaml(match[1]!)
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : 'unreadable'
    throw new PilcrowError('unsupported-format', `${fileName}: the front matter is not valid YAML (${reason}).`)
  }
  if (data !== null && data !== undefined && (typeof data !== 'object' || Array.isArray(data))) {
    throw new PilcrowError('unsupported-format', `${fileName}: the front matter must be a YAML mapping of keys to values.`)
  }
  return { data: (data ?? {}) as Record<string, unknown>, body: text.slice(match[0].length) }
}
