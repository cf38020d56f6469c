import { resolveAnchor, type ParagraphAnchor } from '../../../shared/anchors'
import { paragraphLabel, shortTitle } from '../../../shared/links'
import type { Source } from '../../../shared/model'

/** What a paragraph link's chip shows, resolved against its source as it is now. */
export interface ChipView {
  state: 'ok' | 'changed' | 'orphan'
  /** The accessible name: `¶6 · Russia and Iran – a strategic…`, with the link's state. */
  label: string
  number: string
  title: string
  /** The paragraph (or the cited words) shown on hover or focus; the saved quote of an orphan. */
  preview: string
  /** The block a click reveals; null when the link does not resolve (or its source is not loaded yet). */
  revealBlockId: string | null
  /** The cited words' place in that block now, when the link quotes words (a click marks them). */
  revealRange: { start: number; end: number } | null
}

const PREVIEW_CHARS = 420

/**
 * The chip of a link. `loaded`: the source, null when known not to exist (a failed load, or
 * deleted), undefined while not loaded (the chip shows what the link saved).
 */
export function chipView(anchor: ParagraphAnchor, sourceTitle: string, loaded: Source | null | undefined): ChipView {
  const resolution = loaded ? resolveAnchor(loaded, anchor) : null
  const orphan = resolution?.status === 'orphan' || loaded === null
  const changed = resolution?.status === 'changed'
  const block = resolution?.block ?? null
  const number = paragraphLabel(block ? block.paragraph : anchor.paragraph, block?.page, block?.chapter)
  const title = shortTitle(loaded?.meta.title ?? sourceTitle)
  const state = orphan ? 'orphan' : changed ? 'changed' : 'ok'
  const preview = anchor.range && resolution?.range && block ? block.text.slice(resolution.range.start, resolution.range.end) : (block?.text ?? anchor.quote.exact)
  return {
    state,
    label: `${number} · ${title}${orphan ? ' (unresolved link)' : changed ? ' (cited words changed)' : ''}`,
    number,
    title,
    preview: preview.length > PREVIEW_CHARS ? `${preview.slice(0, PREVIEW_CHARS)}…` : preview,
    revealBlockId: block?.id ?? null,
    revealRange: anchor.range && resolution?.range && block ? resolution.range : null
  }
}

const PREVIEW_HEADS: Record<ChipView['state'], string | null> = {
  ok: null,
  changed: 'The cited words changed since they were quoted. Now: ',
  orphan: 'Unresolved link. Saved quote: '
}
const FLAGS: Record<ChipView['state'], string | null> = { ok: null, changed: 'changed', orphan: 'unresolved' }

/**
 * Draws a chip into its host element (a plain DOM button, not a React component: a note with
 * 500 chips mounted 500 React portals, and React set up its event listeners on each).
 */
export function drawChip(host: HTMLElement, view: ChipView, anchor: ParagraphAnchor, tooltipId: string): void {
  const button = document.createElement('button')
  button.type = 'button'
  button.className = `chip chip-${view.state}`
  button.contentEditable = 'false'
  button.setAttribute('aria-label', view.label)
  button.setAttribute('aria-describedby', tooltipId)
  button.dataset['chipBlock'] = view.revealBlockId ?? anchor.blockId
  button.dataset['chipSource'] = anchor.sourceId
  // the space (not drawn in the inline-flex chip) keeps the words apart in the chip's text, so the
  // visible text is found in the accessible name (WCAG 2.5.3)
  button.append(span('chip-number', view.number), ' ', span('chip-title', view.title))
  const flag = FLAGS[view.state]
  if (flag) {
    const flagged = span('chip-flag', flag)
    flagged.setAttribute('aria-hidden', 'true')
    button.append(flagged)
  }
  const preview = span('chip-preview', '')
  preview.setAttribute('role', 'tooltip')
  preview.id = tooltipId
  const head = PREVIEW_HEADS[view.state]
  if (head) preview.append(Object.assign(document.createElement('strong'), { className: 'chip-preview-head', textContent: head }))
  preview.append(view.preview)
  // beside the button, not in it: shown, its text would join the button's visible text, which
  // must match the button's name (WCAG 2.5.3); in the host, hovering it keeps it shown (1.4.13)
  host.replaceChildren(button, preview)
}

function span(className: string, text: string): HTMLSpanElement {
  const element = document.createElement('span')
  element.className = className
  element.textContent = text
  return element
}
