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
}

const clamp = (value: number): number => Math.min(MAX, Math.max(MIN, value))

/** Two panes and a splitter that can be dragged, or moved with the arrow keys when focused. */
export function SplitPane({ fraction: initial, onCommit, left, right }: SplitPaneProps): ReactNode {
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

  return (
    <div className="split" ref={container} style={{ gridTemplateColumns: `${fraction}fr auto ${1 - fraction}fr` }}>
      <div className="split-pane">{left}</div>
      <div
        className="split-handle"
        role="separator"
        aria-orientation="vertical"
        aria-label="Resize panes"
        aria-valuemin={MIN * 100}
        aria-valuemax={MAX * 100}
        aria-valuenow={Math.round(fraction * 100)}
        tabIndex={0}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onKeyDown={onKeyDown}
      />
      <div className="split-pane">{right}</div>
    </div>
  )
}
