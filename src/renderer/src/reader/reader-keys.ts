import { revealInWindow } from '../ui/block-window'

/**
 * The reader for people who live on the keyboard: the source is one Tab stop (a roving focus
 * over its paragraphs and headings, WAI-ARIA's "roving tabindex"), arrow keys and j/k move the
 * focus, and the focused paragraph's words can be selected with Shift and the arrows (the
 * browser has no caret in text that is not editable, so the selection is moved here).
 */

/** The blocks that take the focus: numbered paragraphs and headings. */
export const FOCUSABLE_BLOCK = '.numbered[data-block-id], .block-heading[data-block-id]'

/** The block element holding `node`, if it is one that takes the focus. */
export function focusableBlockOf(node: Node | null): HTMLElement | null {
  const element = node instanceof Element ? node : (node?.parentElement ?? null)
  return element?.closest<HTMLElement>(FOCUSABLE_BLOCK) ?? null
}

/** Makes `block` the reader's one Tab stop. */
export function makeTabStop(article: HTMLElement, block: HTMLElement): void {
  for (const other of article.querySelectorAll<HTMLElement>('[data-block-id][tabindex="0"]')) if (other !== block) other.tabIndex = -1
  block.tabIndex = 0
}

/** Moves the focus to `block`, showing it first if a long source's window hid it (unless `scroll` is false: it is being revealed already). */
export function focusBlock(article: HTMLElement, block: HTMLElement, scroll = true): void {
  makeTabStop(article, block)
  if (scroll && !revealInWindow(block)) block.scrollIntoView({ block: 'nearest' })
  block.focus({ preventScroll: true })
}

/** The focusable block after or before `from`, or the first or last one. */
export function neighbour(article: HTMLElement, from: HTMLElement | null, where: 'next' | 'previous' | 'first' | 'last'): HTMLElement | null {
  const all = [...article.querySelectorAll<HTMLElement>(FOCUSABLE_BLOCK)]
  if (all.length === 0) return null
  if (where === 'first' || !from) return where === 'last' ? all.at(-1)! : all[0]!
  if (where === 'last') return all.at(-1)!
  const at = all.indexOf(from)
  return all[where === 'next' ? Math.min(all.length - 1, at + 1) : Math.max(0, at - 1)] ?? null
}

/** The text of a block, as a list of text nodes with their offsets. */
function textNodes(element: Element): { node: Text; start: number }[] {
  const out: { node: Text; start: number }[] = []
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT)
  let offset = 0
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    out.push({ node: node as Text, start: offset })
    offset += (node as Text).length
  }
  return out
}

function pointAt(nodes: { node: Text; start: number }[], offset: number): [Text, number] | null {
  for (const { node, start } of nodes) if (offset <= start + node.length) return [node, offset - start]
  const last = nodes.at(-1)
  return last ? [last.node, last.node.length] : null
}

function offsetOf(nodes: { node: Text; start: number }[], node: Node | null, offset: number): number | null {
  const found = nodes.find((n) => n.node === node)
  return found ? found.start + offset : null
}

/** Where the next word ends after `at`, or the previous one starts before it. */
function wordBoundary(text: string, at: number, forward: boolean): number {
  if (forward) {
    const rest = /^[^\p{L}\p{N}]*[\p{L}\p{N}'’-]*/u.exec(text.slice(at))
    return at + (rest?.[0].length ?? 0)
  }
  const before = /[\p{L}\p{N}'’-]*[^\p{L}\p{N}]*$/u.exec(text.slice(0, at))
  return at - (before?.[0].length ?? 0)
}

/**
 * Moves the selection's moving end inside the block's text, as Shift with an arrow (Ctrl or Alt
 * with it: a word), Home or End does in editable text; the selection starts at the text's start
 * when there is none in this block. Returns false when the key is not one of those.
 */
export function extendSelection(block: HTMLElement, key: string, byWord: boolean): boolean {
  const textElement = block.querySelector('[data-block-text]') ?? (block.matches('.block-heading') ? block : null)
  if (!textElement || !['ArrowRight', 'ArrowLeft', 'Home', 'End', 'ArrowDown', 'ArrowUp'].includes(key)) return false
  const nodes = textNodes(textElement)
  const text = nodes.map((n) => n.node.data).join('')
  const selection = document.getSelection()
  if (!selection) return false
  let anchor = selection.rangeCount > 0 ? offsetOf(nodes, selection.anchorNode, selection.anchorOffset) : null
  let focus = selection.rangeCount > 0 ? offsetOf(nodes, selection.focusNode, selection.focusOffset) : null
  if (anchor === null || focus === null) anchor = focus = 0
  if (key === 'ArrowRight') focus = byWord ? wordBoundary(text, focus, true) : focus + 1
  else if (key === 'ArrowLeft') focus = byWord ? wordBoundary(text, focus, false) : focus - 1
  else if (key === 'End' || key === 'ArrowDown') focus = text.length
  else focus = 0
  focus = Math.max(0, Math.min(text.length, focus))
  const from = pointAt(nodes, anchor)
  const to = pointAt(nodes, focus)
  if (!from || !to) return false
  selection.setBaseAndExtent(from[0], from[1], to[0], to[1])
  return true
}
