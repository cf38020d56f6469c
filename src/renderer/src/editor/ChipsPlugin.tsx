import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { $getNearestNodeFromDOMNode, $getNodeByKey, type NodeKey } from 'lexical'
import { useEffect } from 'react'
import type { ParagraphAnchor } from '../../../shared/anchors'
import type { Source } from '../../../shared/model'
import { useSources } from '../app/sources-context'
import { chipView, drawChip, type ChipView } from './chip-view'
import { $isParagraphLinkNode, chipTooltipId, ParagraphLinkNode } from './nodes/ParagraphLinkNode'

interface LiveChip {
  anchor: ParagraphAnchor
  sourceTitle: string
  /** The source it was last drawn with (undefined: not loaded then); a redraw with the same one is skipped. */
  drawnWith: Source | null | undefined | 'never'
  view: ChipView | null
}

/**
 * Draws every paragraph link's chip against its source as it is now, and again when a source
 * loads or changes; asks for the sources the chips cite; reveals a chip's paragraph in the
 * reader on click (or Enter, or Space). Hover or focus shows the paragraph (CSS).
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
          // created, or updated (re-attached elsewhere): the node drew its saved view; draw the resolved one
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
      if (chip?.view?.revealBlockId) reveal(chip.anchor.sourceId, chip.view.revealBlockId)
    }
    const unregisterRoot = editor.registerRootListener((root, previous) => {
      previous?.removeEventListener('click', onClick)
      root?.addEventListener('click', onClick)
    })
    return () => {
      unregisterMutations()
      unsubscribe()
      unregisterRoot()
    }
  }, [editor, loaded, reveal, request])
  return null
}
