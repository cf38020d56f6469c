import { PilcrowError } from '../../../shared/errors'
import type { CitationStyle } from '../../../shared/markdown/serialize'

/** Parses `links`, `footnotes` or `pandoc`, with a clear error otherwise. */
export function parseCitationStyle(value: string | undefined): CitationStyle {
  if (value === undefined) return 'links'
  if (value === 'links' || value === 'footnotes' || value === 'pandoc') return value
  throw new PilcrowError('invalid-argument', `Unknown citation style "${value}": use links, footnotes or pandoc.`)
}
