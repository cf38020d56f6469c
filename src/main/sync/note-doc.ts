import { createYjsBinding, syncLexicalUpdateToYjs, syncYjsChangesToLexical, type Binding, type Provider } from '@lexical/yjs'
import type { LexicalEditor, SerializedLexicalNode } from 'lexical'
import * as Y from 'yjs'
import type { SerializedEditorState } from '../../shared/notes'
import { fromEditorState, toEditorState } from '../../shared/opaque-content'
import { createHeadlessNoteEditor } from './note-schema'
import { $reconcileContent } from './reconcile'

/** The fields of a note besides its content, kept in its document's `meta` map (last writer wins). */
export interface NoteMeta {
  title: string
  createdAt: string
  updatedAt: string
  trashedAt: string | null
}

/** Lexical's binding asks a provider for presence; a headless editor has none to show. */
const NO_PRESENCE: Provider = {
  awareness: { getLocalState: () => null, getStates: () => new Map(), on: () => undefined, off: () => undefined, setLocalState: () => undefined, setLocalStateField: () => undefined },
  connect: () => undefined,
  disconnect: () => undefined,
  on: () => undefined,
  off: () => undefined
}

type Json = SerializedLexicalNode & { children?: Json[] }

/**
 * A note as a Yjs document, with a headless Lexical editor bound to it by `@lexical/yjs` exactly
 * as the window's editor is: the content is Lexical's Yjs tree (shared type `root`), the title,
 * times and trash state the `meta` map. What arrives from a peer is read as Lexical JSON (for the
 * note file that search, export and the CLI read), and JSON from elsewhere is written in as edits.
 */
export class NoteDoc {
  readonly doc: Y.Doc
  private readonly editor: LexicalEditor
  private readonly binding: Binding

  /** A note document holding `state` (a Yjs update), or empty. */
  constructor(state: Uint8Array | null = null, doc = new Y.Doc()) {
    this.doc = doc
    this.editor = createHeadlessNoteEditor()
    // bound before anything arrives (as CollaborationPlugin binds before it connects): the editor
    // learns the document from the changes it observes
    this.binding = createYjsBinding({ doc, docMap: new Map([['note', doc]]), editor: this.editor, id: 'note' })
    this.binding.root.getSharedType().observeDeep((events, transaction) => {
      if (transaction.origin !== this.binding) syncYjsChangesToLexical(this.binding, NO_PRESENCE, events, false)
    })
    this.editor.registerUpdateListener(({ prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags }) => {
      if (tags.has('collaboration') || tags.has('historic')) return
      syncLexicalUpdateToYjs(this.binding, NO_PRESENCE, prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags)
    })
    if (state) Y.applyUpdate(doc, state)
  }

  get meta(): Y.Map<unknown> {
    return this.doc.getMap('meta')
  }

  readMeta(): NoteMeta | null {
    const m = this.meta
    const title = m.get('title')
    const createdAt = m.get('createdAt')
    const updatedAt = m.get('updatedAt')
    const trashedAt = m.get('trashedAt') ?? null
    if (typeof title !== 'string' || typeof createdAt !== 'string' || typeof updatedAt !== 'string' || (trashedAt !== null && typeof trashedAt !== 'string')) return null
    return { title, createdAt, updatedAt, trashedAt }
  }

  /** Sets the fields that differ, in one transaction. */
  writeMeta(meta: NoteMeta, origin: unknown = null): void {
    const m = this.meta
    this.doc.transact(() => {
      for (const [key, value] of Object.entries(meta)) if (m.get(key) !== value) m.set(key, value)
    }, origin)
  }

  /** The content as Lexical JSON, canonical (as the editor exports it). */
  private editorJson(): Json {
    return this.editor.read(() => this.editor.getEditorState().toJSON().root) as unknown as Json
  }

  /** Whether a Yjs transaction's origin is this document's own editor (a `setContent`). */
  isOwnEdit(origin: unknown): boolean {
    return origin === this.binding
  }

  /** Whether the content is `content`, field for field as Lexical reads it. */
  sameContent(content: SerializedEditorState): boolean {
    return JSON.stringify(canonical(content)) === JSON.stringify(this.editorJson())
  }

  /** Whether nothing has been written into the content yet. */
  isEmpty(): boolean {
    return this.binding.root.getSharedType().length === 0
  }

  /** The content as a note file stores it. */
  content(): SerializedEditorState {
    return fromEditorState({ root: this.editorJson() as unknown as SerializedEditorState['root'] })
  }

  /**
   * Writes `content` in as the smallest edits that turn the document's content into it (see
   * `$reconcileContent`); nothing when it is the same.
   */
  setContent(content: SerializedEditorState): void {
    const wanted = canonical(content)
    const current = this.editorJson()
    if (JSON.stringify(current) === JSON.stringify(wanted)) return
    this.editor.update(() => $reconcileContent(current, wanted), { discrete: true })
  }

  destroy(): void {
    this.doc.destroy()
  }
}

/**
 * The JSON Lexical itself exports for `content`: a stored note made safe by `toEditorState` (its
 * unknown nodes kept aside whole), loaded into a scratch editor and exported again, so it compares
 * field for field with what the bound editor exports.
 */
export function canonical(content: SerializedEditorState): Json {
  const prepared = toEditorState(content)
  if (!prepared.ok) throw new Error(prepared.reason)
  const scratch = createHeadlessNoteEditor()
  scratch.setEditorState(scratch.parseEditorState(JSON.stringify(prepared.state)))
  return scratch.getEditorState().toJSON().root as unknown as Json
}
