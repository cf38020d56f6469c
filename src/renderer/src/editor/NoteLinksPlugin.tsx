import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { $getNearestNodeFromDOMNode, $getNodeByKey, $getSelection, $isElementNode, $isRangeSelection, $isTextNode, COMMAND_PRIORITY_HIGH, KEY_ENTER_COMMAND, type LexicalNode, type NodeKey } from 'lexical'
import { useEffect } from 'react'
import { useStores } from '../stores/app-stores'
import { $isNoteLinkNode, NoteLinkNode } from './nodes/NoteLinkNode'
import { drawNoteLink, noteLinkView, type NoteLinkView } from './note-link-view'

/** The note link just before the caret, or else just after it. */
function $noteLinkAtCaret(): NoteLinkNode | null {
  const selection = $getSelection()
  if (!$isRangeSelection(selection) || !selection.isCollapsed()) return null
  const { offset } = selection.anchor
  const node = selection.anchor.getNode()
  let before: LexicalNode | null = null
  let after: LexicalNode | null = null
  if ($isTextNode(node)) {
    if (offset === 0) before = node.getPreviousSibling()
    if (offset === node.getTextContentSize()) after = node.getNextSibling()
  } else if ($isElementNode(node)) {
    before = node.getChildAtIndex(offset - 1)
    after = node.getChildAtIndex(offset)
  }
  return $isNoteLinkNode(before) ? before : $isNoteLinkNode(after) ? after : null
}

interface LiveNoteLink {
  noteId: string
  savedTitle: string
  /** What it was last drawn as: a redraw showing the same is skipped. */
  drawn: string | null
}

/**
 * Draws every link to a note with that note's title now (and again whenever the notes list
 * changes: a rename, the trash, a restore), and opens the note on click (or Enter on the link,
 * or Ctrl/Cmd+Enter with the caret beside it). A note in the trash or gone is not opened; the window says why.
 */
export function NoteLinksPlugin(): null {
  const [editor] = useLexicalComposerContext()
  const { notes } = useStores()
  useEffect(() => {
    const links = new Map<NodeKey, LiveNoteLink>()
    const draw = (key: NodeKey, link: LiveNoteLink): void => {
      const view: NoteLinkView = noteLinkView(link.noteId, link.savedTitle, notes.get().list)
      const drawn = `${view.state}\n${view.title}`
      const host = editor.getElementByKey(key)
      if (!host || drawn === link.drawn) return
      link.drawn = drawn
      drawNoteLink(host, view, link.noteId)
    }
    const unregisterMutations = editor.registerMutationListener(NoteLinkNode, (mutations) => {
      editor.getEditorState().read(() => {
        for (const [key, mutation] of mutations) {
          const node = $getNodeByKey(key)
          if (mutation === 'destroyed' || !$isNoteLinkNode(node)) {
            links.delete(key)
            continue
          }
          const link: LiveNoteLink = { noteId: node.getNoteId(), savedTitle: node.getTitle(), drawn: null }
          links.set(key, link)
          draw(key, link)
        }
      })
    })
    let list = notes.get().list
    const unsubscribe = notes.subscribe(() => {
      if (notes.get().list === list) return
      list = notes.get().list
      for (const [key, link] of links) draw(key, link)
    })
    const open = (link: LiveNoteLink): void => {
      const view = noteLinkView(link.noteId, link.savedTitle, notes.get().list)
      if (view.state === 'trashed') notes.tell(`“${view.title}” is in the trash. Restore it (Trash, in the notes list) to follow this link.`)
      else if (view.state === 'missing') notes.tell(`The note “${view.title}” this link points to is not in this notebook (deleted for good, or not imported).`)
      // Ctrl/Cmd+click would open it beside this one; with one note pane it opens here, as a click does
      else void notes.openNote(link.noteId)
    }
    const follow = (event: MouseEvent): void => {
      const anchor = event.target instanceof Element ? event.target.closest('a.note-link') : null
      if (!(anchor instanceof HTMLElement)) return
      event.preventDefault()
      const key = editor.read(() => $getNearestNodeFromDOMNode(anchor)?.getKey())
      const link = key ? links.get(key) : undefined
      if (link) open(link)
    }
    const unregisterEnter = editor.registerCommand(
      KEY_ENTER_COMMAND,
      (event) => {
        if (!event || !(event.ctrlKey || event.metaKey)) return false
        const key = $noteLinkAtCaret()?.getKey()
        const link = key ? links.get(key) : undefined
        if (!link) return false
        event.preventDefault()
        open(link)
        return true
      },
      COMMAND_PRIORITY_HIGH
    )
    const unregisterRoot = editor.registerRootListener((root, previous) => {
      previous?.removeEventListener('click', follow)
      root?.addEventListener('click', follow)
    })
    return () => {
      unregisterMutations()
      unsubscribe()
      unregisterRoot()
      unregisterEnter()
    }
  }, [editor, notes])
  return null
}
