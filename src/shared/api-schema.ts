import { z } from 'zod'
import type { NotebookApi, NotebookMethod } from './api'
import { PilcrowError } from './errors'
import { IMPORT_SIZE_LIMIT_BYTES } from './imports'
import { HIGHLIGHT_COLORS } from './highlights'
import { settingsPatchSchema } from './settings'
import { TAG_NAME } from './tags'
import { REFERENCE_TYPE_IDS, type ReferenceType } from './reference-types'
import { editorStateSchema as editorState } from './editor-state-schema'

const id = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lower-case letters, digits and dashes')

const noteId = z.string().max(100).regex(/^n-[a-z0-9-]+$/, 'note ids look like n-…')
const highlightId = z.string().max(100).regex(/^h-[a-z0-9-]+$/, 'highlight ids look like h-…')
const highlightColor = z.enum(HIGHLIGHT_COLORS)
const comment = z.string().max(20_000, 'comments are at most 20,000 characters')
/** A paragraph anchor (the words a highlight marks), as citations carry them. */
const anchor = z.strictObject({
  sourceId: id,
  blockId: z.string().min(1).max(200),
  quote: z.strictObject({ exact: z.string().min(1).max(10_000), prefix: z.string().max(200), suffix: z.string().max(200) }),
  range: z.strictObject({ start: z.number().int().min(0), end: z.number().int().min(0) }).optional(),
  paragraph: z.number().int().min(0).nullable()
})
const title = z.string().max(500, 'titles are at most 500 characters')

/** The argument list each method accepts; incoming calls are checked against it. */
export const apiArgumentSchemas: { [M in NotebookMethod]: z.ZodType<Parameters<NotebookApi[M]>> } = {
  getWorkspaceInfo: z.tuple([]),
  listSources: z.tuple([]),
  getSource: z.tuple([id]),
  getSourceFile: z.tuple([id]),
  importSource: z.tuple([
    z.strictObject({
      fileName: z.string().min(1).max(255, 'file names are at most 255 characters'),
      base64: z
        .string()
        .max(Math.ceil(IMPORT_SIZE_LIMIT_BYTES / 3) * 4, 'the file is over the import size limit')
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'the file must be sent as base64'),
      updateSourceId: id.optional()
    })
  ]),
  getImportStatus: z.tuple([]),
  updateSourceMeta: z.tuple([
    id,
    z.strictObject({
      title: z.string().max(500).optional(),
      authors: z.array(z.string().max(200)).max(100).optional(),
      date: z.string().max(40).optional(),
      publisher: z.string().max(300).optional(),
      container: z.string().max(300).optional(),
      url: z.union([z.literal(''), z.url({ protocol: /^https?$/ }).max(2000)]).optional(),
      citationKey: z.string().max(100).regex(/^[\p{L}\p{N}_:.#$%&+?<>~/-]*$/u, 'citation keys are letters, digits and _:.#$%&+?<>~/-').optional(),
      type: z.union([z.enum(REFERENCE_TYPE_IDS as [ReferenceType, ...ReferenceType[]]), z.literal('')]).optional(),
      doi: z.string().max(300).optional(),
      pages: z.string().max(100).optional(),
      tags: z.array(z.string().max(100).regex(TAG_NAME, 'tags are letters, digits, _ and -, nested with /')).max(200).optional()
    })
  ]),
  deleteSource: z.tuple([id]),
  getSettings: z.tuple([]),
  updateSettings: z.tuple([settingsPatchSchema]),
  listNotes: z.tuple([]),
  createNote: z.union([z.tuple([]), z.tuple([title])]) as z.ZodType<[title?: string]>,
  getNote: z.tuple([noteId]),
  saveNote: z.tuple([z.strictObject({ id: noteId, title, content: editorState, baseRevision: z.string().max(100) })]),
  trashNote: z.tuple([noteId]),
  discardEmptyNote: z.tuple([noteId]),
  restoreNote: z.tuple([noteId]),
  getBacklinks: z.tuple([id]),
  getNoteBacklinks: z.tuple([noteId]),
  listCitationStyles: z.tuple([]),
  addCitationStyle: z.tuple([
    z.strictObject({
      fileName: z.string().min(1).max(255).regex(/\.csl$/i, 'a citation style is a .csl file'),
      base64: z.string().max(Math.ceil((2 * 1024 * 1024) / 3) * 4, 'a citation style is at most 2 MB').regex(/^[A-Za-z0-9+/]*={0,2}$/, 'the file must be sent as base64')
    })
  ]),
  listReferences: z.tuple([]),
  importReferences: z.tuple([
    z.strictObject({
      fileName: z.string().min(1).max(255, 'file names are at most 255 characters'),
      base64: z
        .string()
        .max(Math.ceil(IMPORT_SIZE_LIMIT_BYTES / 3) * 4, 'the file is over the import size limit')
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'the file must be sent as base64')
    })
  ]),
  importFromZotero: z.tuple([z.strictObject({ betterBibtexUrl: z.string().max(2000).optional() })]),
  matchReferences: z.tuple([id]),
  attachReference: z.tuple([z.string().regex(/^r-[a-z0-9-]+$/, 'not a reference id'), id]),
  formatCitation: z.tuple([z.strictObject({ sourceId: id, blockId: id.optional() })]),
  listHighlights: z.tuple([id]),
  addHighlight: z.tuple([z.strictObject({ sourceId: id, anchor, color: highlightColor, comment: comment.optional() })]),
  updateHighlight: z.tuple([id, highlightId, z.strictObject({ color: highlightColor.optional(), comment: comment.optional() })]),
  deleteHighlight: z.tuple([id, highlightId]),
  restoreHighlight: z.tuple([
    z.strictObject({ id: highlightId, sourceId: id, anchor, color: highlightColor, comment, createdAt: z.string().max(40), updatedAt: z.string().max(40) })
  ]),
  search: z.tuple([
    z.strictObject({
      query: z.string().max(1000, 'queries are at most 1000 characters'),
      scope: z.enum(['all', 'notes', 'sources', 'highlights', 'references']).optional(),
      limit: z.number().int().min(1).max(1000).optional()
    })
  ]),
  getSearchStatus: z.tuple([]),
  exportMarkdown: z.tuple([
    z.strictObject({
      notes: z.union([z.literal('all'), z.array(noteId).min(1).max(100_000)]),
      style: z.enum(['links', 'footnotes', 'pandoc', 'csl']),
      csl: z.string().max(100).regex(/^[a-z0-9-]+$/).optional()
    })
  ]),
  exportDocx: z.tuple([
    z.strictObject({
      notes: z.union([z.literal('all'), z.array(noteId).min(1).max(100_000)]),
      csl: z.string().max(100).regex(/^[a-z0-9-]+$/).optional()
    })
  ]),
  getSyncStatus: z.tuple([]),
  joinSync: z.tuple([z.strictObject({ address: z.string().min(1).max(300), token: z.string().min(1).max(200).regex(/^[\x21-\x7e]+$/, 'tokens are printable characters without spaces'), name: z.string().max(100).optional() })]),
  leaveSync: z.tuple([]),
  openNoteDoc: z.tuple([noteId]),
  setNotePresence: z.tuple([noteId, z.string().regex(/^[A-Za-z0-9_-]{8,40}$/, 'window ids are 8 to 40 letters and digits'), z.boolean()]),
  updateNoteDoc: z.tuple([noteId, z.string().min(1).max(64 * 1024 * 1024).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'updates are base64')])
}

export function isNotebookMethod(name: unknown): name is NotebookMethod {
  return typeof name === 'string' && Object.hasOwn(apiArgumentSchemas, name)
}

/**
 * Validates an untrusted call (method name and arguments) and dispatches it to the notebook.
 * Both shells go through here, so neither can forget a check.
 */
export async function dispatchCall(api: NotebookApi, method: unknown, args: unknown): Promise<unknown> {
  if (!isNotebookMethod(method)) throw new PilcrowError('invalid-argument', `Unknown API method: ${String(method).slice(0, 60)}`)
  const parsed = apiArgumentSchemas[method].safeParse(args)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue?.path.length ? ` (argument ${issue.path.join('.')})` : ''
    throw new PilcrowError('invalid-argument', `Invalid arguments for ${method}${where}: ${issue?.message ?? 'rejected'}`)
  }
  const fn = api[method] as (...a: unknown[]) => Promise<unknown>
  return fn.apply(api, parsed.data as unknown[])
}
