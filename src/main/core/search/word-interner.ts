/** Letters and digits of any script: what `tokenize` keeps as words (its WORD pattern, one character). */
const WORD_CHARACTER = /^[\p{L}\p{N}]$/u
/** Hyphens that join a compound ("S-300"); not en dashes ("1990–2000" is a range). */
const isHyphen = (code: number): boolean => code === 0x2d || code === 0x2010 || code === 0x2011

/** FNV-1a over UTF-16 units. */
const FNV_OFFSET = 0x811c9dc5 | 0
const FNV_PRIME = 0x01000193

/** 1 for ASCII letters and digits (the ASCII part of \p{L} and \p{N}). */
const ASCII_WORD = Uint8Array.from({ length: 0x80 }, (_, code) => (/[A-Za-z0-9]/.test(String.fromCharCode(code)) ? 1 : 0))

/** 0: not classified yet, 1: a word character, 2: not one. For the 65,536 UTF-16 code units, filled as met. */
const unitClass = new Uint8Array(0x10000)
const astralClass = new Map<number, boolean>()

/** UTF-16 units of the word character starting at `at` (1, or 2 for a surrogate pair), or 0 when there is none. */
function wordCharacterAt(text: string, at: number): number {
  const code = text.charCodeAt(at)
  if (code >= 0xd800 && code <= 0xdbff && at + 1 < text.length) {
    const low = text.charCodeAt(at + 1)
    if (low >= 0xdc00 && low <= 0xdfff) {
      const point = ((code - 0xd800) << 10) + (low - 0xdc00) + 0x10000
      let word = astralClass.get(point)
      if (word === undefined) astralClass.set(point, (word = WORD_CHARACTER.test(String.fromCodePoint(point))))
      return word ? 2 : 0
    }
  }
  let kind = unitClass[code]!
  if (kind === 0) unitClass[code] = kind = WORD_CHARACTER.test(String.fromCharCode(code)) ? 1 : 2
  return kind === 1 ? 1 : 0
}

/**
 * Numbers the words of texts as `tokenize` splits them (each run of letters and digits, and each
 * hyphenated compound joined: "S-300" gives "S", "300" and "S300"), without making a string per
 * word: a word is looked up by hashing its characters in place, and only a word never met before
 * is copied out. Indexing a million paragraphs meets 45 million words and a few hundred thousand
 * distinct ones; a Map keyed by each word's new string spent most of the build hashing them.
 */
export class WordInterner {
  /** The distinct words, by number. */
  readonly words: string[] = []
  /** The words' UTF-16 units one after another (word w is units [starts[w], starts[w + 1])): compared faster than strings. */
  private units = new Uint16Array(1 << 16)
  private starts = new Int32Array(1 << 12)
  /** Open addressing, linear probing; slot s holds [word number + 1 (0: empty), its hash] at 2s, side by side in memory. */
  private table = new Int32Array(2 << 12)

  /** Calls `visit` with the number of every word of `text`, compounds' joined forms after the words. */
  visitWords(text: string, visit: (word: number) => void): void {
    const length = text.length
    let compounds: string[] | null = null
    let compound = ''
    let parts = 0
    let at = 0
    while (at < length) {
      // one pass over each word: its characters classified (ASCII from a table) and hashed together
      let code = text.charCodeAt(at)
      let step = code < 0x80 ? ASCII_WORD[code]! : wordCharacterAt(text, at)
      if (step === 0) {
        at++
        continue
      }
      const start = at
      let hash = FNV_OFFSET
      do {
        hash = Math.imul(hash ^ code, FNV_PRIME)
        if (step === 2) hash = Math.imul(hash ^ text.charCodeAt(at + 1), FNV_PRIME)
        at += step
        if (at >= length) break
        code = text.charCodeAt(at)
        step = code < 0x80 ? ASCII_WORD[code]! : wordCharacterAt(text, at)
      } while (step > 0)
      visit(this.find(text, start, at, hash))
      // a hyphen between two words continues a compound
      const joined = at + 1 < length && isHyphen(text.charCodeAt(at)) && wordCharacterAt(text, at + 1) > 0
      if (joined || parts > 0) {
        compound += text.slice(start, at)
        parts++
      }
      if (!joined && parts > 0) {
        ;(compounds ??= []).push(compound)
        compound = ''
        parts = 0
      }
      if (joined) at++
    }
    if (compounds) for (const word of compounds) visit(this.numberOf(word, 0, word.length))
  }

  /** The number of text[start, end) as a word, given a new one if it was never met. */
  private numberOf(text: string, start: number, end: number): number {
    let hash = FNV_OFFSET
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME)
    return this.find(text, start, end, hash)
  }

  private find(text: string, start: number, end: number, hash: number): number {
    const table = this.table
    const mask = (table.length >> 1) - 1
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = table[slot << 1]!
      if (entry === 0) return this.add(text.slice(start, end), hash, slot)
      if (table[(slot << 1) + 1] === hash && this.holds(entry - 1, text, start, end)) return entry - 1
    }
  }

  /** Whether word `word` is text[start, end). */
  private holds(word: number, text: string, start: number, end: number): boolean {
    const from = this.starts[word]!
    if (this.starts[word + 1]! - from !== end - start) return false
    for (let i = start, j = from; i < end; i++, j++) if (this.units[j] !== text.charCodeAt(i)) return false
    return true
  }

  private add(word: string, hash: number, slot: number): number {
    const number = this.words.length
    this.words.push(word)
    if (number + 2 > this.starts.length) this.starts = grownTo(this.starts, this.starts.length * 2)
    const from = this.starts[number]!
    if (from + word.length > this.units.length) this.units = grownTo(this.units, Math.max(this.units.length * 2, from + word.length))
    for (let i = 0; i < word.length; i++) this.units[from + i] = word.charCodeAt(i)
    this.starts[number + 1] = from + word.length
    this.table[slot << 1] = number + 1
    this.table[(slot << 1) + 1] = hash
    if (this.words.length * 4 > this.table.length) this.grow()
    return number
  }

  private grow(): void {
    const old = this.table
    const table = new Int32Array(old.length * 2)
    const mask = (table.length >> 1) - 1
    for (let at = 0; at < old.length; at += 2) {
      if (old[at] === 0) continue
      let slot = old[at + 1]! & mask
      while (table[slot << 1] !== 0) slot = (slot + 1) & mask
      table[slot << 1] = old[at]!
      table[(slot << 1) + 1] = old[at + 1]!
    }
    this.table = table
  }
}

function grownTo<A extends Uint16Array | Int32Array>(array: A, size: number): A {
  const bigger = new (array.constructor as new (length: number) => A)(size)
  bigger.set(array)
  return bigger
}
