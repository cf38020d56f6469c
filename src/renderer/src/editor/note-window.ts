/**
 * Windowing for long notes. Chromium lays out, hit-tests and syncs the selection of a
 * contenteditable in time that grows with its number of blocks: in a 10,000-paragraph note each
 * keystroke cost 50–100 ms. Above `WINDOW_FROM` blocks, every block away from the viewport and
 * the caret gets `display: none` (Lexical's DOM and model stay whole: undo, copy, select-all,
 * save and export see everything), and the first block after each hidden run gets a top margin
 * as tall as the run was, so the scroll height and the scrollbar stay true. Heights are measured
 * while blocks are shown and estimated from the average before.
 */

/** Notes with fewer top-level blocks are left alone. */
export const WINDOW_FROM = 400
/** Blocks are shown this many viewport heights above and below the viewport. */
const MARGIN_SCREENS = 1
/** Estimated height of a block never measured (a line of text and its margin), until one is. */
const FIRST_GUESS_PX = 30
/** The class that hides a block (see editor.css). */
export const OUTSIDE_CLASS = 'outside-window'

const windows = new WeakMap<HTMLElement, NoteWindow>()

/** Shows `element` (a block of a note, or something inside one) if windowing hid it. */
export function revealInWindow(element: HTMLElement): void {
  const root = element.closest<HTMLElement>('[data-windowed]')
  if (root) windows.get(root)?.pin(element)
}

export class NoteWindow {
  /** Measured distance from a block's top to the next block's top. */
  private readonly pitches = new WeakMap<Element, number>()
  private readonly gapped = new Set<HTMLElement>()
  private averagePitch = FIRST_GUESS_PX
  private active = false
  /** What the last refresh showed, to skip the DOM when nothing changed. */
  private shownKey = ''
  private pinned: HTMLElement | null = null
  /**
   * Geometry, read when it changes (scroll, resize) and not on each keystroke: reading it
   * forces a layout in the middle of an edit.
   */
  private scrollTop = 0
  private viewHeight = 0
  private contentTop = 0

  constructor(
    private readonly root: HTMLElement,
    private readonly scroller: HTMLElement
  ) {
    windows.set(root, this)
    // the first refresh runs before the first layout: geometry read now would force a layout
    // of every block; read it once the window is shown
    this.viewHeight = window.innerHeight
    requestAnimationFrame(() => this.onViewportChange())
  }

  /** The scroller scrolled or changed size. */
  onViewportChange(): void {
    this.readGeometry()
    this.refresh()
  }

  private readGeometry(): void {
    this.scrollTop = this.scroller.scrollTop
    this.viewHeight = this.scroller.clientHeight
    this.contentTop = this.root.offsetTop + parseFloat(getComputedStyle(this.root).paddingTop || '0')
  }

  dispose(): void {
    this.deactivate()
    windows.delete(this.root)
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
    const blocks = this.root.children
    if (blocks.length < WINDOW_FROM) {
      this.deactivate()
      return
    }
    if (!this.active) {
      this.active = true
      this.root.dataset['windowed'] = ''
    }
    let plan = this.plan()
    if (plan.key === this.shownKey) return
    // measure what is shown now, before it is hidden, so gaps match what was there
    this.measure()
    plan = this.plan()
    this.apply(plan.shown, plan.tops)
    this.shownKey = plan.key
  }

  private plan(): { shown: number[]; tops: Float64Array; key: string } {
    const blocks = this.root.children
    const n = blocks.length
    const tops = new Float64Array(n + 1)
    for (let i = 0; i < n; i++) tops[i + 1] = tops[i]! + (this.pitches.get(blocks[i]!) ?? this.averagePitch)
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

  private apply(shown: number[], tops: Float64Array): void {
    const blocks = this.root.children
    const visible = new Uint8Array(blocks.length)
    for (const i of shown) visible[i] = 1
    for (let i = 0; i < blocks.length; i++) {
      const block = blocks[i] as HTMLElement
      // touch only blocks that change: a class write invalidates the block's style
      const hidden = block.classList.contains(OUTSIDE_CLASS)
      if (visible[i] === 1 && hidden) block.classList.remove(OUTSIDE_CLASS)
      else if (visible[i] === 0 && !hidden) block.classList.add(OUTSIDE_CLASS)
    }
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

  /** Records the pitch of each shown block that is followed by a shown block without a gap. */
  private measure(): void {
    const blocks = this.root.children
    let previous: { block: Element; top: number } | null = null
    let sum = 0
    let count = 0
    for (let i = 0; i < blocks.length; i++) {
      const block = blocks[i]!
      if (block.classList.contains(OUTSIDE_CLASS)) {
        previous = null
        continue
      }
      const top = block.getBoundingClientRect().top
      if (previous && !this.gapped.has(block as HTMLElement)) {
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
  }

  private blockIndex(node: Node | null): number {
    let block: Node | null = node
    while (block && block.parentNode !== this.root) block = block.parentNode
    return block ? Array.prototype.indexOf.call(this.root.children, block) : -1
  }

  private deactivate(): void {
    if (!this.active) return
    this.active = false
    delete this.root.dataset['windowed']
    for (const block of this.root.querySelectorAll(`:scope > .${OUTSIDE_CLASS}`)) block.classList.remove(OUTSIDE_CLASS)
    for (const block of this.gapped) block.style.removeProperty('margin-top')
    this.gapped.clear()
    this.shownKey = ''
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
