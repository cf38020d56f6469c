import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { LexicalTypeaheadMenuPlugin, MenuOption, type MenuRenderFn } from '@lexical/react/LexicalTypeaheadMenuPlugin'
import { $getNodeByKey, $getSelection, $insertNodes, $isRangeSelection, $isTextNode, COMMAND_PRIORITY_CRITICAL, COMMAND_PRIORITY_NORMAL, KEY_ENTER_COMMAND, type TextNode } from 'lexical'
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { createPortal } from 'react-dom'
import { useStores } from '../stores/app-stores'
import { useNotesListWhile } from '../stores/notes-store'
import { $createNoteLinkNode } from './nodes/NoteLinkNode'
import { pickerChoices, pickerTrigger, type PickerChoice } from './note-picker-options'

/**
 * The "[[query" typed before the caret as the editor holds it now, in a node of its own: `split`
 * is the node the menu cut off for the query it knew, which may be a few keys behind.
 */
function $typedQuery(split: TextNode): { node: TextNode; query: string } | null {
  const previous = split.getPreviousSibling()
  const before = $isTextNode(previous) ? previous.getTextContent() : ''
  const match = pickerTrigger(before + split.getTextContent())
  if (!match) return null
  if (match.leadOffset < before.length) {
    // the menu cut too little: the rest of "[[" is in the text before
    ;(previous as TextNode).setTextContent(before.slice(0, match.leadOffset))
    split.setTextContent(match.replaceableString)
    return { node: split, query: match.matchingString }
  }
  if (match.leadOffset > before.length) {
    // it cut too much (a key was taken back): the words before "[[" stay words
    const [, query] = split.splitText(match.leadOffset - before.length)
    return query ? { node: query, query: match.matchingString } : null
  }
  return { node: split, query: match.matchingString }
}

/** The "[[query" just before a collapsed caret, cut into a node of its own (as the menu cuts it); null when there is none. */
function $queryAtCaret(): { node: TextNode; query: string } | null {
  const selection = $getSelection()
  if (!$isRangeSelection(selection) || !selection.isCollapsed()) return null
  const node = selection.anchor.getNode()
  if (!$isTextNode(node)) return null
  const offset = selection.anchor.offset
  const match = pickerTrigger(node.getTextContent().slice(0, offset))
  if (!match) return null
  const cuts = [match.leadOffset, offset].filter((cut) => cut > 0 && cut < node.getTextContentSize())
  const query = node.splitText(...cuts).find((part) => part.getTextContent() === match.replaceableString)
  return query ? { node: query, query: match.matchingString } : null
}

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
  const [query, setQuery] = useState<string | null>(null)
  // the notes to choose from, read only while the list is open
  const list = useNotesListWhile(notes, query !== null)
  // the list opens inside the note's pane (a landmark), not loose at the end of the page
  const [pane, setPane] = useState<HTMLElement | null>(null)
  useEffect(() => editor.registerRootListener((root) => setPane(root?.closest<HTMLElement>('.note-pane') ?? null)), [editor])
  const options = useMemo(() => (query === null ? [] : pickerChoices(query, list?.notes ?? [], noteId).map((c) => new ChoiceOption(c))), [query, list, noteId])

  const linkTo = useCallback(
    (option: ChoiceOption, split: TextNode | null, close: () => void, matchingString: string) => {
      // keys typed fast can outrun the menu: it may answer for "[[al" when "[[align" is typed.
      // What is typed now decides: its whole "[[query" is replaced, and its own top choice taken
      const now = split ? $typedQuery(split) : null
      const typed = now?.node ?? split
      const choice = now && now.query !== matchingString ? (pickerChoices(now.query, notes.get().list?.notes ?? [], noteId)[0] ?? option.choice) : option.choice
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
    [editor, notes, noteId]
  )

  // Enter typed before the list has opened (keys faster than the page, on a busy machine): the
  // "[[query" typed is linked all the same, to its top choice; not after Escape closed the list
  const menuOpen = useRef(false)
  const dismissed = useRef(false)
  const onQueryChange = useCallback((next: string | null) => {
    setQuery(next)
    if (next === null) menuOpen.current = false
    else dismissed.current = false
  }, [])
  const onClose = useCallback(() => {
    // closed while showing choices (Escape): Enter is a new line again
    if (menuOpen.current) dismissed.current = true
    menuOpen.current = false
  }, [])
  useEffect(
    () =>
      editor.registerCommand(
        KEY_ENTER_COMMAND,
        (event) => {
          if (menuOpen.current || dismissed.current) return false
          const typed = $queryAtCaret()
          const choice = typed && pickerChoices(typed.query, notes.get().list?.notes ?? [], noteId)[0]
          if (!typed || !choice) return false
          event?.preventDefault()
          linkTo(new ChoiceOption(choice), typed.node, () => undefined, typed.query)
          return true
        },
        COMMAND_PRIORITY_NORMAL
      ),
    [editor, notes, noteId, linkTo]
  )

  const renderMenu: MenuRenderFn<ChoiceOption> = (anchor, { options: shown, selectedIndex, selectOptionAndCleanUp, setHighlightedIndex }) => {
    const container = anchor.current
    menuOpen.current = !!container && shown.length > 0
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

  // mounted once the pane is known: its list must never open loose at the end of the page
  if (!pane) return null
  return (
    <LexicalTypeaheadMenuPlugin<ChoiceOption>
      options={options}
      onQueryChange={onQueryChange}
      onClose={onClose}
      // the open list's keys (arrows, Enter, Tab, Escape) come before the note's own (Tab indents, Escape leaves)
      commandPriority={COMMAND_PRIORITY_CRITICAL}
      onSelectOption={linkTo}
      triggerFn={pickerTrigger}
      menuRenderFn={renderMenu}
      anchorClassName="note-picker-anchor"
      parent={pane}
    />
  )
}
