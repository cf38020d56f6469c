/**
 * Lookups in a sorted array of terms (JavaScript string order): exact, by prefix, and within an
 * edit distance. The array plays the part of MiniSearch's radix tree without a node per letter.
 */

/** The first index whose term is not less than `key`, searching from `from`. */
export function lowerBound(terms: readonly string[], key: string, from = 0): number {
  let lo = from
  let hi = terms.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (terms[mid]! < key) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The index of `key` in a sorted array, or -1. */
export function indexOfSorted(sorted: readonly string[], key: string): number {
  const at = lowerBound(sorted, key)
  return sorted[at] === key ? at : -1
}

/** Terms never hold U+FFFF, so every term starting with a prefix sorts before prefix + U+FFFF. */
const AFTER_EVERY_CONTINUATION = '\uffff'

/** The range [start, end) of terms that start with `prefix`. */
export function prefixRange(terms: readonly string[], prefix: string): [number, number] {
  const start = lowerBound(terms, prefix)
  return [start, lowerBound(terms, prefix + AFTER_EVERY_CONTINUATION, start)]
}

/**
 * Calls `visit` for every term within `maxDistance` edits (Levenshtein) of `query`. Walks the
 * sorted terms as a trie: rows of the edit-distance table are shared by terms with a common
 * prefix, and once every cell of a row exceeds `maxDistance`, all terms under that prefix are
 * skipped with one binary search.
 */
export function forEachTermWithin(terms: readonly string[], query: string, maxDistance: number, visit: (index: number, distance: number) => void): void {
  const width = query.length + 1
  const rows: Int32Array[] = [Int32Array.from({ length: width }, (_, j) => j)]
  let previous = ''
  let validRows = 0 // rows[1..validRows] describe the prefixes of `previous`
  let i = 0
  while (i < terms.length) {
    const term = terms[i]!
    let shared = 0
    const limit = Math.min(validRows, term.length)
    while (shared < limit && term.charCodeAt(shared) === previous.charCodeAt(shared)) shared++
    let prunedAt = 0
    for (let depth = shared + 1; depth <= term.length; depth++) {
      const above = rows[depth - 1]!
      const row = (rows[depth] ??= new Int32Array(width))
      const letter = term.charCodeAt(depth - 1)
      row[0] = depth
      let best = depth
      for (let j = 1; j < width; j++) {
        const substitution = above[j - 1]! + (query.charCodeAt(j - 1) === letter ? 0 : 1)
        const cell = Math.min(above[j]! + 1, row[j - 1]! + 1, substitution)
        row[j] = cell
        if (cell < best) best = cell
      }
      if (best > maxDistance) {
        prunedAt = depth
        break
      }
    }
    previous = term
    if (prunedAt > 0) {
      validRows = prunedAt
      i = lowerBound(terms, term.slice(0, prunedAt) + AFTER_EVERY_CONTINUATION, i + 1)
      continue
    }
    validRows = term.length
    const distance = rows[term.length]![width - 1]!
    if (distance <= maxDistance) visit(i, distance)
    i++
  }
}
