import type { Block } from '../../../../shared/model'
import type { BlockSpan, TextLocator } from '../text-locator'
import { bestOccurrence, contextOf, keySpan, longestHead, longestTail, lowerBound, textKey, textSpan, type TextKey } from './text-keys'

/** A rendered page's text layer (pdf.js' spans of transparent text over the drawing), read for finding words. */
export interface PageTextLayer {
  page: number
  layer: HTMLElement
  key: TextKey
  nodes: Text[]
  /** Where each node's text starts in the page's text (the nodes' texts joined). */
  starts: number[]
}

export function indexTextLayer(page: number, layer: HTMLElement): PageTextLayer {
  const nodes: Text[] = []
  const starts: number[] = []
  let text = ''
  const walker = document.createTreeWalker(layer, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    nodes.push(node)
    starts.push(text.length)
    text += node.data
  }
  return { page, layer, key: textKey(text), nodes, starts }
}

/** Which blocks a page shows and which pages a block is on (from the blocks' boxes, else their pages). */
export interface PageMap {
  blocksOn(page: number): readonly Block[]
  pagesOf(blockId: string): readonly number[]
  block(blockId: string): Block | undefined
}

const keys = new WeakMap<Block, TextKey>()
function keyOf(block: Block): TextKey {
  let key = keys.get(block)
  if (!key) keys.set(block, (key = textKey(block.text)))
  return key
}

/** A match of a passage is taken when this much of its surroundings (or all there is) agrees. */
const CREDIBLE = 16

/** The page view's locator: words of the reflow found in the rendered pages' text layers, and back. */
export function pageLocator(map: PageMap, layers: ReadonlyMap<number, PageTextLayer>): TextLocator {
  return {
    rangesOf(span) {
      const block = map.block(span.blockId)
      if (!block) return []
      const bk = keyOf(block)
      const { start, end } = keySpan(bk, span.start, span.end)
      if (end <= start) return []
      const needle = bk.key.slice(start, end)
      const around = contextOf(bk.key, start, end)
      const credible = Math.min(CREDIBLE, around.before.length + around.after.length)
      const pages = map.pagesOf(block.id)
      for (const page of pages) {
        const layer = layers.get(page)
        const found = layer && bestOccurrence(layer.key.key, needle, around)
        if (layer && found && found.score >= credible) return [layerRange(layer, found.at, found.at + needle.length)]
      }
      // words running from one page to the next: the head on one, the tail on the other
      for (let i = 0; i + 1 < pages.length; i++) {
        const [first, second] = [layers.get(pages[i]!), layers.get(pages[i + 1]!)]
        const head = first && longestHead(first.key.key, needle, around)
        const tail = second && longestTail(second.key.key, needle, around)
        if (head && tail && head.length + tail.length >= needle.length) return [layerRange(first!, head.at, head.at + head.length), layerRange(second!, tail.at, tail.at + tail.length)]
      }
      return []
    },
    spanAt(x, y) {
      const caret = document.caretPositionFromPoint?.(x, y)
      const layer = caret && layerOf(layers, caret.offsetNode)
      if (!caret || !layer) return null
      const at = pagePosition(layer, caret.offsetNode, caret.offset)
      if (at === null) return null
      const k = lowerBound(layer.key.offsets, at)
      return blockSpanOf(map, layer, k, Math.min(k + 1, layer.key.key.length))
    },
    spanOfSelection(selection) {
      if (selection.isCollapsed || selection.rangeCount === 0) return null
      const range = selection.getRangeAt(0)
      const layer = layerOf(layers, range.startContainer) ?? [...layers.values()].find((l) => range.intersectsNode(l.layer))
      if (!layer) return null
      // the selected part of this page's text (a selection running on to the next page stops at this one's end)
      let from = Infinity
      let to = -1
      layer.nodes.forEach((node, i) => {
        if (!range.intersectsNode(node)) return
        from = Math.min(from, layer.starts[i]! + (node === range.startContainer ? range.startOffset : 0))
        to = Math.max(to, layer.starts[i]! + (node === range.endContainer ? range.endOffset : node.length))
      })
      if (to <= from) return null
      return blockSpanOf(map, layer, lowerBound(layer.key.offsets, from), lowerBound(layer.key.offsets, to))
    }
  }
}

/**
 * The block words key characters [start, end) of a page are: the block on that page whose text
 * holds them in the same surroundings. A selection that runs past the end of a paragraph is the
 * part in the paragraph it starts in.
 */
function blockSpanOf(map: PageMap, layer: PageTextLayer, start: number, end: number): BlockSpan | null {
  if (end <= start) return null
  const needle = layer.key.key.slice(start, end)
  const around = contextOf(layer.key.key, start, end)
  let best: { block: Block; at: number; length: number; score: number } | null = null
  for (const block of map.blocksOn(layer.page)) {
    const found = bestOccurrence(keyOf(block).key, needle, around)
    if (found && (!best || found.score > best.score)) best = { block, at: found.at, length: needle.length, score: found.score }
  }
  if (!best) {
    // swept on past a paragraph's end: the paragraph whose text ends with the most of the selection's start
    for (const block of map.blocksOn(layer.page)) {
      const key = keyOf(block).key
      for (let length = Math.min(needle.length - 1, key.length); length >= 2 && (!best || length > best.length); length--) {
        if (key.endsWith(needle.slice(0, length))) {
          best = { block, at: key.length - length, length, score: 0 }
          break
        }
      }
    }
  }
  if (!best) return null
  const span = textSpan(keyOf(best.block), best.at, best.at + best.length)
  return { blockId: best.block.id, ...span }
}

function layerOf(layers: ReadonlyMap<number, PageTextLayer>, node: Node): PageTextLayer | undefined {
  for (const layer of layers.values()) if (layer.layer.contains(node)) return layer
  return undefined
}

/** Where a DOM point inside a layer falls in the page's text; null when it is not in its text. */
function pagePosition(layer: PageTextLayer, node: Node, offset: number): number | null {
  const i = layer.nodes.indexOf(node as Text)
  return i === -1 ? null : layer.starts[i]! + offset
}

/** The DOM range of key characters [start, end) of a page's text layer. */
function layerRange(layer: PageTextLayer, start: number, end: number): Range {
  const from = layer.key.offsets[start]!
  const to = layer.key.offsets[end - 1]! + 1
  const range = document.createRange()
  const [startNode, startOffset] = nodeAt(layer, from, false)
  const [endNode, endOffset] = nodeAt(layer, to, true)
  range.setStart(startNode, startOffset)
  range.setEnd(endNode, endOffset)
  return range
}

/** The text node and offset of a position in the page's text; an end position stays in the node before. */
function nodeAt(layer: PageTextLayer, position: number, isEnd: boolean): [Text, number] {
  let low = 0
  let high = layer.starts.length - 1
  while (low < high) {
    const mid = (low + high + 1) >> 1
    const start = layer.starts[mid]!
    if (start < position || (!isEnd && start === position)) low = mid
    else high = mid - 1
  }
  return [layer.nodes[low]!, position - layer.starts[low]!]
}
