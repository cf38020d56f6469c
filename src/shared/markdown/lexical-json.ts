/** The shapes of Lexical's serialized nodes that notes use (what `editorState.toJSON()` gives). */

export interface JsonNode {
  type: string
  version?: number
  children?: JsonNode[]
  [key: string]: unknown
}

/** A node's children that are nodes: files come from anywhere, and a child may be null, a number, or a list that is not one. */
export function childrenOf(node: { children?: unknown }): JsonNode[] {
  return Array.isArray(node.children) ? node.children.filter((c): c is JsonNode => typeof c === 'object' && c !== null && !Array.isArray(c)) : []
}

/** Lexical's text format bits. */
export const FORMAT = { bold: 1, italic: 2, strikethrough: 4, underline: 8, code: 16 } as const

export const text = (value: string, format = 0): JsonNode => ({ type: 'text', version: 1, text: value, format, detail: 0, mode: 'normal', style: '' })

const element = (type: string, children: JsonNode[], extra: Record<string, unknown> = {}): JsonNode => ({
  type,
  version: 1,
  children,
  direction: null,
  format: '',
  indent: 0,
  ...extra
})

export const paragraph = (children: JsonNode[]): JsonNode => element('paragraph', children, { textFormat: 0, textStyle: '' })
export const heading = (level: number, children: JsonNode[]): JsonNode => element('heading', children, { tag: `h${Math.min(6, Math.max(1, level))}` })
export const quote = (children: JsonNode[]): JsonNode => element('quote', children)
export const link = (url: string, children: JsonNode[]): JsonNode => element('link', children, { url, rel: null, target: null, title: null })
export const linebreak = (): JsonNode => ({ type: 'linebreak', version: 1 })
export const horizontalRule = (): JsonNode => ({ type: 'horizontalrule', version: 1 })
export const code = (value: string, language: string | null): JsonNode =>
  element(
    'code',
    value.split('\n').flatMap((line, i) => [...(i > 0 ? [linebreak()] : []), ...(line ? [{ ...text(line), type: 'code-highlight', highlightType: null }] : [])]),
    { language }
  )
export const list = (listType: 'bullet' | 'number' | 'check', start: number, items: JsonNode[]): JsonNode =>
  element('list', items, { listType, start, tag: listType === 'number' ? 'ol' : 'ul' })
export const listItem = (value: number, children: JsonNode[], checked?: boolean): JsonNode =>
  element('listitem', children, { value, ...(checked === undefined ? {} : { checked }) })
