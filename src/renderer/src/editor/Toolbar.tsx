import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { INSERT_ORDERED_LIST_COMMAND, INSERT_UNORDERED_LIST_COMMAND, INSERT_CHECK_LIST_COMMAND } from '@lexical/list'
import { $createCodeNode } from '@lexical/code'
import { INSERT_HORIZONTAL_RULE_COMMAND } from '@lexical/react/LexicalHorizontalRuleNode'
import { $createHeadingNode, $createQuoteNode } from '@lexical/rich-text'
import { $setBlocksType } from '@lexical/selection'
import { mergeRegister } from '@lexical/utils'
import {
  $createParagraphNode,
  $getSelection,
  $isRangeSelection,
  CAN_REDO_COMMAND,
  CAN_UNDO_COMMAND,
  COMMAND_PRIORITY_LOW,
  FORMAT_TEXT_COMMAND,
  REDO_COMMAND,
  UNDO_COMMAND,
  type ElementNode,
  type TextFormatType
} from 'lexical'
import { useEffect, useState, type ReactNode } from 'react'
import { LinkButton } from './LinkButton'

const MOD = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl+'

const TEXT_FORMATS: { format: TextFormatType; label: string; glyph: string; keys: string }[] = [
  { format: 'bold', label: 'Bold', glyph: 'B', keys: `${MOD}B` },
  { format: 'italic', label: 'Italic', glyph: 'I', keys: `${MOD}I` },
  { format: 'underline', label: 'Underline', glyph: 'U', keys: `${MOD}U` },
  { format: 'strikethrough', label: 'Strikethrough', glyph: 'S', keys: '' },
  { format: 'code', label: 'Inline code', glyph: '</>', keys: '' }
]

/** Block styles, as the "Style" menu offers them; each also has a Markdown shortcut. */
const BLOCK_TYPES: Record<string, { label: string; make: () => ElementNode }> = {
  paragraph: { label: 'Paragraph', make: () => $createParagraphNode() },
  h1: { label: 'Heading 1  (# )', make: () => $createHeadingNode('h1') },
  h2: { label: 'Heading 2  (## )', make: () => $createHeadingNode('h2') },
  h3: { label: 'Heading 3  (### )', make: () => $createHeadingNode('h3') },
  quote: { label: 'Block quote  (> )', make: () => $createQuoteNode() },
  code: { label: 'Code block  (``` )', make: () => $createCodeNode() }
}

/** The note's formatting toolbar: the same commands as the keyboard shortcuts. */
export function Toolbar(): ReactNode {
  const [editor] = useLexicalComposerContext()
  const [canUndo, setCanUndo] = useState(false)
  const [canRedo, setCanRedo] = useState(false)
  const [active, setActive] = useState<Set<TextFormatType>>(new Set())

  useEffect(
    () =>
      mergeRegister(
        editor.registerCommand(CAN_UNDO_COMMAND, (can) => (setCanUndo(can), false), COMMAND_PRIORITY_LOW),
        editor.registerCommand(CAN_REDO_COMMAND, (can) => (setCanRedo(can), false), COMMAND_PRIORITY_LOW),
        editor.registerUpdateListener(({ editorState }) =>
          editorState.read(() => {
            const selection = $getSelection()
            if (!$isRangeSelection(selection)) return
            const next = TEXT_FORMATS.map((f) => f.format).filter((f) => selection.hasFormat(f))
            // the same set keeps the same state: no re-render (and no React commit) on every keystroke
            setActive((current) => (current.size === next.length && next.every((f) => current.has(f)) ? current : new Set(next)))
          })
        )
      ),
    [editor]
  )

  const setBlock = (make: () => ElementNode): void =>
    editor.update(() => {
      const selection = $getSelection()
      if ($isRangeSelection(selection)) $setBlocksType(selection, make)
    })

  const chooseBlockType = (key: string): void => {
    const type = BLOCK_TYPES[key]
    if (type) setBlock(type.make)
    editor.focus()
  }

  return (
    <div className="toolbar" role="toolbar" aria-label="Formatting">
      <button type="button" onClick={() => editor.dispatchCommand(UNDO_COMMAND, undefined)} disabled={!canUndo} aria-label="Undo" title={`Undo (${MOD}Z)`}>
        ↶
      </button>
      <button type="button" onClick={() => editor.dispatchCommand(REDO_COMMAND, undefined)} disabled={!canRedo} aria-label="Redo" title={`Redo (${MOD}Shift+Z)`}>
        ↷
      </button>
      <span className="toolbar-sep" aria-hidden="true" />
      {TEXT_FORMATS.map(({ format, label, glyph, keys }) => (
        <button
          key={format}
          type="button"
          className={`fmt-${format}`}
          aria-label={label}
          aria-pressed={active.has(format)}
          title={keys ? `${label} (${keys})` : label}
          onClick={() => editor.dispatchCommand(FORMAT_TEXT_COMMAND, format)}
        >
          {glyph}
        </button>
      ))}
      <span className="toolbar-sep" aria-hidden="true" />
      <select aria-label="Block type" title="Block type" value="" onChange={(e) => chooseBlockType(e.target.value)}>
        <option value="" disabled>
          Style
        </option>
        {Object.entries(BLOCK_TYPES).map(([key, { label }]) => (
          <option key={key} value={key}>
            {label}
          </option>
        ))}
      </select>
      <button type="button" aria-label="Bulleted list" title="Bulleted list (type - and a space)" onClick={() => editor.dispatchCommand(INSERT_UNORDERED_LIST_COMMAND, undefined)}>
        •≡
      </button>
      <button type="button" aria-label="Numbered list" title="Numbered list (type 1. and a space)" onClick={() => editor.dispatchCommand(INSERT_ORDERED_LIST_COMMAND, undefined)}>
        {/* drawn by CSS: as text, the "1" would be a word the button's name lacks (label in name, WCAG 2.5.3) */}
        <span aria-hidden="true" className="glyph" data-glyph="1≡" />
      </button>
      <button type="button" aria-label="Check list" title="Check list" onClick={() => editor.dispatchCommand(INSERT_CHECK_LIST_COMMAND, undefined)}>
        ☑
      </button>
      <button type="button" aria-label="Horizontal rule" title="Horizontal rule (type --- )" onClick={() => editor.dispatchCommand(INSERT_HORIZONTAL_RULE_COMMAND, undefined)}>
        ―
      </button>
      <LinkButton />
    </div>
  )
}
