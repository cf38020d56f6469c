import type { SerializedEditorState } from './notes'
import { allowedIn, contentDepth, extraFields, INLINE_HOSTS, isElementType, isKnownNodeType, MAX_NOTE_DEPTH, nodeProblem, tooDeepMessage, type KnownNodeType } from './note-nodes'

/** The node type standing in, inside the editor, for content it cannot show (the editor's `OpaqueNode`). */
export const OPAQUE_TYPE = 'pilcrow-opaque'

/** Where the fields of a known node that this build does not read travel through the editor (Lexical keeps unknown `$` state). */
const EXTRA_KEY = 'pilcrow:extra'

type Json = Record<string, unknown>

/** An opaque node as the editor stores it: the original node, untouched, and why it is kept aside. */
export interface SerializedOpaque {
  type: typeof OPAQUE_TYPE
  version: 1
  original: unknown
  reason: string
  inline: boolean
}

/** A note's content made safe for the editor, or why it cannot be shown at all. */
export type PreparedContent =
  | { ok: true; state: SerializedEditorState; kept: { reason: string }[] }
  | { ok: false; reason: string }

/**
 * Makes a note's stored content safe to hand to Lexical: every node this build does not know,
 * every node with a missing or wrong field, and every node standing where it may not stand, is
 * replaced by an opaque node that carries it untouched (Lexical would otherwise drop it, and
 * everything after it, while parsing). `fromEditorState` puts them all back, so a save after an
 * edit elsewhere writes them as they were.
 */
export function toEditorState(content: SerializedEditorState): PreparedContent {
  if (contentDepth(content.root) > MAX_NOTE_DEPTH) return { ok: false, reason: `This note cannot be shown: ${tooDeepMessage()}.` }
  const kept: { reason: string }[] = []
  const stored = content.root as Json
  const children = stored['children']
  const root: Json = { type: 'root', version: 1, direction: null, format: '', indent: 0, children: [] }
  withExtras(root, stored['$'], Object.fromEntries(extraFields(stored, 'root').map((key) => [key, stored[key]])))
  const blocks = (Array.isArray(children) ? children : []).map((child) => prepareChild(child, 'root', kept)!)
  // Lexical refuses an empty root: a note with nothing in it starts with one empty paragraph
  root['children'] = blocks.length > 0 ? blocks : [{ type: 'paragraph', version: 1, children: [], direction: null, format: '', indent: 0 }]
  return { ok: true, state: { ...content, root: root as SerializedEditorState['root'] }, kept }
}

/**
 * The child as the editor takes it; kept aside in an opaque node when it cannot be taken as it
 * is and `parent` can hold one there; null when it cannot, so the caller keeps `parent` aside whole.
 */
function prepareChild(node: unknown, parent: KnownNodeType, kept: { reason: string }[]): Json | null {
  const type = (node as Json | null)?.['type']
  const problem = nodeProblem(node) ?? (isKnownNodeType(type) && !allowedIn(parent, type) ? `a ${type} cannot stand inside a ${parent}` : null)
  const prepared = problem === null ? prepareKnown(node as Json, type as KnownNodeType, kept) : null
  if (prepared !== null) return prepared
  const reason = problem ?? `a ${String(type)} holds content that cannot stand where it is`
  if (parent === 'root') return opaque(node, reason, false, kept)
  if (INLINE_HOSTS.has(parent)) return opaque(node, reason, true, kept)
  return null // a list, a code block or a link holds only its own kinds
}

/**
 * A valid node for the editor, its children prepared; null when a child cannot stand in it. The
 * same object when nothing in it changes (a long note is not copied to be opened).
 */
function prepareKnown(source: Json, type: KnownNodeType, kept: { reason: string }[]): Json | null {
  let children: Json[] | null = null
  if (isElementType(type)) {
    const list = source['children'] as Json[]
    const before = kept.length
    for (let i = 0; i < list.length; i++) {
      const prepared = prepareChild(list[i], type, kept)
      if (prepared === null) {
        kept.length = before // the whole node is kept aside instead of its parts
        return null
      }
      if (prepared !== list[i]) (children ??= list.slice())[i] = prepared
    }
  }
  const extras = extraFields(source, type).filter((key) => source[key] !== undefined)
  if (extras.length === 0 && !children) return source
  const copy: Json = { ...source }
  for (const key of extras) delete copy[key]
  delete copy['$']
  withExtras(copy, source['$'], Object.fromEntries(extras.map((key) => [key, source[key]])))
  if (children) copy['children'] = children
  return copy
}

/** Adds the node's NodeState (`$`) and the fields this build does not read, kept under one state key. */
function withExtras(target: Json, state: unknown, extras: Json): void {
  const $ = typeof state === 'object' && state !== null && !Array.isArray(state) ? { ...(state as Json) } : {}
  if (Object.keys(extras).length > 0) $[EXTRA_KEY] = extras
  if (Object.keys($).length > 0) target['$'] = $
}

function opaque(original: unknown, reason: string, inline: boolean, kept: { reason: string }[]): Json {
  kept.push({ reason })
  const node: SerializedOpaque = { type: OPAQUE_TYPE, version: 1, original, reason, inline }
  return node as unknown as Json
}

/**
 * The editor's state as it is stored: opaque nodes give back the nodes they carry, and the
 * fields this build does not read go back onto their nodes.
 */
export function fromEditorState(state: SerializedEditorState): SerializedEditorState {
  return { ...state, root: restore(state.root) as SerializedEditorState['root'] }
}

/** The node as stored; the same object when nothing in it was kept aside (no copy of a long note per save). */
function restore(node: unknown): unknown {
  if (typeof node !== 'object' || node === null) return node
  const json = node as Json
  if (json['type'] === OPAQUE_TYPE) return (json as unknown as SerializedOpaque).original
  const state = json['$'] as Json | undefined
  const extras = state?.[EXTRA_KEY] as Json | undefined
  const children = json['children']
  let restoredChildren: unknown[] | null = null
  if (Array.isArray(children)) {
    for (let i = 0; i < children.length; i++) {
      const child = restore(children[i])
      if (child !== children[i]) (restoredChildren ??= children.slice())[i] = child
    }
  }
  if (!extras && !restoredChildren) return node
  const out: Json = { ...json }
  if (extras) {
    const { [EXTRA_KEY]: _extras, ...rest } = state!
    if (Object.keys(rest).length > 0) out['$'] = rest
    else delete out['$']
    Object.assign(out, extras)
  }
  if (restoredChildren) out['children'] = restoredChildren
  return out
}

/** Words of a node kept aside, for its placeholder and plain-text copies. */
export function textOf(node: unknown, limit = 2000): string {
  let text = ''
  const stack: unknown[] = [node]
  while (stack.length > 0 && text.length < limit) {
    const next = stack.pop()
    if (typeof next !== 'object' || next === null) continue
    const json = next as Json
    if (typeof json['text'] === 'string') text += json['text']
    const children = json['children']
    if (Array.isArray(children)) for (let i = children.length - 1; i >= 0; i--) stack.push(children[i])
  }
  return text.slice(0, limit)
}
