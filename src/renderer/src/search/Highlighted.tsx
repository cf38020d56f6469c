import type { ReactNode } from 'react'

/** Text with the given [start, end) ranges wrapped in <mark>. */
export function Highlighted({ text, ranges }: { text: string; ranges: [number, number][] }): ReactNode {
  const parts: ReactNode[] = []
  let at = 0
  ranges.forEach(([start, end], i) => {
    if (start > at) parts.push(text.slice(at, start))
    parts.push(<mark key={i}>{text.slice(start, end)}</mark>)
    at = end
  })
  parts.push(text.slice(at))
  return parts
}
