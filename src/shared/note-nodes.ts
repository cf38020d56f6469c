// zod's tree-shakable build: the editor's bundle carries only the checks used here
import * as z from 'zod/mini'
import { PARAGRAPH_LINK_TYPE } from './links'
import { NOTE_ID, NOTE_LINK_TYPE } from './note-links'

/**
 * The nodes a note may hold, as this build knows them: the fields each must have (with the types
 * Lexical's `importJSON` needs) and where each may stand. Everything that reads a note file
 * checks it against these before trusting it: the editor (which keeps what it cannot show as
 * opaque blocks, see `editor/opaque-content.ts`), the Markdown export, and the core (depth).
 */

/** Notes nested deeper than this are not read (a list indented 40 times is 82 levels deep). */
export const MAX_NOTE_DEPTH = 100

const direction = z.optional(z.nullable(z.enum(['ltr', 'rtl'])))
const elementFormat = z.optional(z.union([z.enum(['', 'left', 'start', 'center', 'right', 'end', 'justify']), z.int().check(z.minimum(0), z.maximum(7))]))
const element = {
  children: z.array(z.unknown()),
  direction,
  format: elementFormat,
  indent: z.optional(z.int().check(z.minimum(0), z.maximum(MAX_NOTE_DEPTH))),
  textFormat: z.optional(z.int().check(z.minimum(0))),
  textStyle: z.optional(z.string())
}
const textFields = {
  text: z.string(),
  format: z.optional(z.int().check(z.minimum(0), z.maximum(0xffff))),
  detail: z.optional(z.int().check(z.minimum(0), z.maximum(0xff))),
  mode: z.optional(z.enum(['normal', 'token', 'segmented'])),
  style: z.optional(z.string())
}
const linkFields = {
  ...element,
  url: z.string(),
  rel: z.optional(z.nullable(z.string())),
  target: z.optional(z.nullable(z.string())),
  title: z.optional(z.nullable(z.string()))
}

/** A paragraph link's anchor (see `anchors.ts`). */
export const anchorSchema = z.object({
  sourceId: z.string().check(z.minLength(1), z.maxLength(200)),
  blockId: z.string().check(z.minLength(1), z.maxLength(200)),
  quote: z.object({ exact: z.string(), prefix: z.string(), suffix: z.string() }),
  range: z.optional(z.object({ start: z.int().check(z.minimum(0)), end: z.int().check(z.minimum(0)) })),
  paragraph: z.nullable(z.int().check(z.minimum(0)))
})

/** Shared fields every serialized node may carry. */
const COMMON_FIELDS = new Set(['type', 'version', '$'])

const NODE_SCHEMAS = {
  root: z.object(element),
  paragraph: z.object(element),
  heading: z.object({ ...element, tag: z.enum(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']) }),
  quote: z.object(element),
  list: z.object({ ...element, listType: z.enum(['bullet', 'number', 'check']), start: z.optional(z.int()), tag: z.optional(z.enum(['ul', 'ol'])) }),
  listitem: z.object({ ...element, value: z.optional(z.int()), checked: z.optional(z.boolean()) }),
  code: z.object({ ...element, language: z.optional(z.nullable(z.string().check(z.maxLength(100)))) }),
  'code-highlight': z.object({ ...textFields, highlightType: z.optional(z.nullable(z.string())) }),
  link: z.object(linkFields),
  autolink: z.object({ ...linkFields, isUnlinked: z.optional(z.boolean()) }),
  text: z.object(textFields),
  tab: z.object({ ...textFields, text: z.literal('\t') }),
  linebreak: z.object({}),
  horizontalrule: z.object({}),
  [PARAGRAPH_LINK_TYPE]: z.object({ anchor: anchorSchema, sourceTitle: z.string().check(z.maxLength(2000)) }),
  [NOTE_LINK_TYPE]: z.object({ noteId: z.string().check(z.maxLength(200), z.regex(NOTE_ID)), title: z.string().check(z.maxLength(2000)) })
} as const satisfies Record<string, z.ZodMiniObject>

export type KnownNodeType = keyof typeof NODE_SCHEMAS

const BLOCKS = new Set<string>(['paragraph', 'heading', 'quote', 'list', 'code', 'horizontalrule'])
const INLINES = new Set<string>(['text', 'linebreak', 'tab', 'link', 'autolink', PARAGRAPH_LINK_TYPE, NOTE_LINK_TYPE])

/** Which children each element may hold. */
const ALLOWED_CHILDREN: Partial<Record<KnownNodeType, Set<string>>> = {
  root: BLOCKS,
  paragraph: INLINES,
  heading: INLINES,
  quote: INLINES,
  list: new Set(['listitem']),
  listitem: new Set([...INLINES, 'list']),
  code: new Set(['text', 'code-highlight', 'linebreak', 'tab']),
  link: new Set(['text', 'linebreak', 'tab']),
  autolink: new Set(['text', 'linebreak', 'tab'])
}

/** Elements whose children are inline: an opaque node there must be inline too. */
export const INLINE_HOSTS = new Set<string>(['paragraph', 'heading', 'quote', 'listitem'])

export function isKnownNodeType(type: unknown): type is KnownNodeType {
  return typeof type === 'string' && Object.hasOwn(NODE_SCHEMAS, type)
}

export function isElementType(type: KnownNodeType): boolean {
  return Object.hasOwn(ALLOWED_CHILDREN, type)
}

/**
 * Why this node cannot be trusted as it is, looking at its own fields only (children are
 * checked one by one by the caller): an unknown type, a missing or wrong field. Null when it is fine.
 */
export function nodeProblem(node: unknown): string | null {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return 'it is not a node'
  const type = (node as { type?: unknown }).type
  if (typeof type !== 'string') return 'it has no type'
  if (!isKnownNodeType(type)) return `this version of Pilcrow does not know “${type.slice(0, 40)}” content`
  // the two kinds a long note is made of, checked by hand: a schema per node cost 30–80 ms for 10,000 paragraphs
  if (type === 'text' ? isPlainText(node as Record<string, unknown>) : type === 'paragraph' && isPlainParagraph(node as Record<string, unknown>)) return null
  const parsed = NODE_SCHEMAS[type].safeParse(node)
  if (parsed.success) return null
  const field = parsed.error.issues[0]?.path.join('.') || 'node'
  return `${type === PARAGRAPH_LINK_TYPE ? 'a citation' : type === NOTE_LINK_TYPE ? 'a link to a note' : `a ${type}`} is damaged (its ${field} is missing or wrong)`
}

const isCount = (v: unknown, max: number): boolean => v === undefined || (Number.isInteger(v) && (v as number) >= 0 && (v as number) <= max)
const isOptionalString = (v: unknown): boolean => v === undefined || typeof v === 'string'
const ELEMENT_FORMATS = new Set(['', 'left', 'start', 'center', 'right', 'end', 'justify'])

/** A text node as Lexical writes it (the same rules as its schema; anything else goes to the schema). */
function isPlainText(n: Record<string, unknown>): boolean {
  return typeof n['text'] === 'string' && isCount(n['format'], 0xffff) && isCount(n['detail'], 0xff) && (n['mode'] === undefined || n['mode'] === 'normal' || n['mode'] === 'token' || n['mode'] === 'segmented') && isOptionalString(n['style'])
}

/** A paragraph as Lexical writes it (the same rules as its schema). */
function isPlainParagraph(n: Record<string, unknown>): boolean {
  const format = n['format']
  return (
    Array.isArray(n['children']) &&
    (n['direction'] === undefined || n['direction'] === null || n['direction'] === 'ltr' || n['direction'] === 'rtl') &&
    (format === undefined || (typeof format === 'string' ? ELEMENT_FORMATS.has(format) : isCount(format, 7))) &&
    isCount(n['indent'], MAX_NOTE_DEPTH) &&
    isCount(n['textFormat'], Number.MAX_SAFE_INTEGER) &&
    isOptionalString(n['textStyle'])
  )
}

/** Whether `child` may stand inside `parent` (both known types). */
export function allowedIn(parent: KnownNodeType, child: KnownNodeType): boolean {
  return ALLOWED_CHILDREN[parent]?.has(child) ?? false
}

/** The fields of a known node this build does not read (a newer version's additions): kept, not dropped. */
export function extraFields(node: Record<string, unknown>, type: KnownNodeType): string[] {
  const known = KNOWN_FIELDS[type]
  let extras: string[] | null = null
  for (const key in node) if (!COMMON_FIELDS.has(key) && !known.has(key)) (extras ??= []).push(key)
  return extras ?? NONE
}

const NONE: string[] = []
const KNOWN_FIELDS = Object.fromEntries(Object.entries(NODE_SCHEMAS).map(([type, schema]) => [type, new Set(Object.keys(schema.shape))])) as Record<KnownNodeType, Set<string>>

/** Whether a serialized paragraph link carries a usable anchor. */
export function isValidParagraphLink(node: unknown): boolean {
  return nodeProblem(node) === null && (node as { type?: unknown }).type === PARAGRAPH_LINK_TYPE
}

/**
 * How deeply the content nests (the root is level 1), counted without recursion so a hostile
 * file cannot overflow the stack. Stops counting past `limit`.
 */
export function contentDepth(root: unknown, limit = MAX_NOTE_DEPTH): number {
  let deepest = 0
  const stack: [unknown, number][] = [[root, 1]]
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!
    if (depth > deepest) deepest = depth
    if (deepest > limit) return deepest
    const children = (node as { children?: unknown } | null)?.children
    if (Array.isArray(children)) for (const child of children) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1])
  }
  return deepest
}

/** The message for content nested too deeply. */
export function tooDeepMessage(): string {
  return `its content is nested more than ${MAX_NOTE_DEPTH} levels deep, deeper than Pilcrow reads`
}
