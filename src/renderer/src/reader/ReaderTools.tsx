import { useEffect, useImperativeHandle, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode, type Ref, type RefObject } from 'react'
import { flushSync } from 'react-dom'
import { shortcutLabel } from '../../../shared/commands'
import type { Source } from '../../../shared/model'
import { IS_MAC } from '../ui/platform'
import { FindBar } from './FindBar'

/** Find, Go to ¶, Outline: what the commands open. */
export type ReaderTool = 'find' | 'goto' | 'outline' | 'highlights'

export interface ReaderToolsHandle {
  open(tool: ReaderTool): void
}

interface ReaderToolsProps {
  source: Source
  article: RefObject<HTMLElement | null>
  rendered: number
  /** Shows a block and gives it the focus. */
  focusBlock(blockId: string): void
  handle: Ref<ReaderToolsHandle>
  /** The Highlights panel, and how many there are. */
  highlights: { panel: ReactNode; count: number }
  /** The switch between a PDF's pages and its text, when it has pages. */
  viewSwitch?: ReactNode
  /** Called before Find opens (the page view shows the text for it). */
  onFind?: (() => void) | undefined
}

/**
 * Finding one's way in a long source: the outline of its headings, Go to ¶N, and Find in this
 * source. One panel at a time, above the text; Escape closes it and the focus goes back where it
 * was (or to the block it led to).
 */
export function ReaderTools({ source, article, rendered, focusBlock, handle, highlights, viewSwitch, onFind }: ReaderToolsProps): ReactNode {
  const [tool, setTool] = useState<ReaderTool | null>(null)
  const returnTo = useRef<HTMLElement | null>(null)
  const open = (next: ReaderTool): void => {
    if (next === 'find') onFind?.()
    if (tool === null) returnTo.current = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null
    // rendered, and its field focused (autoFocus), before the shortcut's key event ends: the
    // next keys go into it, not to the paragraph that had the focus (where C would cite)
    flushSync(() => setTool(next))
  }
  useImperativeHandle(handle, () => ({ open }))
  // another source: its own tools
  useEffect(() => setTool(null), [source.id])

  const close = (): void => {
    setTool(null)
    requestAnimationFrame(() => returnTo.current?.focus())
  }
  const goTo = (blockId: string): void => {
    setTool(null)
    requestAnimationFrame(() => focusBlock(blockId))
  }
  const headings = source.blocks.filter((b) => b.kind === 'heading')
  const toggle = (name: ReaderTool) => () => (tool === name ? close() : open(name))

  return (
    <div className="reader-tools">
      <div className="reader-tool-buttons">
        <button type="button" className="link-button" aria-expanded={tool === 'outline'} onClick={toggle('outline')} title={`The source's headings (${shortcutLabel('Mod+Shift+O', IS_MAC)})`}>
          Outline
        </button>
        <button type="button" className="link-button" aria-expanded={tool === 'goto'} onClick={toggle('goto')} title={`Go to a paragraph (${shortcutLabel('Mod+G', IS_MAC)})`}>
          Go to ¶…
        </button>
        <button type="button" className="link-button" aria-expanded={tool === 'find'} onClick={toggle('find')} title={`Find in this source (${shortcutLabel('Mod+F', IS_MAC)})`}>
          Find…
        </button>
        <button type="button" className="link-button" aria-expanded={tool === 'highlights'} onClick={toggle('highlights')} title="The words you marked in this source, by colour">
          Highlights{highlights.count > 0 ? ` (${highlights.count})` : ''}
        </button>
        {viewSwitch}
      </div>
      {tool === 'find' && <FindBar source={source} article={article} rendered={rendered} onClose={(at) => (at ? goTo(at) : close())} />}
      {tool === 'goto' && <GoToParagraph source={source} onGo={goTo} onClose={close} />}
      {tool === 'outline' && <Outline headings={headings} onGo={goTo} onClose={close} />}
      {tool === 'highlights' && highlights.panel}
    </div>
  )
}

/** Go to ¶N: the number, Enter. */
function GoToParagraph({ source, onGo, onClose }: { source: Source; onGo(blockId: string): void; onClose(): void }): ReactNode {
  const [value, setValue] = useState('')
  const [error, setError] = useState<string | null>(null)
  const input = useRef<HTMLInputElement>(null)
  const numbered = source.blocks.filter((b) => b.paragraph !== null)
  const last = numbered.at(-1)?.paragraph ?? 0
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Escape') {
      event.preventDefault()
      onClose()
    } else if (event.key === 'Enter') {
      event.preventDefault()
      const n = Number(value.replace(/^¶/, '').trim())
      const block = numbered.find((b) => b.paragraph === n)
      if (block) onGo(block.id)
      else setError(last === 0 ? 'This source has no numbered paragraphs.' : `There is no ¶${value.trim() || '?'}: this source has ¶1 to ¶${last}.`)
    }
  }
  return (
    <div className="reader-panel goto-panel" role="group" aria-label="Go to paragraph">
      <label>
        Go to ¶{' '}
        <input ref={input} autoFocus className="goto-input" inputMode="numeric" aria-label="Paragraph number" aria-describedby={error ? 'goto-error' : undefined} value={value} onChange={(e) => {
            setValue(e.target.value)
            setError(null)
          }} onKeyDown={onKeyDown} />
      </label>
      <span className="goto-range">of {last}</span>
      {error && (
        <span id="goto-error" className="goto-error" role="alert">
          {error}
        </span>
      )}
    </div>
  )
}

/** The source's headings; choosing one goes there. */
function Outline({ headings, onGo, onClose }: { headings: Source['blocks']; onGo(blockId: string): void; onClose(): void }): ReactNode {
  const list = useRef<HTMLElement>(null)
  // the first heading takes the focus as the panel mounts (a layout effect: before the next key)
  useLayoutEffect(() => (list.current?.querySelector<HTMLElement>('button') ?? list.current)?.focus(), [])
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') {
      event.preventDefault()
      onClose()
      return
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return
    event.preventDefault()
    const buttons = [...(list.current?.querySelectorAll<HTMLElement>('button') ?? [])]
    const at = buttons.indexOf(document.activeElement as HTMLElement)
    buttons[Math.max(0, Math.min(buttons.length - 1, at + (event.key === 'ArrowDown' ? 1 : -1)))]?.focus()
  }
  return (
    <nav className="reader-panel outline-panel" aria-label="Outline" ref={list} tabIndex={-1} onKeyDown={onKeyDown}>
      {headings.length === 0 ? (
        <p className="outline-empty">This source has no headings. Use Go to ¶ or Find instead.</p>
      ) : (
        <ul>
          {headings.map((h) => (
            <li key={h.id} className={`outline-level-${Math.min(4, h.level ?? 2)}`}>
              <button type="button" className="outline-item" onClick={() => onGo(h.id)}>
                {h.text}
              </button>
            </li>
          ))}
        </ul>
      )}
    </nav>
  )
}
