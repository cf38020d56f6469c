import { LexicalComposer } from '@lexical/react/LexicalComposer'
import { CheckListPlugin } from '@lexical/react/LexicalCheckListPlugin'
import { ClickableLinkPlugin } from '@lexical/react/LexicalClickableLinkPlugin'
import { ContentEditable } from '@lexical/react/LexicalContentEditable'
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary'
import { HistoryPlugin } from '@lexical/react/LexicalHistoryPlugin'
import { HorizontalRulePlugin } from '@lexical/react/LexicalHorizontalRulePlugin'
import { LinkPlugin } from '@lexical/react/LexicalLinkPlugin'
import { ListPlugin } from '@lexical/react/LexicalListPlugin'
import { MarkdownShortcutPlugin } from '@lexical/react/LexicalMarkdownShortcutPlugin'
import { OnChangePlugin } from '@lexical/react/LexicalOnChangePlugin'
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin'
import { TabIndentationPlugin } from '@lexical/react/LexicalTabIndentationPlugin'
import { TRANSFORMERS } from '@lexical/markdown'
import { useState, type ReactNode } from 'react'
import type { SerializedEditorState } from '../../../shared/notes'
import type { CitationBus } from '../app/citations'
import { CaretSyncPlugin } from './CaretSyncPlugin'
import { ChipsPlugin } from './ChipsPlugin'
import { CitationPlugin } from './CitationPlugin'
import { RevealInNotePlugin, type RevealInNoteRequest } from './RevealInNotePlugin'
import { LEAVE_NOTE_HINT_ID, LeaveNotePlugin } from './LeaveNotePlugin'
import { ReferencesPanel } from './ReferencesPlugin'
import { NOTE_NODES, NOTE_THEME } from './editor-config'
import { SafeLinksPlugin } from './SafeLinksPlugin'
import { isSafeLinkUrl } from './safe-url'
import { Toolbar } from './Toolbar'
import { WindowingPlugin } from './WindowingPlugin'
import { WordCountPlugin } from './WordCountPlugin'

function onError(error: Error): void {
  console.error('Note editor error:', error)
}

interface NoteEditorProps {
  /** The note's saved state; the editor is keyed by note, so this is read once. */
  initialState: SerializedEditorState
  /** Called on every change with a function that serializes the state (only when needed). */
  onChange(content: () => SerializedEditorState): void
  onBlur(): void
  /** The save status, shown in the editor's footer. */
  status: ReactNode
  /** Where citations from the reader arrive. */
  citations: CitationBus
  /** A citation or passage of this note to bring into view (from a backlink or a search hit). */
  reveal: RevealInNoteRequest | null
}

/** The note editor: Lexical rich text with Markdown shortcuts, undo/redo, a toolbar and a word count. */
export function NoteEditor({ initialState, onChange, onBlur, status, citations, reveal }: NoteEditorProps): ReactNode {
  // read once: the editor is keyed by note, and serializing a long note on every render is slow
  const [initialConfig] = useState(() => ({ namespace: 'pilcrow-note', nodes: NOTE_NODES, theme: NOTE_THEME, onError, editorState: JSON.stringify(initialState) }))
  return (
    <LexicalComposer initialConfig={initialConfig}>
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
      <OnChangePlugin ignoreSelectionChange ignoreHistoryMergeTagChange onChange={(state) => onChange(() => state.toJSON() as unknown as SerializedEditorState)} />
      <CaretSyncPlugin />
      <ChipsPlugin />
      <CitationPlugin bus={citations} />
      <RevealInNotePlugin request={reveal} />
      <WindowingPlugin />
      <HistoryPlugin />
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
