import { $getRoot, $isElementNode, $isTextNode, $parseSerializedNode, type ElementNode, type LexicalNode, type SerializedLexicalNode } from 'lexical'

type Json = SerializedLexicalNode & { children?: Json[]; text?: string }

/** A node's JSON without its children or words: what must match for the node to be edited in place. */
function shell(json: Json): string {
  const { children: _children, text: _text, ...rest } = json
  return JSON.stringify(rest)
}

/**
 * Turns the editor's content into `wanted` (canonical JSON, as `editorState.toJSON()` gives it)
 * by the smallest edits it can find: nodes equal at the start and at the end of each list of
 * children are left alone, nodes of the same kind in between are edited in place (a paragraph's
 * words by `setTextContent`, which Lexical's Yjs binding writes as a character diff), and only
 * the rest is removed and inserted. So a change made outside the editor (a save from a window,
 * an import) merges with a co-author's concurrent typing instead of replacing the whole note.
 * Call inside `editor.update`.
 */
export function $reconcileContent(current: Json, wanted: Json): void {
  reconcileChildren($getRoot(), current.children ?? [], wanted.children ?? [])
}

function reconcileChildren(parent: ElementNode, current: Json[], wanted: Json[]): void {
  const nodes = parent.getChildren()
  const same = (a: Json, b: Json): boolean => JSON.stringify(a) === JSON.stringify(b)
  let start = 0
  while (start < current.length && start < wanted.length && same(current[start]!, wanted[start]!)) start++
  let endCurrent = current.length
  let endWanted = wanted.length
  while (endCurrent > start && endWanted > start && same(current[endCurrent - 1]!, wanted[endWanted - 1]!)) {
    endCurrent--
    endWanted--
  }
  const paired = Math.min(endCurrent - start, endWanted - start)
  for (let i = 0; i < paired; i++) reconcileNode(nodes[start + i]!, current[start + i]!, wanted[start + i]!)
  // what is left over: nodes removed, or nodes added after the last one edited in place
  for (let i = start + paired; i < endCurrent; i++) nodes[i]!.remove()
  let before: LexicalNode | null = start + paired > 0 ? nodes[start + paired - 1]! : null
  for (let i = start + paired; i < endWanted; i++) {
    const node = $parseSerializedNode(wanted[i]!)
    if (before) before.insertAfter(node)
    else if (parent.getFirstChild()) parent.getFirstChild()!.insertBefore(node)
    else parent.append(node)
    before = node
  }
}

function reconcileNode(node: LexicalNode, current: Json, wanted: Json): void {
  if (shell(current) !== shell(wanted)) {
    node.replace($parseSerializedNode(wanted))
    return
  }
  if ($isTextNode(node)) {
    if (current.text !== wanted.text) node.setTextContent(wanted.text ?? '')
  } else if ($isElementNode(node)) {
    reconcileChildren(node, current.children ?? [], wanted.children ?? [])
  }
}
