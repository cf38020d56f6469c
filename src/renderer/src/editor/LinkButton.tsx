import { $isLinkNode, TOGGLE_LINK_COMMAND } from '@lexical/link'
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { $getSelection, $isRangeSelection } from 'lexical'
import { useRef, useState, type FormEvent, type ReactNode } from 'react'
import { isSafeLinkUrl } from './safe-url'

/** Toolbar control: link the selected words to an http, https or mailto address, or remove a link. */
export function LinkButton(): ReactNode {
  const [editor] = useLexicalComposerContext()
  const [open, setOpen] = useState(false)
  const [url, setUrl] = useState('')
  const [error, setError] = useState<string | null>(null)
  const input = useRef<HTMLInputElement>(null)

  const start = (): void => {
    let current = ''
    editor.getEditorState().read(() => {
      const selection = $getSelection()
      const node = $isRangeSelection(selection) ? selection.anchor.getNode() : null
      const link = node && ($isLinkNode(node) ? node : node.getParent())
      if (link && $isLinkNode(link)) current = link.getURL()
    })
    setUrl(current || 'https://')
    setError(null)
    setOpen(true)
    requestAnimationFrame(() => input.current?.select())
  }

  const apply = (event: FormEvent): void => {
    event.preventDefault()
    const target = url.trim()
    if (target !== '' && !isSafeLinkUrl(target)) {
      setError('Links can point only at http, https or mailto addresses.')
      return
    }
    editor.dispatchCommand(TOGGLE_LINK_COMMAND, target === '' ? null : target)
    setOpen(false)
    editor.focus()
  }

  return (
    <span className="link-control">
      <button type="button" aria-label="Link" title="Link the selected words" aria-expanded={open} onClick={open ? () => setOpen(false) : start}>
        Link
      </button>
      {open && (
        <form className="link-form" onSubmit={apply} onKeyDown={(e) => e.key === 'Escape' && (setOpen(false), editor.focus())}>
          <input ref={input} aria-label="Link address" value={url} onChange={(e) => setUrl(e.target.value)} aria-invalid={error !== null} />
          <button type="submit">Apply</button>
          {error && (
            <span className="link-error" role="alert">
              {error}
            </span>
          )}
        </form>
      )}
    </span>
  )
}
