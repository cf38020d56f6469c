/**
 * JSON written already, to go into a larger JSON text as it is: a long note's content, which its
 * editor keeps serialized block by block, so a save does not write 10,000 blocks again for the
 * one that changed. Only `stringifyWithJsonText` knows it; a transport that clones values
 * (Electron's IPC) reads it back first (`parseJsonText`).
 */
export class JsonText {
  constructor(readonly text: string) {}
}

/** `JSON.stringify(value)`, with every `JsonText` inside written as the JSON it holds. */
export function stringifyWithJsonText(value: unknown): string {
  const texts: string[] = []
  // a mark no string of the value can be: it holds a character JSON.stringify escapes, and a random part
  const mark = `\u0000json-text-${Math.random().toString(36).slice(2)}:`
  const written = JSON.stringify(value, (_key, item: unknown) => (item instanceof JsonText ? `${mark}${texts.push(item.text) - 1}` : item))
  if (texts.length === 0) return written
  const escapedMark = JSON.stringify(mark).slice(1, -1)
  let out = ''
  let from = 0
  texts.forEach((text, i) => {
    const placeholder = `"${escapedMark}${i}"`
    const at = written.indexOf(placeholder, from)
    out += written.slice(from, at) + text
    from = at + placeholder.length
  })
  return out + written.slice(from)
}

/** The value a `JsonText` holds, or the value itself. */
export function parseJsonText<T>(value: T | JsonText): T {
  return value instanceof JsonText ? (JSON.parse(value.text) as T) : value
}
