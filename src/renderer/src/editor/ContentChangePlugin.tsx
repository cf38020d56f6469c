import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { OnChangePlugin } from '@lexical/react/LexicalOnChangePlugin'
import { useCallback, useEffect, useState, type ReactNode } from 'react'
import type { JsonText } from '../../../shared/json-text'
import { SerializedBlocks } from './serialized-blocks'

/**
 * Tells `onChange` of every edit (not of a caret moved), with a function that writes the note's
 * content when the save asks for it: from its blocks kept written, only the ones changed since
 * written again (`SerializedBlocks`). A save after the editor has gone (the note switched) still
 * writes it right, comparing every node.
 */
export function ContentChangePlugin({ onChange }: { onChange(content: () => JsonText): void }): ReactNode {
  const [editor] = useLexicalComposerContext()
  const [blocks] = useState(() => new SerializedBlocks(editor))
  useEffect(() => blocks.attach(), [blocks])
  const content = useCallback(() => blocks.content(), [blocks])
  return <OnChangePlugin ignoreSelectionChange ignoreHistoryMergeTagChange onChange={() => onChange(content)} />
}
