import type { ReactNode } from 'react'
import { formatDate } from '../../../shared/dates'
import type { SourceMeta } from '../../../shared/model'


/** Title, author, date and publisher, as the article's own header shows them. */
export function SourceHeader({ meta, onCopyReference }: { meta: SourceMeta; onCopyReference(): void }): ReactNode {
  return (
    <header className="source-header">
      {(meta.publisher || meta.container) && (
        <p className="source-kicker">
          {meta.publisher}
          {meta.publisher && meta.container ? ' ' : ''}
          {meta.container && <cite>{meta.container}</cite>}
        </p>
      )}
      <h1 className="source-title">{meta.title}</h1>
      {meta.notice && (
        <p className="source-notice" role="note">
          {meta.notice}
        </p>
      )}
      <p className="source-byline">
        {meta.authors.length > 0 && <span className="source-authors">{meta.authors.join(', ')}</span>}
        {meta.authors.length > 0 && meta.date && <span aria-hidden="true"> · </span>}
        {meta.date && <time dateTime={meta.date}>{formatDate(meta.date)}</time>}
        <button type="button" className="link-button source-copy-reference" onClick={onCopyReference} title="Copy this work's bibliography entry in your citation style (Settings → Citations)">
          Copy reference
        </button>
      </p>
    </header>
  )
}
