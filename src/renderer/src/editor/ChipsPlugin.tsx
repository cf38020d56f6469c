import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { $getNearestNodeFromDOMNode, $getNodeByKey, type NodeKey } from 'lexical'
import { useEffect } from 'react'
import type { ParagraphAnchor } from '../../../shared/anchors'
import type { Source } from '../../../shared/model'
import { useSources } from '../ui/sources-context'
import { chipView, drawChip, type ChipView } from './chip-view'
import { $isParagraphLinkNode, ParagraphLinkNode } from './nodes/ParagraphLinkNode'

interface LiveChip {
  anchor: ParagraphAnchor
  sourceTitle: string
  /** The source it was last drawn with (undefined: not loaded then); a redraw with the same one is skipped. */
  drawnWith: Source | null | undefined | 'never'
  view: ChipView | null
}

/** The id of a chip's tooltip (its paragraph's text), which the chip names as its description. */
function chipTooltipId(nodeKey: NodeKey): string {
  return `chip-tip-${nodeKey}`
}

/**
 * Shows a chip's paragraph above it and from its left edge; below it when the top of the note
 * would cut it off (a chip on the first lines), and ending at its right edge when the side would.
 */
function placePreview(event: Event): void {
  const chip = event.target instanceof Element ? event.target.closest('button.chip') : null
  const preview = chip?.nextElementSibling
  if (!chip || !(preview instanceof HTMLElement) || !preview.classList.contains('chip-preview')) return
  // coming into the chip (not moving within it) shows a preview dismissed before
  const from = (event as MouseEvent | FocusEvent).relatedTarget
  if (!(from instanceof Node && chip.parentElement?.contains(from))) chip.parentElement?.classList.remove(PREVIEW_DISMISSED)
  const scroller = chip.closest('.note-scroll')
  if (!scroller) return
  preview.classList.remove('chip-preview-below', 'chip-preview-end')
  preview.style.display = 'block' // measured before the hover or focus style shows it
  const shown = preview.getBoundingClientRect()
  const room = scroller.getBoundingClientRect()
  preview.style.display = ''
  preview.classList.toggle('chip-preview-below', shown.top < room.top)
  preview.classList.toggle('chip-preview-end', shown.right > room.right)
}

/** On a chip's host: its preview was dismissed with Escape (WCAG 1.4.13), until the chip is entered again. */
const PREVIEW_DISMISSED = 'chip-preview-dismissed'

/**
 * Escape, wherever the focus is, hides the preview of the chip under the pointer or with the
 * focus, which stay where they are. Nothing else is taken from the key (it still leaves the
 * note, closes a search or a dialog).
 */
function dismissPreviews(event: KeyboardEvent): void {
  if (event.key !== 'Escape') return
  for (const host of document.querySelectorAll('.chip-host:hover, .chip-host:has(> .chip:focus-visible)')) host.classList.add(PREVIEW_DISMISSED)
}

/**
 * Draws every paragraph link's chip against its source as it is now, and again when a source
 * loads or changes; asks for the sources the chips cite; reveals a chip's paragraph in the
 * reader on click (or Enter, or Space). Hover or focus shows the paragraph (CSS), placed by `placePreview`.
 */
export function ChipsPlugin(): null {
  const [editor] = useLexicalComposerContext()
  const { loaded, reveal, request } = useSources()
  useEffect(() => {
    const chips = new Map<NodeKey, LiveChip>()
    const draw = (key: NodeKey, chip: LiveChip): void => {
      const source = loaded.all.get(chip.anchor.sourceId)
      if (source === chip.drawnWith) return
      const host = editor.getElementByKey(key)
      if (!host) return
      if (source === undefined) request(chip.anchor.sourceId)
      chip.drawnWith = source
      chip.view = chipView(chip.anchor, chip.sourceTitle, source)
      drawChip(host, chip.view, chip.anchor, chipTooltipId(key))
    }
    const unregisterMutations = editor.registerMutationListener(ParagraphLinkNode, (mutations) => {
      editor.getEditorState().read(() => {
        for (const [key, mutation] of mutations) {
          const node = $getNodeByKey(key)
          if (mutation === 'destroyed' || !$isParagraphLinkNode(node)) {
            chips.delete(key)
            continue
          }
          // created, or updated (re-attached elsewhere): its element is new or its anchor changed
          const chip: LiveChip = { anchor: node.getAnchor(), sourceTitle: node.getSourceTitle(), drawnWith: 'never', view: null }
          chips.set(key, chip)
          draw(key, chip)
        }
      })
    })
    const unsubscribe = loaded.subscribe(() => {
      for (const [key, chip] of chips) draw(key, chip)
    })
    const onClick = (event: MouseEvent): void => {
      const button = event.target instanceof Element ? event.target.closest('button.chip') : null
      const key = button && editor.read(() => $getNearestNodeFromDOMNode(button)?.getKey())
      const chip = key ? chips.get(key) : undefined
      if (chip?.view?.revealBlockId) reveal(chip.anchor.sourceId, chip.view.revealBlockId, chip.view.revealRange ?? undefined)
      // a click (not Enter or Space on the focused chip) also puts the caret just after the chip,
      // in the note: the next key types there, not into the chip's button
      if (key && event.detail > 0) {
        editor.update(() => $getNodeByKey(key)?.selectNext(0, 0))
        editor.focus()
      }
    }
    const unregisterRoot = editor.registerRootListener((root, previous) => {
      previous?.removeEventListener('click', onClick)
      previous?.removeEventListener('mouseover', placePreview)
      previous?.removeEventListener('focusin', placePreview)
      root?.addEventListener('click', onClick)
      root?.addEventListener('mouseover', placePreview)
      root?.addEventListener('focusin', placePreview)
    })
    document.addEventListener('keydown', dismissPreviews, true)
    return () => {
      unregisterMutations()
      unsubscribe()
      unregisterRoot()
      document.removeEventListener('keydown', dismissPreviews, true)
    }
  }, [editor, loaded, reveal, request])
  return null
}
