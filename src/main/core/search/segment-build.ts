import type { Source } from '../../../shared/model'
import { sourceDocuments } from './documents'
import { PassageStore, type StoredBlock } from './passage-store'
import { SEGMENT_ANALYZER, type SearchDocument } from './search-options'
import { encodeSegment } from './segment'
import { SegmentBuilder } from './segment-builder'

/** What a full build reads: every source (one at a time) and the notes' documents. */
export interface SegmentBuildInput {
  version: string
  fingerprint: string
  sourceIds: readonly string[]
  readSource: (sourceId: string) => Source | null
  notes: readonly SearchDocument[]
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
  // what hits show of each source block, in the order added (the notes after them have none)
  const blocks: StoredBlock[] = []
  for (const [i, id] of input.sourceIds.entries()) {
    const source = input.readSource(id)
    if (source) {
      for (const document of sourceDocuments(source)) builder.add(document)
      for (const block of source.blocks) blocks.push({ text: block.text, paragraph: block.paragraph, kind: block.kind })
    }
    await input.pause((0.2 * i) / input.sourceIds.length)
  }
  for (const note of input.notes) builder.add(note)
  const data = await builder.build(input.version, input.fingerprint, (progress) => input.pause(0.2 + 0.75 * progress))
  const { file, segment } = encodeSegment(data)
  const passages = PassageStore.encode(segment.id, Array.from(data.addedAs, (added) => blocks[added] ?? null))
  return { segment: file, passages }
}
