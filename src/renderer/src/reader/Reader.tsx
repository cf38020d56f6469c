import { useEffect, type ReactNode } from 'react'
import type { Source } from '../../../shared/model'
import { BlockView } from './BlockView'
import { blockIdFromHash, revealBlock } from './reveal'
import { SourceHeader } from './SourceHeader'

/** The reading pane: the open source as a reader would want it. */
export function Reader({ source }: { source: Source | null }): ReactNode {
  useEffect(() => {
    if (!source) return
    const onHash = (): void => {
      const id = blockIdFromHash(window.location.hash)
      if (id) revealBlock(id)
    }
    onHash()
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [source])

  return (
    <section className="reader" aria-label="Source">
      {source ? (
        <article className="reader-article" lang="en">
          <SourceHeader meta={source.meta} />
          {source.blocks.map((block) => (
            <BlockView key={block.id} block={block} />
          ))}
        </article>
      ) : (
        <p className="reader-empty">Loading the source…</p>
      )}
    </section>
  )
}
