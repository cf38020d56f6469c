import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react'

const MIN = 0.2
const MAX = 0.8
const STEP = 0.02

interface SplitPaneProps {
  /** The left pane's share of the width, 0.2–0.8. */
  fraction: number
  /** Called once a drag or key press ends, to persist the new size. */
  onCommit(fraction: number): void
  left: ReactNode
  right: ReactNode
  /**
   * A compact window shows one pane (or none, while the notebook view is up) as the panel of its
   * view tab; `ids` name the panes for the tabs' `aria-controls`.
   */
  single?: 'left' | 'right' | 'none'
  ids?: [string, string]
}

const clamp = (value: number): number => Math.min(MAX, Math.max(MIN, value))

/** Two panes and a splitter that can be dragged, or moved with the arrow keys when focused. */
export function SplitPane({ fraction: initial, onCommit, left, right, single, ids }: SplitPaneProps): ReactNode {
  const [fraction, setFraction] = useState(initial)
  const container = useRef<HTMLDivElement>(null)
  const dragging = useRef(false)
  // the stored size arrives after the first paint: follow it unless the user is dragging
  useEffect(() => {
    if (!dragging.current) setFraction(initial)
  }, [initial])

  const fromPointer = useCallback((clientX: number) => {
    const rect = container.current?.getBoundingClientRect()
    if (rect && rect.width > 0) setFraction(clamp((clientX - rect.left) / rect.width))
  }, [])

  const onPointerDown = (event: PointerEvent<HTMLDivElement>): void => {
    dragging.current = true
    event.currentTarget.setPointerCapture(event.pointerId)
  }
  const onPointerMove = (event: PointerEvent<HTMLDivElement>): void => {
    if (dragging.current) fromPointer(event.clientX)
  }
  const onPointerUp = (): void => {
    if (!dragging.current) return
    dragging.current = false
    onCommit(fraction)
  }
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const delta = event.key === 'ArrowLeft' ? -STEP : event.key === 'ArrowRight' ? STEP : 0
    const next = event.key === 'Home' ? MIN : event.key === 'End' ? MAX : clamp(fraction + delta)
    if (next === fraction && delta === 0 && event.key !== 'Home' && event.key !== 'End') return
    event.preventDefault()
    setFraction(next)
    onCommit(next)
  }

  // one tree whether split or single, so crossing the breakpoint never remounts the editor
  const paneProps = (side: 'left' | 'right') => {
    if (!single) return { className: 'split-pane' }
    const id = ids?.[side === 'left' ? 0 : 1]
    return { className: 'split-pane', id, role: 'tabpanel', 'aria-labelledby': id ? `tab-${id}` : undefined, hidden: single !== side }
  }
  return (
    <div
      className={single ? 'split split-single' : 'split'}
      ref={container}
      hidden={single === 'none'}
      style={single ? undefined : { gridTemplateColumns: `${fraction}fr auto ${1 - fraction}fr` }}
    >
      <div {...paneProps('left')}>{left}</div>
      <div
        className="split-handle"
        role="separator"
        aria-orientation="vertical"
        aria-label="Resize panes"
        aria-valuemin={MIN * 100}
        aria-valuemax={MAX * 100}
        aria-valuenow={Math.round(fraction * 100)}
        tabIndex={0}
        hidden={!!single}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onKeyDown={onKeyDown}
      />
      <div {...paneProps('right')}>{right}</div>
    </div>
  )
}
