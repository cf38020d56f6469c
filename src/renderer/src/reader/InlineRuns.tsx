import type { ReactNode } from 'react'
import type { InlineRun } from '../../../shared/model'

/** Renders a block's runs with their marks; links open outside the app (the shell validates them). */
export function InlineRuns({ runs }: { runs: InlineRun[] }): ReactNode {
  return runs.map((run, i) => {
    let node: ReactNode = run.text
    if (run.marks?.includes('code')) node = <code>{node}</code>
    if (run.marks?.includes('italic')) node = <em>{node}</em>
    if (run.marks?.includes('bold')) node = <strong>{node}</strong>
    if (run.href) {
      node = (
        <a href={run.href} target="_blank" rel="noopener noreferrer">
          {node}
        </a>
      )
    }
    return <span key={i}>{node}</span>
  })
}
