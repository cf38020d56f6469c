import { randomBytes } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { basename, join } from 'node:path'
import { z } from 'zod'
import { PilcrowError } from '../../../shared/errors'
import { IMPORT_SIZE_LIMIT_BYTES, formatBytes } from '../../../shared/imports'
import type { Source, SourceMetaPatch } from '../../../shared/model'
import { isReferenceType } from '../../../shared/reference-types'
import type { CslData, ReferenceMatch, ReferencesImportResult, ReferenceSummary } from '../../../shared/references'
import { writeFileAtomic } from '../atomic-write'
import type { SourcesService } from '../sources'
import type { Workspace } from '../workspace'
import { parseReferences } from './parse-references'
import type { ZoteroWork } from './zotero'

/** One work of the list, as stored. */
interface StoredReference {
  id: string
  data: CslData
  sourceId: string | null
  addedFrom: string
  addedAt: string
  /** What Zotero knows around it, when it came from Zotero. */
  zotero?: { key: string | null; collections: string[]; attachments: string[] }
}

/** A work to add, and what Zotero knows around it. */
type NewWork = { data: CslData; zotero?: StoredReference['zotero'] }

const fileSchema = z.object({
  format: z.literal('pilcrow-references'),
  formatVersion: z.literal(1),
  references: z.array(
    z.object({
      id: z.string().regex(/^r-[a-z0-9-]+$/),
      data: z.record(z.string(), z.unknown()),
      sourceId: z.string().nullable(),
      addedFrom: z.string(),
      addedAt: z.string(),
      zotero: z.object({ key: z.string().nullable(), collections: z.array(z.string()), attachments: z.array(z.string()) }).optional()
    })
  )
})

/**
 * The notebook's references list (`references/library.json`, written atomically): works read
 * in from BibTeX, RIS or CSL-JSON, each kept as CSL-JSON, and the source holding its document
 * once attached. A work already listed (the same DOI, key, or title and year) is not added
 * twice. A list file that cannot be read is reported and never written over.
 */
export class ReferencesService {
  private cache: StoredReference[] | null = null
  /** The list as search reads it, the same objects until the list changes (search keeps what it works out of each). */
  private summaries: ReferenceSummary[] | null = null
  private queue: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly workspace: Workspace,
    private readonly sources: SourcesService
  ) {}

  get path(): string {
    return join(this.workspace.root, 'references', 'library.json')
  }

  async list(): Promise<ReferenceSummary[]> {
    return (await this.read()).map(summarize)
  }

  /** Reads a references file from disk (its size checked first). */
  async importFile(path: string): Promise<ReferencesImportResult> {
    const fileName = basename(path)
    const stat = await fs.stat(path).catch((error: NodeJS.ErrnoException) => {
      throw new PilcrowError('io-error', `${fileName}: cannot read the file (${error.code ?? error.message}).`)
    })
    if (stat.size > IMPORT_SIZE_LIMIT_BYTES) throw new PilcrowError('invalid-argument', `${fileName}: ${formatBytes(stat.size)}, over the ${formatBytes(IMPORT_SIZE_LIMIT_BYTES)} limit.`)
    return this.importText(await fs.readFile(path, 'utf8'), fileName)
  }

  /** Adds the works of a references file that the list does not hold yet; a file that cannot be read adds nothing. */
  importText(text: string, fileName: string): Promise<ReferencesImportResult> {
    return this.serialized(async () => this.add((await parseReferences(text, fileName)).map((data) => ({ data })), fileName))
  }

  /** Adds works read from Zotero (its local API, or a Better BibTeX export), with their collections and attachments. */
  importWorks(works: ZoteroWork[], from: string): Promise<ReferencesImportResult> {
    return this.serialized(() => this.add(works.map(({ data, ...zotero }) => ({ data, zotero })), from))
  }

  private async add(works: NewWork[], from: string): Promise<ReferencesImportResult> {
    const list = await this.read()
    const known = new Set(list.flatMap((r) => identities(r.data, r.zotero?.key)))
    const now = new Date().toISOString()
    let added = 0
    for (const { data, zotero } of works) {
      const ids = identities(data, zotero?.key)
      if (ids.some((id) => known.has(id))) continue
      for (const id of ids) known.add(id)
      list.push({ id: newReferenceId(), data, sourceId: null, addedFrom: from, addedAt: now, ...(zotero ? { zotero } : {}) })
      added++
    }
    if (added > 0) await this.write(list)
    return { fileName: from, added, unchanged: works.length - added, total: list.length }
  }

  /** The references that may be the work a source is: the same DOI or key (sure), or title and year (the user confirms). */
  async matches(sourceId: string): Promise<ReferenceMatch[]> {
    const meta = this.sources.get(sourceId).meta
    const doi = meta.doi?.toLowerCase()
    const title = normalTitle(meta.title)
    const year = meta.date?.slice(0, 4)
    const found: ReferenceMatch[] = []
    for (const reference of await this.read()) {
      const data = reference.data
      const sure = (!!doi && String(data['DOI'] ?? '').toLowerCase() === doi) || (!!meta.citationKey && data['citation-key'] === meta.citationKey)
      const unsure = normalTitle(String(data.title ?? '')) === title && (!year || yearOf(data) === null || String(yearOf(data)) === year)
      if (sure || unsure) found.push({ reference: summarize(reference), confidence: sure ? 'sure' : 'unsure' })
    }
    return found.sort((a, b) => (a.confidence === b.confidence ? 0 : a.confidence === 'sure' ? -1 : 1))
  }

  /**
   * Makes a reference the work a source is: the source takes its reference data (kept over a
   * re-import of the file, as the user's edits are), and its key when no other source has it.
   */
  attach(referenceId: string, sourceId: string): Promise<Source> {
    return this.serialized(async () => {
      const list = await this.read()
      const reference = list.find((r) => r.id === referenceId)
      if (!reference) throw new PilcrowError('not-found', `There is no reference "${referenceId}".`)
      const source = await this.sources.updateMeta(sourceId, metaOf(reference.data, this.keyFree(reference.data, sourceId)))
      for (const r of list) if (r.sourceId === sourceId) r.sourceId = null
      reference.sourceId = sourceId
      await this.write(list)
      return source
    })
  }

  /** Every reference, for search. */
  async all(): Promise<ReferenceSummary[]> {
    this.summaries ??= await this.list()
    return this.summaries
  }

  private keyFree(data: CslData, sourceId: string): boolean {
    const key = data['citation-key']
    return typeof key === 'string' && /^[\p{L}\p{N}_:.#$%&+?<>~/-]+$/u.test(key) && !this.sources.catalogEntries().some((e) => e.id !== sourceId && e.meta.citationKey === key)
  }

  private async read(): Promise<StoredReference[]> {
    if (this.cache) return this.cache
    let raw: string
    try {
      raw = await fs.readFile(this.path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return (this.cache = [])
      throw new PilcrowError('io-error', `The references list cannot be read (${(error as Error).message}).`)
    }
    let parsed: z.infer<typeof fileSchema>
    try {
      parsed = fileSchema.parse(JSON.parse(raw))
    } catch {
      throw new PilcrowError('unsupported-format', `${this.path} is damaged, so the references list cannot be read; it is left as it is (restore it from a backup, or move it away to start a new list).`)
    }
    return (this.cache = parsed.references as StoredReference[])
  }

  private async write(list: StoredReference[]): Promise<void> {
    await fs.mkdir(join(this.workspace.root, 'references'), { recursive: true })
    await writeFileAtomic(this.path, JSON.stringify({ format: 'pilcrow-references', formatVersion: 1, references: list }) + '\n')
    this.cache = list
    this.summaries = null
  }

  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work)
    this.queue = next.catch(() => undefined)
    return next
  }
}

function newReferenceId(): string {
  return `r-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`
}

/** What says two entries are the same work: its Zotero key, its DOI, its key, its title and year. */
function identities(data: CslData, zoteroKey?: string | null): string[] {
  const ids: string[] = zoteroKey ? [`zotero:${zoteroKey}`] : []
  if (typeof data['DOI'] === 'string' && data['DOI']) ids.push(`doi:${data['DOI'].toLowerCase()}`)
  if (typeof data['citation-key'] === 'string' && data['citation-key']) ids.push(`key:${data['citation-key']}`)
  ids.push(`title:${normalTitle(String(data.title ?? ''))}|${yearOf(data) ?? ''}`)
  return ids
}

function normalTitle(title: string): string {
  return title.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()
}

function yearOf(data: CslData): number | null {
  const parts = (data['issued'] as { 'date-parts'?: unknown[][] } | undefined)?.['date-parts']?.[0]
  const year = Number(parts?.[0])
  return Number.isInteger(year) && year > 0 ? year : null
}

function namesOf(data: CslData): string[] {
  const authors = Array.isArray(data['author']) ? (data['author'] as Record<string, unknown>[]) : []
  return authors.map((a) => (typeof a['literal'] === 'string' ? a['literal'] : [a['given'], a['family']].filter((p) => typeof p === 'string' && p).join(' '))).filter(Boolean)
}

function summarize(reference: StoredReference): ReferenceSummary {
  const { data } = reference
  const text = (key: string): string | null => (typeof data[key] === 'string' && data[key] ? (data[key] as string) : null)
  return {
    id: reference.id,
    title: text('title') ?? '(untitled)',
    authors: namesOf(data),
    year: yearOf(data),
    type: text('type') ?? 'document',
    citationKey: text('citation-key'),
    doi: text('DOI'),
    container: text('container-title'),
    sourceId: reference.sourceId,
    ...(reference.zotero?.collections.length ? { collections: reference.zotero.collections } : {}),
    ...(reference.zotero?.attachments.length ? { attachments: reference.zotero.attachments } : {})
  }
}

/** A source's reference data from a work's CSL-JSON; fields the work lacks are cleared (it is the work's word now). */
function metaOf(data: CslData, withKey: boolean): SourceMetaPatch {
  const text = (key: string): string => (typeof data[key] === 'string' ? (data[key] as string) : typeof data[key] === 'number' ? String(data[key]) : '')
  const parts = (data['issued'] as { 'date-parts'?: unknown[][] } | undefined)?.['date-parts']?.[0] ?? []
  const date = parts
    .filter((p) => Number.isInteger(Number(p)))
    .map((p, i) => String(p).padStart(i === 0 ? 4 : 2, '0'))
    .join('-')
  const type = text('type')
  return {
    title: text('title'),
    authors: namesOf(data),
    date: /^\d{4}(-\d{2}){0,2}$/.test(date) ? date : '',
    container: text('container-title'),
    publisher: text('publisher'),
    url: text('URL'),
    doi: text('DOI'),
    pages: text('page'),
    type: isReferenceType(type) ? type : '',
    ...(withKey ? { citationKey: text('citation-key') } : {})
  }
}
