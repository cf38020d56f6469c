import fc from 'fast-check'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTempDirs } from '../test-support'
import { DocIdList } from './doc-id-list'
import { PassageStore, type StoredRecord } from './passage-store'

const tempDir = useTempDirs()

describe('PassageStore', () => {
  it('reads back each block and note as written (tabs, line breaks and any script in their text), nothing for another segment', () => {
    const records: (StoredRecord | null)[] = [
      { block: { text: 'Tehran\tand Moscow\nagreed — «да», 中文, 𝐀', paragraph: 12, kind: 'paragraph' } },
      { note: { title: 'Caspian\tnotes', passages: ['First passage.', 'A "quoted"\nline.', ''] } },
      null,
      { block: { text: 'Introduction', paragraph: null, kind: 'heading' } },
      { block: { text: '', paragraph: 3, kind: 'quote' } }
    ]
    const path = join(tempDir(), 'search-passages.bin')
    writeFileSync(path, PassageStore.encode('segment-1', records))
    const store = new PassageStore(path, 'segment-1')
    // read one at a time, and all within one opening of the file
    expect(records.map((_, doc) => store.read(doc))).toEqual(records)
    expect(store.reading(() => records.map((_, doc) => store.read(doc)))).toEqual(records)
    expect(store.read(5)).toBeNull()
    expect(new PassageStore(path, 'segment-2').read(0)).toBeNull()
    expect(new PassageStore(join(tempDir(), 'missing.bin'), 'segment-1').read(0)).toBeNull()
  })

  it('gives nothing, never a wrong block, from a damaged or truncated file', () => {
    const path = join(tempDir(), 'search-passages.bin')
    const file = PassageStore.encode('s', [{ block: { text: 'A paragraph.', paragraph: 1, kind: 'paragraph' } }])
    writeFileSync(path, file.subarray(0, file.length - 4))
    expect(new PassageStore(path, 's').read(0)).toBeNull()
    writeFileSync(path, readFileSync(path).fill(0x41, 520, 540))
    expect(new PassageStore(path, 's').read(0)).toBeNull()
  })
})

describe('DocIdList', () => {
  it('finds every id of a sorted list, and no other, as an array search would (property-based)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ unit: 'binary', maxLength: 12 })), fc.array(fc.string({ unit: 'binary', maxLength: 12 })), (ids, others) => {
        const sorted = [...ids].sort()
        const list = DocIdList.of(sorted)
        expect(list.toArray()).toEqual(sorted)
        sorted.forEach((id, i) => expect(list.indexOf(id)).toBe(i))
        for (const other of others) expect(list.indexOf(other)).toBe(sorted.indexOf(other))
      })
    )
  })
})
