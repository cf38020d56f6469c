import type { Source } from '../../../shared/model'
import type { StoredNote } from '../note-file'
import { notePassages } from '../../../shared/note-content'
import { hashId } from '../../../shared/hash'
import type { SearchDocument } from './search-options'
import { processTerm, tokenize } from './text-processing'

/** Document ids say what they point at, so nothing else needs storing in the index. */
export const sourceDocId = (sourceId: string, blockId: string): string => `s|${sourceId}|${blockId}`
export const noteDocId = (noteId: string): string => `n|${noteId}`

export type DocRef = { kind: 'source'; sourceId: string; blockId: string } | { kind: 'note'; noteId: string }

export function parseDocId(id: string): DocRef {
  const [kind, a, b] = id.split('|')
  return kind === 's' ? { kind: 'source', sourceId: a!, blockId: b! } : { kind: 'note', noteId: a! }
}

/** One document per block of a source; headings go in the boosted `heading` field. */
export function sourceDocuments(source: Source): SearchDocument[] {
  return source.blocks.map((block) =>
    block.kind === 'heading' ? { id: sourceDocId(source.id, block.id), heading: block.text } : { id: sourceDocId(source.id, block.id), text: block.text }
  )
}

/** One document per note: its title and its whole text. */
export function noteDocument(note: StoredNote, passages: string[] = notePassages(note.content)): SearchDocument {
  return { id: noteDocId(note.id), title: note.title, text: passages.join('\n') }
}

/** Share of a pull quote's words a paragraph must hold to be the one it repeats (editors trim quotes). */
const REPEAT_SHARE = 0.8

/**
 * Pull quotes and the body paragraph each repeats (the one holding most of its words), so
 * ranking can keep the paragraph first.
 */
export function pullQuoteOrigins(source: Source): Map<string, string> {
  const origins = new Map<string, string>()
  // most sources have no pull quotes: then there is nothing to tokenize (this runs at every start)
  if (!source.blocks.some((b) => b.kind === 'pullquote')) return origins
  const terms = (text: string): Set<string> => new Set(tokenize(text).map(processTerm).filter((t): t is string => t !== null))
  const body = source.blocks.filter((b) => b.paragraph !== null).map((b) => ({ id: b.id, terms: terms(b.text) }))
  for (const block of source.blocks) {
    if (block.kind !== 'pullquote') continue
    const quote = [...terms(block.text)]
    let best: { id: string; share: number } | null = null
    for (const b of body) {
      const share = quote.filter((t) => b.terms.has(t)).length / Math.max(1, quote.length)
      if (share >= REPEAT_SHARE && (!best || share > best.share)) best = { id: b.id, share }
    }
    if (best) origins.set(sourceDocId(source.id, block.id), sourceDocId(source.id, best.id))
  }
  return origins
}

/** Identifies the documents an index was built from: any change means the index is stale. */
export function fingerprint(sources: { id: string; blocksHash: string }[], noteRevisions: Map<string, string>): string {
  const parts: string[] = []
  for (const s of [...sources].sort((a, b) => a.id.localeCompare(b.id))) parts.push(`${s.id}:${s.blocksHash}`)
  for (const [id, revision] of [...noteRevisions].sort(([a], [b]) => a.localeCompare(b))) parts.push(`${id}:${revision}`)
  return hashId(parts.join(';'))
}
