import type { Options } from 'minisearch'
import type { AnalyzerOptions } from './segment-builder'
import { processTerm, tokenize } from './text-processing'

/** A document of the index: one per source block, one per note. Only ids are stored. */
export interface SearchDocument {
  /** `s|<sourceId>|<blockId>` or `n|<noteId>`. */
  id: string
  /** Note titles (boosted). */
  title?: string
  /** Source headings (boosted). */
  heading?: string
  /** Block text, or the note's whole text. */
  text?: string
}

/** Field boosts: titles and headings rank above body text (BM25 per field). */
export const FIELD_BOOST: Record<'title' | 'heading' | 'text', number> = { title: 3, heading: 2, text: 1 }

/** Pull quotes repeat the body; they rank below the paragraph they repeat. */
export const PULL_QUOTE_BOOST = 0.5

/** Indexed fields, in the order their ids are numbered. */
export const SEARCH_FIELDS = ['title', 'heading', 'text'] as const
export type SearchField = (typeof SEARCH_FIELDS)[number]

/**
 * The one MiniSearch options object, used both to build and to load the index. Changing anything
 * here must change `SEARCH_INDEX_VERSION`, so persisted indexes built otherwise are rebuilt.
 */
export const MINISEARCH_OPTIONS: Options<SearchDocument> = {
  idField: 'id',
  fields: [...SEARCH_FIELDS],
  storeFields: [],
  tokenize,
  processTerm: (term) => processTerm(term) ?? false,
  searchOptions: { boost: FIELD_BOOST },
  // MiniSearch's background vacuum walks its tree between batches while documents are still being
  // added, and fails on a tree changed under it ("reading 'keys'"); the live layer is folded into a
  // new segment by compaction instead, which leaves the discarded entries behind
  autoVacuum: false
}

/** Identifies the options above (tokenizer, stemmer, fields) and the segment file's layout in a persisted index. */
export const SEARCH_INDEX_VERSION = 'pilcrow-search-6;segment;porter;fields=title,heading,text;stop=v1;compounds=joined'

/** The same analysis for the segment builder, read from the options object above. */
export const SEGMENT_ANALYZER: AnalyzerOptions<SearchDocument> = {
  fields: MINISEARCH_OPTIONS.fields,
  processTerm,
  idOf: (document) => document.id,
  valueOf: (document, field) => document[field as (typeof SEARCH_FIELDS)[number]]
}
