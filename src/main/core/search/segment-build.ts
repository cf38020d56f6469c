import type { Source } from '../../../shared/model'
import { sourceDocuments } from './documents'
import { PassageStore, type StoredNote, type StoredRecord } from './passage-store'
import { SEGMENT_ANALYZER, type SearchDocument } from './search-options'
import { encodeSegment } from './segment'
import { SegmentBuilder } from './segment-builder'

/** What a full build reads: every source (one at a time) and the notes' documents. */
export interface SegmentBuildInput {
  version: string
  fingerprint: string
  sourceIds: readonly string[]
  readSource: (sourceId: string) => Source | null
  /** Each note's document, and its title and passages as hits show them. */
  notes: readonly { document: SearchDocument; note: StoredNote }[]
  /** Awaited often with the share done (0–1): progress, and a turn for other work. */
  pause: (progress: number) => Promise<void>
}

/** The two files of a built segment: the index and its source blocks' text (see `PassageStore`). */
export interface BuiltSegmentFiles {
  segment: Buffer
  passages: Buffer
}

/** Builds a segment from every source and note: the same work on the main thread or a worker. */
export async function buildSegmentFiles(input: SegmentBuildInput): Promise<BuiltSegmentFiles> {
  const builder = new SegmentBuilder<SearchDocument>(SEGMENT_ANALYZER)
  // what hits show of each document, in the order added
  const records: StoredRecord[] = []
  for (const [i, id] of input.sourceIds.entries()) {
    const source = input.readSource(id)
    if (source) {
      for (const document of sourceDocuments(source)) builder.add(document)
      for (const block of source.blocks) records.push({ block: { text: block.text, paragraph: block.paragraph, kind: block.kind } })
    }
    await input.pause((0.2 * i) / input.sourceIds.length)
  }
  for (const { document, note } of input.notes) {
    builder.add(document)
    records.push({ note })
  }
  const data = await builder.build(input.version, input.fingerprint, (progress) => input.pause(0.2 + 0.75 * progress))
  const { file, segment } = encodeSegment(data)
  const passages = PassageStore.encode(segment.id, Array.from(data.addedAs, (added) => records[added] ?? null))
  return { segment: file, passages }
}
