import { PilcrowError } from '../../../shared/errors'
import type { CitationStyle } from '../../../shared/markdown/serialize'

/** Parses `links`, `footnotes`, `pandoc` or `csl`, with a clear error otherwise. */
export function parseCitationStyle(value: string | undefined): CitationStyle {
  if (value === undefined) return 'links'
  if (value === 'links' || value === 'footnotes' || value === 'pandoc' || value === 'csl') return value
  throw new PilcrowError('invalid-argument', `Unknown citation style "${value}": use links, footnotes, pandoc or csl (formatted in a CSL style, chosen with --csl).`)
}
