/**
 * The kinds of work a source can be, as CSL names them (the type citeproc formats by), with the
 * fields each one uses and what the details dialog calls them: a journal's name is "Journal", a
 * chapter's is its book's title; a book has no container, a thesis has a university.
 */
export const REFERENCE_TYPES = {
  'article-journal': { label: 'Journal article', container: 'Journal', publisher: null, pages: true },
  webpage: { label: 'Web page', container: 'Website', publisher: 'Publisher', pages: false },
  book: { label: 'Book', container: null, publisher: 'Publisher', pages: false },
  chapter: { label: 'Book chapter', container: 'Book title', publisher: 'Publisher', pages: true },
  report: { label: 'Report', container: 'Series', publisher: 'Institution', pages: true },
  thesis: { label: 'Thesis', container: null, publisher: 'University', pages: false },
  document: { label: 'Other document', container: 'Published in', publisher: 'Publisher', pages: false }
} as const satisfies Record<string, { label: string; container: string | null; publisher: string | null; pages: boolean }>

export type ReferenceType = keyof typeof REFERENCE_TYPES

export const REFERENCE_TYPE_IDS = Object.keys(REFERENCE_TYPES) as ReferenceType[]

export function isReferenceType(value: unknown): value is ReferenceType {
  return typeof value === 'string' && Object.hasOwn(REFERENCE_TYPES, value)
}
