// Small statistics the PDF layout measures type sizes, gaps and margins with.

/** The value with the greatest total weight (the body's type size, weighted by how much text is set in it). */
export function weightedMode(values: [number, number][]): number {
  const weights = new Map<number, number>()
  for (const [value, weight] of values) weights.set(value, (weights.get(value) ?? 0) + weight)
  let best = values[0]?.[0] ?? 0
  for (const [value, weight] of weights) if (weight > (weights.get(best) ?? 0)) best = value
  return best
}

export function median(values: number[]): number | undefined {
  return percentile(values, 0.5)
}

export function percentile(values: number[], p: number): number | undefined {
  if (values.length === 0) return undefined
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]
}

export function round1(value: number): number {
  return Math.round(value * 10) / 10
}
