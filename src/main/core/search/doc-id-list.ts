/**
 * A sorted list of document ids kept as one UTF-8 buffer and the offsets of each id in it: a
 * million ids cost their bytes (about 30 MB) instead of a million JavaScript strings (about
 * 80 MB of heap), and load without being split. An id is decoded when it is asked for: the hits
 * of a query, and the binary search of a changed document.
 */
export class DocIdList {
  private constructor(
    private readonly text: Buffer,
    /** Id i is text[offsets[i], offsets[i + 1]). */
    private readonly offsets: Uint32Array
  ) {}

  /** The two sections of a list of ids, sorted in JavaScript's string order. */
  static encode(ids: readonly string[]): { text: Buffer; offsets: Uint32Array } {
    const offsets = new Uint32Array(ids.length + 1)
    let at = 0
    ids.forEach((id, i) => (offsets[i + 1] = at += Buffer.byteLength(id, 'utf8')))
    const text = Buffer.allocUnsafe(at)
    ids.forEach((id, i) => text.write(id, offsets[i]!, 'utf8'))
    return { text, offsets }
  }

  /** A list over its two sections; throws when the offsets do not describe the text. */
  static over(text: Buffer, offsets: Uint32Array): DocIdList {
    if (offsets.length === 0 || offsets[0] !== 0 || offsets[offsets.length - 1] !== text.length) throw new Error('the document list is damaged')
    for (let i = 1; i < offsets.length; i++) if (offsets[i]! < offsets[i - 1]!) throw new Error('the document list is damaged')
    return new DocIdList(text, offsets)
  }

  static of(ids: readonly string[]): DocIdList {
    const { text, offsets } = DocIdList.encode(ids)
    return new DocIdList(text, offsets)
  }

  get length(): number {
    return this.offsets.length - 1
  }

  at(i: number): string {
    return this.text.toString('utf8', this.offsets[i], this.offsets[i + 1])
  }

  /** The position of `id`, or -1 (a binary search, decoding about twenty ids). */
  indexOf(id: string): number {
    let lo = 0
    let hi = this.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.at(mid) < id) lo = mid + 1
      else hi = mid
    }
    return lo < this.length && this.at(lo) === id ? lo : -1
  }

  toArray(): string[] {
    return Array.from({ length: this.length }, (_, i) => this.at(i))
  }
}
