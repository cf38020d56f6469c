import { LexicalComposer } from '@lexical/react/LexicalComposer'
import { CheckListPlugin } from '@lexical/react/LexicalCheckListPlugin'
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
import type { ReactNode } from 'react'
import { NOTE_NODES, NOTE_THEME } from './editor-config'
import { isSafeLinkUrl } from './safe-url'
import { Toolbar } from './Toolbar'
import { WordCountPlugin } from './WordCountPlugin'

function onError(error: Error): void {
  console.error('Note editor error:', error)
}

/** The note editor: Lexical rich text with Markdown shortcuts, undo/redo and a toolbar. */
export function NoteEditor(): ReactNode {
  return (
    <LexicalComposer initialConfig={{ namespace: 'pilcrow-note', nodes: NOTE_NODES, theme: NOTE_THEME, onError }}>
      <div className="note-editor">
        <Toolbar />
        <div className="note-scroll">
          <RichTextPlugin
            contentEditable={<ContentEditable className="note-content" ariaLabel="Note" spellCheck />}
            placeholder={<div className="note-placeholder">Write your notes here. Type # for a heading, - for a list, &gt; for a quote.</div>}
            ErrorBoundary={LexicalErrorBoundary}
          />
        </div>
        <footer className="note-status">
          <WordCountPlugin />
        </footer>
      </div>
      <HistoryPlugin />
      <ListPlugin />
      <CheckListPlugin />
      <LinkPlugin validateUrl={isSafeLinkUrl} />
      <HorizontalRulePlugin />
      <TabIndentationPlugin />
      <MarkdownShortcutPlugin transformers={TRANSFORMERS} />
    </LexicalComposer>
  )
}
