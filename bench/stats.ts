/** The value at quantile q (0–1) of the samples, by nearest rank. */
export function quantile(samples: number[], q: number): number {
  if (samples.length === 0) return NaN
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!
}

export const median = (samples: number[]): number => quantile(samples, 0.5)

export const round = (value: number, digits = 2): number => Math.round(value * 10 ** digits) / 10 ** digits

/** Milliseconds taken by fn. */
export async function time(fn: () => unknown): Promise<number> {
  const start = performance.now()
  await fn()
  return performance.now() - start
}

/** A small seeded PRNG (mulberry32): the same seed gives the same workspace on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function heapUsedMb(): number {
  return memoryMb().heap
}

/** JavaScript heap and ArrayBuffer memory (typed arrays live outside the heap), after a GC when exposed. */
export function memoryMb(): { heap: number; buffers: number } {
  ;(globalThis as { gc?: () => void }).gc?.()
  const { heapUsed, arrayBuffers } = process.memoryUsage()
  return { heap: heapUsed / 1048576, buffers: arrayBuffers / 1048576 }
}
