import { LexicalComposer } from '@lexical/react/LexicalComposer'
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { CheckListPlugin } from '@lexical/react/LexicalCheckListPlugin'
import { ClickableLinkPlugin } from '@lexical/react/LexicalClickableLinkPlugin'
import { ContentEditable } from '@lexical/react/LexicalContentEditable'
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary'
import { HistoryPlugin } from '@lexical/react/LexicalHistoryPlugin'
import { HorizontalRulePlugin } from '@lexical/react/LexicalHorizontalRulePlugin'
import { LinkPlugin } from '@lexical/react/LexicalLinkPlugin'
import { ListPlugin } from '@lexical/react/LexicalListPlugin'
import { MarkdownShortcutPlugin } from '@lexical/react/LexicalMarkdownShortcutPlugin'
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin'
import { TabIndentationPlugin } from '@lexical/react/LexicalTabIndentationPlugin'
import { TRANSFORMERS } from '@lexical/markdown'
import { $getRoot } from 'lexical'
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react'
import type { JsonText } from '../../../shared/json-text'
import type { SerializedEditorState } from '../../../shared/notes'
import type { CitationBus } from '../ui/citations'
import { ContentChangePlugin } from './ContentChangePlugin'
import { CaretSyncPlugin } from './CaretSyncPlugin'
import { ChipsPlugin } from './ChipsPlugin'
import { CitationPlugin } from './CitationPlugin'
import { RevealInNotePlugin, type RevealInNoteRequest } from './RevealInNotePlugin'
import { LEAVE_NOTE_HINT_ID, LeaveNotePlugin } from './LeaveNotePlugin'
import { NoteLinkPicker } from './NoteLinkPicker'
import { NoteLinksPlugin } from './NoteLinksPlugin'
import { ReferencesPanel } from './ReferencesPlugin'
import { NOTE_NODES, NOTE_THEME } from './editor-config'
import { toEditorState } from '../../../shared/opaque-content'
import { SafeLinksPlugin } from './SafeLinksPlugin'
import { SmartQuotesPlugin } from './SmartQuotesPlugin'
import { isSafeLinkUrl } from './safe-url'
import { Toolbar } from './Toolbar'
import { WindowingPlugin } from './WindowingPlugin'
import { registerRootNormalizer } from './root-normalizer'
import { WordCountPlugin } from './WordCountPlugin'
import type { RelayState } from './relay-provider'

/** Live co-editing (Yjs, Lexical's CollaborationPlugin): loaded only when a shared note opens. */
const SharedNotePlugin = lazy(() => import('./SharedNotePlugin'))

interface NoteEditorProps {
  /** The note's saved state; the editor is keyed by note, so this is read once. */
  initialState: SerializedEditorState
  /** Called on every change with a function that serializes the state (only when needed). */
  onChange(content: () => JsonText): void
  onBlur(): void
  /** The save status, shown in the editor's footer. */
  status: ReactNode
  /** Where citations from the reader arrive. */
  citations: CitationBus
  /** A citation or passage of this note to bring into view (from a backlink or a search hit). */
  reveal: RevealInNoteRequest | null
  /** Set when the note must not be edited (its file is read-only on disk). */
  readOnly: string | null
  /** The note cannot be shown in full: it is shown read-only and must never be saved over. */
  onUnreadable(reason: string): void
  /** Receives the function that puts the caret at the start of the note (Enter in the title). */
  focusStartRef?: { current: (() => void) | null }
  /** Straight quotes typed become curly (a setting, on by default). */
  smartQuotes?: boolean
  /** The note shown (`[[` does not offer it as a link to itself). */
  noteId?: string | null
  /**
   * Set for a note shared through a sync server: the editor holds its Yjs document, edited live
   * beside co-authors, and reports how its edits reach the notebook (instead of `onChange`).
   */
  shared?: { onState(state: RelayState): void } | null
}

/** The note editor: Lexical rich text with Markdown shortcuts, undo/redo, a toolbar and a word count. */
export function NoteEditor({ initialState, onChange, onBlur, status, citations, reveal, readOnly, onUnreadable, focusStartRef, smartQuotes = true, noteId = null, shared = null }: NoteEditorProps): ReactNode {
  // read once: the editor is keyed by note, and serializing a long note on every render is slow
  const [setup] = useState(() => {
    const prepared = toEditorState(initialState)
    // Lexical reports a node it cannot read to onError and goes on with what it read so far:
    // such a note is shown read-only, so the part it dropped is never saved over
    const problems: string[] = prepared.ok ? [] : [prepared.reason]
    let loading = true
    const onError = (error: Error): void => {
      console.error('Note editor error:', error)
      if (loading) problems.push(`This note cannot be shown in full (${error.message}). It is shown read-only and its file is left untouched.`)
    }
    const config = {
      namespace: 'pilcrow-note',
      nodes: NOTE_NODES,
      theme: NOTE_THEME,
      onError,
      editable: readOnly === null && prepared.ok && !shared,
      // a shared note's content comes from its Yjs document (CollaborationPlugin), never from here
      editorState: shared ? null : JSON.stringify(prepared.ok ? prepared.state : EMPTY_STATE)
    }
    const kept = prepared.ok ? prepared.kept : []
    return { config, problems, kept, loaded: () => (loading = false) }
  })
  useEffect(() => {
    setup.loaded()
    if (setup.problems[0]) onUnreadable(setup.problems[0])
    // once, for the note this editor was made for
  }, [])
  const kept = setup.kept
  // a shared note is editable once its document has arrived and is bound to the editor
  const [sharedReady, setSharedReady] = useState(false)
  return (
    <LexicalComposer initialConfig={setup.config}>
      <EditableWhen editable={readOnly === null && setup.problems.length === 0 && (!shared || sharedReady)} />
      {focusStartRef && <FocusStart handle={focusStartRef} />}
      {kept.length > 0 && (
        <p className="note-kept" role="status">
          {kept.length === 1 ? 'Part of this note' : `${kept.length} parts of this note`} cannot be shown by this version of Pilcrow ({[...new Set(kept.map((k) => k.reason))].join('; ')}).{' '}
          {kept.length === 1 ? 'It is' : 'They are'} kept as {kept.length === 1 ? 'it is' : 'they are'} and saved unchanged; you can edit around {kept.length === 1 ? 'it' : 'them'}.
        </p>
      )}
      <div className="note-editor">
        <Toolbar />
        <div className="note-scroll">
          <RichTextPlugin
            contentEditable={<ContentEditable className="note-content" ariaLabel="Note" aria-describedby={LEAVE_NOTE_HINT_ID} spellCheck onBlur={onBlur} />}
            placeholder={<div className="note-placeholder">Write your notes here. Type # for a heading, - for a list, &gt; for a quote.</div>}
            ErrorBoundary={LexicalErrorBoundary}
          />
        </div>
        <p id={LEAVE_NOTE_HINT_ID} hidden>
          Tab indents. Press Escape, then Tab or Shift+Tab, to leave the note.
        </p>
        <ReferencesPanel />
        <footer className="note-status">
          {status}
          <WordCountPlugin />
        </footer>
      </div>
      {shared && noteId ? (
        <Suspense fallback={null}>
          <SharedNotePlugin noteId={noteId} onState={shared.onState} onReady={() => setSharedReady(true)} />
        </Suspense>
      ) : (
        <ContentChangePlugin onChange={onChange} />
      )}
      <CaretSyncPlugin />
      {smartQuotes && <SmartQuotesPlugin />}
      <ChipsPlugin />
      <NoteLinksPlugin />
      <NoteLinkPicker noteId={noteId} />
      <CitationPlugin bus={citations} />
      <RevealInNotePlugin request={reveal} />
      <WindowingPlugin />
      <RootNormalizer />
      {/* a shared note's undo is Lexical's Yjs undo manager (its own edits only), in CollaborationPlugin */}
      {!shared && <HistoryPlugin />}
      <ListPlugin />
      <CheckListPlugin />
      <LinkPlugin validateUrl={isSafeLinkUrl} />
      <SafeLinksPlugin />
      <ClickableLinkPlugin newTab />
      <HorizontalRulePlugin />
      <TabIndentationPlugin />
      <LeaveNotePlugin />
      <MarkdownShortcutPlugin transformers={TRANSFORMERS} />
    </LexicalComposer>
  )
}

/** What the editor starts from when a note cannot be shown at all (it is then read-only). */
const EMPTY_STATE = { root: { type: 'root', version: 1, direction: null, format: '', indent: 0, children: [{ type: 'paragraph', version: 1, children: [], direction: null, format: '', indent: 0 }] } }

/** Lexical's check of the note's top level, made only when it changes (see root-normalizer.ts). */
function RootNormalizer(): null {
  const [editor] = useLexicalComposerContext()
  useEffect(() => registerRootNormalizer(editor), [editor])
  return null
}

/** Keeps the editor's editable flag in step with the note's (a note found unreadable, or read-only on disk). */
function EditableWhen({ editable }: { editable: boolean }): null {
  const [editor] = useLexicalComposerContext()
  useEffect(() => editor.setEditable(editable), [editor, editable])
  return null
}

/** Hands out a function that puts the caret at the very start of the note and focuses it. */
function FocusStart({ handle }: { handle: { current: (() => void) | null } }): null {
  const [editor] = useLexicalComposerContext()
  useEffect(() => {
    handle.current = () => {
      editor.update(() => $getRoot().selectStart())
      editor.focus()
    }
    return () => {
      handle.current = null
    }
  }, [editor, handle])
  return null
}
