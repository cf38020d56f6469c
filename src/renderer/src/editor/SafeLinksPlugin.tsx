import { $isLinkNode, AutoLinkNode, LinkNode } from '@lexical/link'
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { mergeRegister } from '@lexical/utils'
import type { ElementNode } from 'lexical'
import { useEffect } from 'react'
import { isSafeLinkUrl } from './safe-url'

/** Replaces a link with its text. */
function $unwrap(link: ElementNode): void {
  for (const child of link.getChildren()) link.insertBefore(child)
  link.remove()
}

/**
 * Keeps only http, https and mailto links, however they arrive: typed as Markdown, pasted, or
 * loaded from a file edited elsewhere. Any other target leaves the words without the link.
 */
export function SafeLinksPlugin(): null {
  const [editor] = useLexicalComposerContext()
  useEffect(() => {
    const check = (node: LinkNode): void => {
      if ($isLinkNode(node) && !isSafeLinkUrl(node.getURL())) $unwrap(node)
    }
    return mergeRegister(editor.registerNodeTransform(LinkNode, check), editor.registerNodeTransform(AutoLinkNode, check))
  }, [editor])
  return null
}
