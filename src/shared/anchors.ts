import search from 'approx-string-match'
import { blockById, blockPosition } from './block-lookup'
import type { Block, Source } from './model'

/** W3C Web Annotation's TextQuoteSelector: the quoted words with a little context either side. */
export interface TextQuoteSelector {
  exact: string
  prefix: string
  suffix: string
}

/** Where a link in a note points: a block of a source, by id and by quote. */
export interface ParagraphAnchor {
  sourceId: string
  blockId: string
  quote: TextQuoteSelector
  /** Character range inside the block's text when only part of it is cited. */
  range?: { start: number; end: number }
  /** The ¶ number when the link was made (null for unnumbered blocks). */
  paragraph: number | null
}

/**
 * How a link resolved against the current source:
 * `exact` — the block id still exists; `moved` — found by its exact words elsewhere;
 * `changed` — found, but the cited words changed since they were quoted; `orphan` — not found.
 */
export type AnchorStatus = 'exact' | 'moved' | 'changed' | 'orphan'

export interface AnchorResolution {
  status: AnchorStatus
  block: Block | null
  /** Where the quoted words are now, inside the block's text. */
  range?: { start: number; end: number }
}

/** How much context a quote keeps either side. */
export const CONTEXT_CHARS = 32
/** Quotes shorter than this must match exactly: a fuzzy match of a few letters is a guess. */
const MIN_FUZZY_LENGTH = 16
/** The share of a quote that may differ for a fuzzy match to count. */
const MAX_ERROR_RATE = 0.25

const nfc = (text: string): string => text.normalize('NFC').replace(/\r\n?/g, '\n')

/** Makes the anchor for a whole block, or for `range` inside it. */
export function createAnchor(source: Source, blockId: string, range?: { start: number; end: number }): ParagraphAnchor {
  const index = blockPosition(source.blocks, blockId)
  const block = source.blocks[index]
  if (!block) throw new Error(`No block ${blockId} in ${source.id}`)
  const text = block.text
  let quote: TextQuoteSelector
  if (range && range.start >= 0 && range.end <= text.length && range.start < range.end) {
    quote = {
      exact: text.slice(range.start, range.end),
      prefix: text.slice(Math.max(0, range.start - CONTEXT_CHARS), range.start),
      suffix: text.slice(range.end, range.end + CONTEXT_CHARS)
    }
  } else {
    range = undefined
    quote = {
      exact: text,
      prefix: (source.blocks[index - 1]?.text ?? '').slice(-CONTEXT_CHARS),
      suffix: (source.blocks[index + 1]?.text ?? '').slice(0, CONTEXT_CHARS)
    }
  }
  const anchor: ParagraphAnchor = { sourceId: source.id, blockId, quote, paragraph: block.paragraph }
  if (range) anchor.range = { start: range.start, end: range.end }
  return anchor
}

interface Candidate {
  index: number
  start: number
  end: number
  /** 1 for the exact words, less for a fuzzy match. */
  quoteScore: number
}

/**
 * Finds what an anchor points at now: by block id; else by the exact quote; else by a fuzzy
 * match of the quote (Myers' algorithm, as Hypothesis anchors annotations), with the context and
 * the old position breaking ties. Rather than guess, it reports an orphan.
 */
export function resolveAnchor(source: Source, anchor: ParagraphAnchor): AnchorResolution {
  const exact = nfc(anchor.quote.exact)
  const byId = blockById(source.blocks, anchor.blockId)
  if (byId) {
    const text = nfc(byId.text)
    const at = anchor.range && text.slice(anchor.range.start, anchor.range.end) === exact ? anchor.range.start : text.indexOf(exact)
    if (at >= 0) return withRange({ status: 'exact', block: byId }, anchor, at, at + exact.length)
  }
  if (exact.trim() === '') return { status: 'orphan', block: null }

  const exactHits = findExact(source.blocks, exact)
  const candidates = exactHits.length > 0 ? exactHits : findFuzzy(source.blocks, exact)
  const best = pickBest(source.blocks, candidates, anchor)
  if (!best) return { status: 'orphan', block: null }
  const block = source.blocks[best.index]!
  return withRange({ status: best.quoteScore === 1 ? 'moved' : 'changed', block }, anchor, best.start, best.end)
}

function withRange(resolution: AnchorResolution, anchor: ParagraphAnchor, start: number, end: number): AnchorResolution {
  return anchor.range ? { ...resolution, range: { start, end } } : resolution
}

function findExact(blocks: Block[], exact: string): Candidate[] {
  const hits: Candidate[] = []
  blocks.forEach((block, index) => {
    const text = nfc(block.text)
    for (let at = text.indexOf(exact); at >= 0; at = text.indexOf(exact, at + 1)) {
      hits.push({ index, start: at, end: at + exact.length, quoteScore: 1 })
    }
  })
  return hits
}

function findFuzzy(blocks: Block[], exact: string): Candidate[] {
  if (exact.length < MIN_FUZZY_LENGTH) return []
  const maxErrors = Math.floor(exact.length * MAX_ERROR_RATE)
  const hits: Candidate[] = []
  blocks.forEach((block, index) => {
    const text = nfc(block.text)
    // a block much shorter than the quote cannot be within the error budget
    if (text.length < exact.length - maxErrors) return
    for (const match of search(text, exact, maxErrors)) {
      hits.push({ index, start: match.start, end: match.end, quoteScore: 1 - match.errors / exact.length })
    }
  })
  return hits
}

/** Scores candidates as Hypothesis does: the quote first, then its context, then its position. */
function pickBest(blocks: Block[], candidates: Candidate[], anchor: ParagraphAnchor): Candidate | null {
  let best: Candidate | null = null
  let bestScore = -Infinity
  for (const candidate of candidates) {
    const text = nfc(blocks[candidate.index]!.text)
    const before = anchor.range ? text.slice(0, candidate.start) : nfc(blocks[candidate.index - 1]?.text ?? '')
    const after = anchor.range ? text.slice(candidate.end) : nfc(blocks[candidate.index + 1]?.text ?? '')
    const prefixScore = contextSimilarity(nfc(anchor.quote.prefix), before.slice(-anchor.quote.prefix.length))
    const suffixScore = contextSimilarity(nfc(anchor.quote.suffix), after.slice(0, anchor.quote.suffix.length))
    const paragraph = blocks[candidate.index]!.paragraph
    const distance = anchor.paragraph !== null && paragraph !== null ? Math.abs(paragraph - anchor.paragraph) : candidate.index
    const positionScore = 1 / (1 + distance)
    const score = candidate.quoteScore * 50 + prefixScore * 20 + suffixScore * 20 + positionScore * 2
    if (score > bestScore) {
      best = candidate
      bestScore = score
    }
  }
  return best
}

/** 1 when the context is the same, falling with the edits needed (empty context counts as a match). */
function contextSimilarity(saved: string, found: string): number {
  if (saved.length === 0) return 1
  if (found.length === 0) return 0
  const [match] = search(found, saved, saved.length)
  return match ? 1 - match.errors / saved.length : 0
}
