import { REFERENCE_TYPE_IDS, type ReferenceType } from '../../shared/reference-types'
import { z } from 'zod'
import { withoutPlainRuns } from '../../shared/block-runs'
import type { SourceMeta, Source } from '../../shared/model'

/** Version of `sources/<id>.json`; documented in docs/workspace-format.md. */
export const SOURCE_FORMAT_VERSION = 1

const run = z.object({
  text: z.string(),
  marks: z.array(z.enum(['bold', 'italic', 'code'])).optional(),
  href: z.string().optional()
})

const block = z.object({
  id: z.string().min(1),
  kind: z.enum(['heading', 'paragraph', 'quote', 'pullquote', 'listItem', 'authorNote', 'standfirst', 'figure']),
  level: z.number().int().min(0).max(16).optional(),
  paragraph: z.number().int().positive().nullable(),
  text: z.string(),
  /** Left out when the block is its text without marks or links (most blocks; halves the file). */
  runs: z.array(run).optional(),
  page: z.number().int().positive().optional(),
  chapter: z.number().int().positive().optional(),
  boxes: z.array(z.tuple([z.number().int().positive(), z.number(), z.number(), z.number(), z.number()])).optional()
})

const sourceFile = z.object({
  format: z.literal('pilcrow-source'),
  formatVersion: z.number().int(),
  id: z.string().min(1),
  meta: z.object({
    title: z.string(),
    authors: z.array(z.string()),
    date: z.string().optional(),
    publisher: z.string().optional(),
    container: z.string().optional(),
    url: z.string().optional(),
    citationKey: z.string().optional(),
    type: z.enum(REFERENCE_TYPE_IDS as [ReferenceType, ...ReferenceType[]]).optional().catch(undefined),
    doi: z.string().optional(),
    pages: z.string().optional(),
    tags: z.array(z.string()).optional(),
    notice: z.string().optional(),
    originalFile: z.string().optional(),
    edited: z.array(z.string()).optional(),
    imported: z.object({ title: z.string(), authors: z.array(z.string()), url: z.string().optional() }).optional()
  }),
  blocks: z.array(block)
})

export function serializeSource(source: Source): string {
  // one key order for every block, so equal sources serialize to equal text
  const blocks = source.blocks.map((block) => {
    const { id, kind, level, paragraph, text, runs, page } = withoutPlainRuns(block)
    return { id, kind, level, paragraph, text, runs, page }
  })
  // and one key order for the metadata, however it was put together
  const { title, authors, date, publisher, container, url, citationKey, type, doi, pages, tags, notice, originalFile, edited, imported } = source.meta
  // every field listed (the type fails to compile when SourceMeta gains one this misses)
  const meta: { [K in keyof Required<SourceMeta>]: SourceMeta[K] } = { title, authors, date, publisher, container, url, citationKey, type, doi, pages, tags, notice, originalFile, edited, imported }
  return JSON.stringify({ format: 'pilcrow-source', formatVersion: SOURCE_FORMAT_VERSION, id: source.id, meta, blocks }) + '\n'
}

/** Parses a stored source, or throws an Error whose message says what is wrong with it. */
export function parseSourceFile(raw: string): Source {
  let data: unknown
  try {
    data = JSON.parse(raw)
  } catch {
    throw new Error('it is not valid JSON (the file may be truncated)')
  }
  const version = (data as { formatVersion?: unknown } | null)?.formatVersion
  if (typeof version === 'number' && version > SOURCE_FORMAT_VERSION) {
    throw new Error(`it was written by a newer Pilcrow (format ${version}); update Pilcrow to read it`)
  }
  const parsed = sourceFile.safeParse(data)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new Error(`it is not a Pilcrow source (${issue?.path.join('.') || 'file'}: ${issue?.message})`)
  }
  const { id, meta, blocks } = parsed.data
  return { id, meta, blocks: blocks.map(withoutPlainRuns) } as Source
}
