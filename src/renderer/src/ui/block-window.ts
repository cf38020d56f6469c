/**
 * Windowing for long documents (the note editor, the reader). Chromium lays out, hit-tests and
 * syncs the selection in time that grows with the number of blocks on the page: with a
 * 10,000-paragraph note open each keystroke cost 50–100 ms, and a 5,000-paragraph source in the
 * reader (even with `content-visibility`) added 20 ms more. Above a number of blocks, every
 * block away from the viewport and the caret gets `display: none` (the DOM and Lexical's model
 * stay whole: undo, copy, select-all, save and export see everything), and the first block after
 * each hidden run gets a top margin as tall as the run was, so the scroll height and the
 * scrollbar stay true. Heights are measured while blocks are shown, estimated from the average
 * before. The marks are data attributes, which neither React nor Lexical overwrite.
 */
/** Blocks are shown this many viewport heights above and below the viewport. */
const MARGIN_SCREENS = 1
/** Estimated height of a block never measured (a line of text and its margin), until one is. */
const FIRST_GUESS_PX = 30
/** The attribute that hides a block (see base.css); a block may be rendered with it to start hidden. */
export const OUTSIDE = 'data-outside-window'

const windows = new WeakMap<HTMLElement, BlockWindow>()

/**
 * Shows `element` (a block, or something inside one) if windowing hid it, and scrolls it to the
 * middle of the view. In a windowed document the blocks around it get their real heights only
 * once shown, which moves it: it is centred again in the next two frames, without smooth
 * scrolling (whose destination would be stale). Returns false for a document not windowed.
 */
export function revealInWindow(element: HTMLElement): boolean {
  const root = element.closest<HTMLElement>('[data-windowed]')
  const blockWindow = root ? windows.get(root) : undefined
  if (!blockWindow) return false
  blockWindow.pin(element)
  const center = (): void => element.scrollIntoView({ block: 'center' })
  center()
  requestAnimationFrame(() => {
    center()
    requestAnimationFrame(center)
  })
  return true
}

export class BlockWindow {
  /** Measured distance from a block's top to the next block's top. */
  private readonly pitches = new WeakMap<Element, number>()
  private readonly gapped = new Set<HTMLElement>()
  private averagePitch = FIRST_GUESS_PX
  private active = false
  /** Set once detached: a frame scheduled before must not touch a root another window now owns. */
  private disposed = false
  /** What the last refresh showed, to skip the DOM when nothing changed. */
  private shownKey = ''
  private pinned: HTMLElement | null = null
  private topsCache: { n: number; generation: number; tops: Float64Array } | null = null
  /** Counts measurements, so cached positions know when they are stale. */
  private generation = 0
  /** Where the caret's block was last time: usually where it still is. */
  private lastIndex = 0
  /** The blocks the last refresh showed, in order: the ones with a layout to measure. */
  private lastShown: Element[] = []
  /**
   * Whether blocks were added, removed or replaced since the last refresh. Until they are, every
   * block but the shown ones is hidden, and a scroll touches only the blocks that come into or
   * leave the window, not all of them (5,000 attribute reads were a third of a scroll's work).
   */
  private childrenChanged = true
  private readonly children = new MutationObserver(() => (this.childrenChanged = true))
  /**
   * Geometry, read when it changes (scroll, resize) and not on each keystroke: reading it
   * forces a layout in the middle of an edit.
   */
  private scrollTop = 0
  private viewHeight = 0
  private contentTop = 0

  constructor(
    private readonly root: HTMLElement,
    private readonly scroller: HTMLElement,
    /** Documents with fewer blocks (children of `root`) are left alone. */
    private readonly from: number
  ) {
    windows.set(root, this)
    this.children.observe(root, { childList: true })
    // the first refresh runs before the first layout: geometry read now would force a layout
    // of every block; read it once the window is shown
    this.viewHeight = window.innerHeight
    requestAnimationFrame(() => this.onViewportChange())
  }

  /** The scroller scrolled or changed size. */
  onViewportChange(): void {
    if (this.disposed) return
    this.readGeometry()
    this.refresh()
  }

  private readGeometry(): void {
    this.scrollTop = this.scroller.scrollTop
    this.viewHeight = this.scroller.clientHeight
    this.contentTop = this.root.offsetTop + parseFloat(getComputedStyle(this.root).paddingTop || '0')
  }

  dispose(): void {
    this.disposed = true
    this.children.disconnect()
    this.deactivate()
    if (windows.get(this.root) === this) windows.delete(this.root)
  }

  /** Keeps a block shown (a revealed citation or passage) until another is pinned. */
  pin(element: HTMLElement): void {
    let block: HTMLElement | null = element
    while (block && block.parentElement !== this.root) block = block.parentElement
    this.pinned = block
    this.refresh()
  }

  /** Recomputes which blocks are shown: after every editor update, scroll and resize. */
  refresh(): void {
    if (this.disposed) return
    const blocks = this.root.children
    if (blocks.length < this.from) {
      this.deactivate()
      return
    }
    if (!this.active) {
      this.active = true
      this.root.dataset['windowed'] = ''
    }
    // a change made in this task has not reached the observer's callback yet
    if (this.children.takeRecords().length > 0) this.childrenChanged = true
    let plan = this.plan()
    if (plan.key === this.shownKey && !this.childrenChanged) return
    // blocks new since the last refresh (a long note opened, a chunk of a source rendered)
    // have no layout yet: hide those outside the window before anything reads the layout
    const everyBlock = this.childrenChanged
    if (everyBlock) this.hideNewBlocks(plan.shown)
    // measure what was shown, before it is hidden, so gaps match what was there
    if (this.lastShown.length > 0) {
      this.measure()
      plan = this.plan()
    }
    this.apply(plan.shown, plan.tops, everyBlock)
    this.shownKey = plan.key
    this.childrenChanged = false
  }

  private hideNewBlocks(shown: number[]): void {
    const blocks = this.root.children
    const keep = new Set(shown)
    const shownBefore = new Set(this.lastShown)
    for (let i = 0; i < blocks.length; i++) {
      const block = blocks[i]!
      if (!keep.has(i) && !shownBefore.has(block) && !block.hasAttribute(OUTSIDE)) block.setAttribute(OUTSIDE, '')
    }
  }

  private plan(): { shown: number[]; tops: Float64Array; key: string } {
    const n = this.root.children.length
    const tops = this.tops(n)
    const viewTop = this.scrollTop - this.contentTop
    const margin = this.viewHeight * MARGIN_SCREENS
    const start = Math.max(0, upperBound(tops, viewTop - margin) - 1)
    const end = Math.min(n - 1, upperBound(tops, viewTop + this.viewHeight + margin))
    const shown = new Set<number>([0, n - 1])
    for (let i = start; i <= end; i++) shown.add(i)
    // the caret's block and its neighbours, so arrow keys always have somewhere to go
    const selection = document.getSelection()
    for (const node of [selection?.anchorNode, selection?.focusNode, this.pinned]) {
      const at = this.blockIndex(node ?? null)
      if (at >= 0) for (let i = Math.max(0, at - 2); i <= Math.min(n - 1, at + 2); i++) shown.add(i)
    }
    const sorted = [...shown].sort((a, b) => a - b)
    return { shown: sorted, tops, key: `${n}:${sorted.join(',')}` }
  }

  /**
   * Where each block starts, from measured or estimated pitches: recomputed only when blocks
   * are added or removed or measured, not on every keystroke.
   */
  private tops(n: number): Float64Array {
    if (this.topsCache?.n === n && this.topsCache.generation === this.generation) return this.topsCache.tops
    const blocks = this.root.children
    const tops = new Float64Array(n + 1)
    for (let i = 0; i < n; i++) tops[i + 1] = tops[i]! + (this.pitches.get(blocks[i]!) ?? this.averagePitch)
    this.topsCache = { n, generation: this.generation, tops }
    return tops
  }

  /** Shows the blocks at `shown` and hides the rest: checking every block, or (`everyBlock` false) only those shown before. */
  private apply(shown: number[], tops: Float64Array, everyBlock: boolean): void {
    const blocks = this.root.children
    const next = shown.map((i) => blocks[i]!)
    const nextSet = new Set(next)
    // touch only blocks that change: an attribute write invalidates the block's style
    const toCheck: Iterable<Element> = everyBlock ? blocks : [...this.lastShown, ...next]
    for (const block of toCheck) {
      const hidden = block.hasAttribute(OUTSIDE)
      if (nextSet.has(block) === hidden) {
        if (hidden) block.removeAttribute(OUTSIDE)
        else block.setAttribute(OUTSIDE, '')
      }
    }
    this.lastShown = next
    const gaps = new Map<HTMLElement, number>()
    for (let k = 1; k < shown.length; k++) {
      const previous = shown[k - 1]!
      const current = shown[k]!
      if (current > previous + 1) gaps.set(blocks[current] as HTMLElement, tops[current]! - tops[previous + 1]!)
    }
    for (const block of this.gapped) if (!gaps.has(block)) block.style.removeProperty('margin-top')
    for (const [block, px] of gaps) block.style.setProperty('margin-top', `${Math.round(px)}px`)
    this.gapped.clear()
    for (const block of gaps.keys()) this.gapped.add(block)
  }

  /** Records the pitch of each block shown last time that is followed by one without a gap. */
  private measure(): void {
    let previous: { block: Element; top: number } | null = null
    let sum = 0
    let count = 0
    for (const block of this.lastShown) {
      if (block.parentElement !== this.root || block.hasAttribute(OUTSIDE)) {
        previous = null
        continue
      }
      const top = block.getBoundingClientRect().top
      // a pitch is measured between neighbours that were both shown, with no gap between them
      if (previous && block.previousElementSibling === previous.block && !this.gapped.has(block as HTMLElement)) {
        const pitch = top - previous.top
        if (pitch > 0) {
          this.pitches.set(previous.block, pitch)
          sum += pitch
          count++
        }
      }
      previous = { block, top }
    }
    if (count > 0) this.averagePitch = sum / count
    this.generation++
  }

  private blockIndex(node: Node | null): number {
    let block: Node | null = node
    while (block && block.parentNode !== this.root) block = block.parentNode
    if (!block) return -1
    // look where it was and next to it first: a search of 10,000 children costs milliseconds
    const blocks = this.root.children
    for (const at of [this.lastIndex, this.lastIndex + 1, this.lastIndex - 1, this.lastIndex + 2, this.lastIndex - 2]) {
      if (blocks[at] === block) return (this.lastIndex = at)
    }
    const at = Array.prototype.indexOf.call(blocks, block)
    if (at >= 0) this.lastIndex = at
    return at
  }

  private deactivate(): void {
    if (!this.active) return
    this.active = false
    delete this.root.dataset['windowed']
    for (const block of this.root.querySelectorAll(`:scope > [${OUTSIDE}]`)) block.removeAttribute(OUTSIDE)
    for (const block of this.gapped) block.style.removeProperty('margin-top')
    this.gapped.clear()
    this.lastShown = []
    this.shownKey = ''
    this.childrenChanged = true
  }
}

/**
 * Windows the blocks of `root` inside `scroller`, following its scrolling and size; the caller
 * calls `refresh()` when the blocks or the selection change. Returns the window and its undoing.
 */
export function attachBlockWindow(root: HTMLElement, scroller: HTMLElement, from: number): { blockWindow: BlockWindow; detach: () => void } {
  const blockWindow = new BlockWindow(root, scroller, from)
  const onViewportChange = (): void => blockWindow.onViewportChange()
  scroller.addEventListener('scroll', onViewportChange, { passive: true })
  const resize = new ResizeObserver(onViewportChange)
  resize.observe(scroller)
  blockWindow.refresh()
  return {
    blockWindow,
    detach: () => {
      scroller.removeEventListener('scroll', onViewportChange)
      resize.disconnect()
      blockWindow.dispose()
    }
  }
}

/** The first index whose value exceeds `value` (values ascending). */
function upperBound(values: Float64Array, value: number): number {
  let lo = 0
  let hi = values.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (values[mid]! <= value) lo = mid + 1
    else hi = mid
  }
  return lo
}
