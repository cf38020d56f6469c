import { describe, expect, it } from 'vitest'
import { ScoreTable } from './score-table'

describe('ScoreTable', () => {
  it('keeps the k best scores, best first', () => {
    const table = ScoreTable.acquire(10)
    for (const [doc, score] of [[3, 1], [7, 5], [1, 2], [9, 4]] as const) table.add(doc, score)
    table.add(1, 1)
    expect(table.best(2)).toEqual([[7, 5], [9, 4]])
    table.release()
  })

  it('comes back empty after it is released and reused', () => {
    const first = ScoreTable.acquire(100)
    first.add(42, 3)
    first.add(5, 1)
    first.remove(5)
    first.release()
    const again = ScoreTable.acquire(50)
    expect(again).toBe(first)
    expect(again.candidates()).toEqual(new Uint32Array(0))
    expect(again.get(42)).toBe(0)
    again.add(42, 1)
    expect(again.best(5)).toEqual([[42, 1]])
    again.release()
  })

  it('lists the documents with a score in ascending order, without the removed ones', () => {
    const table = ScoreTable.acquire(20)
    for (const doc of [12, 3, 17, 5, 8]) table.add(doc, 1)
    table.remove(17)
    expect([...table.candidates()]).toEqual([3, 5, 8, 12])
    table.release()
  })

  it('is never reused for more documents than it holds', () => {
    const small = ScoreTable.acquire(10)
    small.release()
    const big = ScoreTable.acquire(1000)
    expect(big).not.toBe(small)
    big.add(999, 1)
    expect(big.get(999)).toBe(1)
    big.release()
  })
})
