/**
 * A PDF's text layer and Pilcrow's reflow of it spell the same words differently: the layer
 * keeps line ends, hyphens that broke words, ligatures (ﬁ) and spaces as the file placed them;
 * the reflow joins lines and words. Both are compared through their keys: the text without
 * white space, hyphens and control characters, ligatures and presentation forms spelled out,
 * each key character remembering where it came from.
 */
export interface TextKey {
  key: string
  /** For each character of `key`, the offset in the text it came from. */
  offsets: number[]
}

const DROPPED = /[\s\p{Cc}\p{Cf}\-\u2010\u2011]/u
const PRESENTATION_FORM = /[\uFB00-\uFDFF\uFE70-\uFEFF]/u

export function textKey(text: string): TextKey {
  let key = ''
  const offsets: number[] = []
  for (let i = 0; i < text.length; i++) {
    let ch = text[i]!
    if (DROPPED.test(ch)) continue
    if (PRESENTATION_FORM.test(ch)) ch = ch.normalize('NFKC').replace(/\s/g, '')
    for (let k = 0; k < ch.length; k++) {
      key += ch[k]
      offsets.push(i)
    }
  }
  return { key, offsets }
}

/** How far to look either side of a passage when telling its occurrences apart. */
const CONTEXT = 48

/** The surroundings a passage is recognised by: the key characters before and after it. */
export interface KeyContext {
  before: string
  after: string
}

export function contextOf(key: string, start: number, end: number): KeyContext {
  return { before: key.slice(Math.max(0, start - CONTEXT), start), after: key.slice(end, end + CONTEXT) }
}

/**
 * The occurrence of `needle` in `hay` whose surroundings agree most with `around` (characters in
 * common going back from its start and forward from its end), and that agreement; null when
 * `needle` is not in `hay`. A word found many times in a page ("the") is told apart by them.
 */
export function bestOccurrence(hay: string, needle: string, around: KeyContext): { at: number; score: number } | null {
  if (needle === '') return null
  let best: { at: number; score: number } | null = null
  for (let at = hay.indexOf(needle); at !== -1; at = hay.indexOf(needle, at + 1)) {
    const score = commonBackward(hay, at, around.before) + commonForward(hay, at + needle.length, around.after)
    if (!best || score > best.score) best = { at, score }
  }
  return best
}

/**
 * The longest start of `needle` that stands in `hay` where `around.before` leads to it (a
 * passage running on to the next page: its part on this one), as [at, length]; null when no
 * start of at least `min` characters does.
 */
export function longestHead(hay: string, needle: string, around: KeyContext, min = 4): { at: number; length: number } | null {
  const agrees = (length: number) => {
    const found = bestOccurrence(hay, needle.slice(0, length), { before: around.before, after: '' })
    return found && found.score >= Math.min(around.before.length, 12) ? found.at : -1
  }
  return longestWhere(needle.length, min, agrees)
}

/** The longest end of `needle` that stands in `hay` followed by `around.after` (the part on the next page). */
export function longestTail(hay: string, needle: string, around: KeyContext, min = 4): { at: number; length: number } | null {
  const agrees = (length: number) => {
    const found = bestOccurrence(hay, needle.slice(needle.length - length), { before: '', after: around.after })
    return found && found.score >= Math.min(around.after.length, 12) ? found.at : -1
  }
  return longestWhere(needle.length, min, agrees)
}

/** Binary search for the greatest length in [min, max) at which `at(length)` finds a place (a shorter piece is found wherever a longer one is). */
function longestWhere(max: number, min: number, at: (length: number) => number): { at: number; length: number } | null {
  let found: { at: number; length: number } | null = null
  let low = min
  let high = max - 1
  while (low <= high) {
    const mid = (low + high) >> 1
    const place = at(mid)
    if (place >= 0) {
      found = { at: place, length: mid }
      low = mid + 1
    } else high = mid - 1
  }
  return found
}

function commonBackward(hay: string, end: number, before: string): number {
  let n = 0
  while (n < before.length && end - n - 1 >= 0 && hay[end - n - 1] === before[before.length - n - 1]) n++
  return n
}

function commonForward(hay: string, start: number, after: string): number {
  let n = 0
  while (n < after.length && start + n < hay.length && hay[start + n] === after[n]) n++
  return n
}

/** The key characters [start, end) that stand for characters [from, to) of the text. */
export function keySpan(text: TextKey, from: number, to: number): { start: number; end: number } {
  const start = lowerBound(text.offsets, from)
  const end = lowerBound(text.offsets, to)
  return { start, end }
}

/** The text characters [from, to) that key characters [start, end) come from. */
export function textSpan(text: TextKey, start: number, end: number): { start: number; end: number } {
  return { start: text.offsets[start]!, end: text.offsets[end - 1]! + 1 }
}

/** The first index whose value is at least `target` (values sorted). */
export function lowerBound(values: readonly number[], target: number): number {
  let low = 0
  let high = values.length
  while (low < high) {
    const mid = (low + high) >> 1
    if (values[mid]! < target) low = mid + 1
    else high = mid
  }
  return low
}
