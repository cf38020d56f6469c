import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { LexicalTypeaheadMenuPlugin, MenuOption, type MenuRenderFn } from '@lexical/react/LexicalTypeaheadMenuPlugin'
import { $getNodeByKey, $insertNodes, $isTextNode, type TextNode } from 'lexical'
import { useCallback, useMemo, useState, type ReactNode } from 'react'
import { createPortal } from 'react-dom'
import { useStores } from '../stores/app-stores'
import { useStore } from '../stores/store'
import { $createNoteLinkNode } from './nodes/NoteLinkNode'
import { pickerChoices, pickerTrigger, type PickerChoice } from './note-picker-options'

class ChoiceOption extends MenuOption {
  constructor(readonly choice: PickerChoice) {
    super(choice.kind === 'note' ? choice.noteId : `create:${choice.title}`)
  }
}

/**
 * Typing `[[` opens a list of notes by title that narrows as you type (arrows, Enter or Tab to
 * choose, Escape to close); the chosen note becomes a link to it. "Create note …" makes a note
 * with the typed title and links to it, without leaving this note.
 */
export function NoteLinkPicker({ noteId }: { noteId: string | null }): ReactNode {
  const [editor] = useLexicalComposerContext()
  const { notes } = useStores()
  const list = useStore(notes).list
  const [query, setQuery] = useState<string | null>(null)
  const options = useMemo(() => (query === null ? [] : pickerChoices(query, list?.notes ?? [], noteId).map((c) => new ChoiceOption(c))), [query, list, noteId])

  const linkTo = useCallback(
    (option: ChoiceOption, typed: TextNode | null, close: () => void) => {
      const { choice } = option
      if (choice.kind === 'note') {
        const link = $createNoteLinkNode(choice.noteId, choice.title)
        if (typed) typed.replace(link)
        else $insertNodes([link])
        link.selectNext(0, 0)
        close()
        return
      }
      // the title stays as typed words until the note exists; then they become the link (a failure
      // leaves the words). A token meanwhile: Lexical would merge plain words into the text before them
      if (!typed) return close()
      typed.setTextContent(choice.title).setMode('token')
      typed.selectNext(0, 0)
      const key = typed.getKey()
      close()
      notes.createNote(choice.title).then(
        (created) =>
          editor.update(() => {
            const words = $getNodeByKey(key)
            if (!$isTextNode(words) || words.getTextContent() !== choice.title) return
            words.replace($createNoteLinkNode(created.id, created.title))
          }),
        (error: unknown) => {
          editor.update(() => {
            const words = $getNodeByKey(key)
            if ($isTextNode(words)) words.setMode('normal')
          })
          notes.tell(`The note “${choice.title}” could not be made: ${(error as Error).message}`)
        }
      )
    },
    [editor, notes]
  )

  const renderMenu: MenuRenderFn<ChoiceOption> = (anchor, { options: shown, selectedIndex, selectOptionAndCleanUp, setHighlightedIndex }) => {
    const container = anchor.current
    if (!container || shown.length === 0) return null
    container.setAttribute('aria-label', 'Link to note')
    return createPortal(
      <ul className="note-picker" role="presentation">
        {shown.map((option, i) => (
          <li
            key={option.key}
            id={`typeahead-item-${i}`}
            ref={(element) => option.setRefElement(element)}
            role="option"
            aria-selected={selectedIndex === i}
            className={`note-picker-option${selectedIndex === i ? ' selected' : ''}${option.choice.kind === 'create' ? ' note-picker-create' : ''}`}
            onMouseEnter={() => setHighlightedIndex(i)}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => {
              setHighlightedIndex(i)
              selectOptionAndCleanUp(option)
            }}
          >
            {option.choice.kind === 'create' ? `Create note “${option.choice.title}”` : option.choice.title}
          </li>
        ))}
      </ul>,
      container
    )
  }

  return (
    <LexicalTypeaheadMenuPlugin<ChoiceOption>
      options={options}
      onQueryChange={setQuery}
      onSelectOption={linkTo}
      triggerFn={pickerTrigger}
      menuRenderFn={renderMenu}
      anchorClassName="note-picker-anchor"
    />
  )
}
