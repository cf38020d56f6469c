import { randomBytes } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { resolveAnchor } from '../../shared/anchors'
import { PilcrowError } from '../../shared/errors'
import { HIGHLIGHT_COLORS, type HighlightPatch, type NewHighlight, type ResolvedHighlight, type SourceHighlight, type SourceHighlights } from '../../shared/highlights'
import { anchorSchema } from '../../shared/note-nodes'
import { writeFileAtomic } from './atomic-write'
import { notifyAll } from './notify'
import { OwnWrites } from './events/own-writes'
import type { SourcesService } from './sources'
import type { Workspace } from './workspace'

const highlightSchema = z.object({
  id: z.string().regex(/^h-[a-z0-9-]+$/),
  sourceId: z.string().min(1),
  anchor: z.custom<SourceHighlight['anchor']>((value) => anchorSchema.safeParse(value).success, 'not an anchor'),
  color: z.enum(HIGHLIGHT_COLORS),
  comment: z.string().max(20_000),
  createdAt: z.string(),
  updatedAt: z.string()
})
const fileSchema = z.object({ format: z.literal('pilcrow-highlights'), formatVersion: z.literal(1), sourceId: z.string(), highlights: z.array(highlightSchema) })

/**
 * The highlights of each source, kept beside it (`sources/highlights/<sourceId>.json`, written
 * atomically) and resolved against the source as it is now, as citations are: a re-imported
 * source moves them with their words, and words that are gone leave an orphan that keeps its
 * quote. A file that cannot be read is never written over.
 */
export class HighlightsService {
  private readonly cache = new Map<string, SourceHighlight[]>()
  private readonly listeners = new Set<(sourceId: string) => void>()
  private queue: Promise<unknown> = Promise.resolve()
  /** Its own writes, which the watcher sees too: dismissed. */
  private readonly written = new OwnWrites()

  constructor(
    private readonly workspace: Workspace,
    private readonly sources: SourcesService
  ) {}

  get dir(): string {
    return join(this.workspace.sourcesDir, 'highlights')
  }

  onDidChange(listener: (sourceId: string) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** The source's highlights in reading order, each resolved against the source now. */
  async list(sourceId: string): Promise<SourceHighlights> {
    const source = this.sources.get(sourceId)
    const order = new Map(source.blocks.map((b, i) => [b.id, i]))
    const highlights = (await this.read(sourceId)).map((h): ResolvedHighlight => {
      const resolved = resolveAnchor(source, h.anchor)
      const range = resolved.block ? (resolved.range ?? { start: 0, end: resolved.block.text.length }) : null
      return { ...h, status: resolved.status, blockId: resolved.block?.id ?? null, range }
    })
    const place = (h: ResolvedHighlight): number => (h.blockId === null ? Number.MAX_SAFE_INTEGER : order.get(h.blockId)! * 1e6 + (h.range?.start ?? 0))
    highlights.sort((a, b) => place(a) - place(b))
    return { sourceId, highlights }
  }

  add(input: NewHighlight): Promise<SourceHighlight> {
    return this.change(input.sourceId, (list) => {
      this.sources.get(input.sourceId)
      const now = new Date().toISOString()
      const highlight: SourceHighlight = { id: newHighlightId(), sourceId: input.sourceId, anchor: input.anchor, color: input.color, comment: input.comment ?? '', createdAt: now, updatedAt: now }
      return { list: [...list, highlight], result: highlight }
    })
  }

  update(sourceId: string, id: string, patch: HighlightPatch): Promise<SourceHighlight> {
    return this.change(sourceId, (list) => {
      const current = list.find((h) => h.id === id)
      if (!current) throw new PilcrowError('not-found', `There is no highlight "${id}" in this source.`)
      const updated: SourceHighlight = { ...current, ...(patch.color ? { color: patch.color } : {}), ...(patch.comment !== undefined ? { comment: patch.comment } : {}), updatedAt: new Date().toISOString() }
      return { list: list.map((h) => (h.id === id ? updated : h)), result: updated }
    })
  }

  /** Deletes a highlight and returns it (so it can be put back: undo). */
  remove(sourceId: string, id: string): Promise<SourceHighlight> {
    return this.change(sourceId, (list) => {
      const current = list.find((h) => h.id === id)
      if (!current) throw new PilcrowError('not-found', `There is no highlight "${id}" in this source.`)
      return { list: list.filter((h) => h.id !== id), result: current }
    })
  }

  /** Puts back a highlight deleted a moment ago (undo), as it was. */
  restore(highlight: SourceHighlight): Promise<SourceHighlight> {
    return this.change(highlight.sourceId, (list) => ({ list: list.some((h) => h.id === highlight.id) ? list : [...list, highlight], result: highlight }))
  }

  /**
   * A deleted source's highlights move to `.pilcrow/deleted-sources/` beside its files (putting
   * them back restores them).
   */
  setAside(sourceId: string): Promise<void> {
    return this.enqueue(async () => {
      this.cache.delete(sourceId)
      this.fileNames = null
      const bin = join(this.workspace.root, '.pilcrow', 'deleted-sources')
      await fs.mkdir(bin, { recursive: true })
      const stamp = new Date().toISOString().replace(/[:.]/g, '-')
      await fs.rename(this.pathOf(sourceId), join(bin, `${sourceId}.${stamp}.highlights.json`)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error
      })
    })
  }

  /** The highlights folder's files, as last listed (null: list it again). */
  private fileNames: Promise<string[]> | null = null

  /** Every source's highlights, as stored (search reads them; a file that cannot be read is left out). */
  async all(): Promise<SourceHighlight[]> {
    // every search asks: the folder is listed once, and again after a change (not at each keystroke)
    this.fileNames ??= fs.readdir(this.dir).catch(() => [] as string[])
    const names = await this.fileNames
    const ids = names.flatMap((name) => /^([a-z0-9][a-z0-9-]*)\.json$/.exec(name)?.[1] ?? []).filter((id) => this.sources.has(id))
    return (await Promise.all(ids.map((id) => this.stored(id)))).flat()
  }

  /**
   * A highlights file changed by another program (a second Pilcrow, a sync tool; the watcher saw
   * it): read again when next asked, and announced. This service's own writes change nothing.
   */
  syncFromDisk(name: string): Promise<void> {
    return this.enqueue(async () => {
      const sourceId = /^([a-z0-9][a-z0-9-]*)\.json$/.exec(name)?.[1]
      if (!sourceId) return
      if (await this.written.isOwn(sourceId, this.pathOf(sourceId))) return
      this.cache.delete(sourceId)
      this.fileNames = null
      notifyAll(this.listeners, sourceId)
    })
  }

  /** The raw highlights of a source (re-import reports how they re-anchored). */
  stored(sourceId: string): Promise<SourceHighlight[]> {
    return this.read(sourceId).catch(() => [])
  }

  /** Changes one source's file: changes run one after another, the file is read fresh each time. */
  private change<T>(sourceId: string, work: (list: SourceHighlight[]) => { list: SourceHighlight[]; result: T }): Promise<T> {
    return this.enqueue(async () => {
      this.cache.delete(sourceId)
      const { list, result } = work(await this.read(sourceId))
      await fs.mkdir(this.dir, { recursive: true })
      await writeFileAtomic(this.pathOf(sourceId), `${JSON.stringify({ format: 'pilcrow-highlights', formatVersion: 1, sourceId, highlights: list }, null, 1)}\n`)
      await this.written.wrote(sourceId, this.pathOf(sourceId))
      this.cache.set(sourceId, list)
      this.fileNames = null
      notifyAll(this.listeners, sourceId)
      return result
    })
  }

  /** Runs `work` after every change queued before it: the files are read and written one change at a time. */
  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work)
    this.queue = next.catch(() => undefined)
    return next
  }

  private async read(sourceId: string): Promise<SourceHighlight[]> {
    const cached = this.cache.get(sourceId)
    if (cached) return cached
    let raw: string
    try {
      raw = await fs.readFile(this.pathOf(sourceId), 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
      throw new PilcrowError('io-error', `The highlights of this source cannot be read (${(error as NodeJS.ErrnoException).code}). The file was left as it is.`)
    }
    let data: unknown
    try {
      data = JSON.parse(raw)
    } catch {
      data = null
    }
    const parsed = fileSchema.safeParse(data)
    if (!parsed.success) throw new PilcrowError('unsupported-format', `highlights/${sourceId}.json cannot be read: it is not a Pilcrow highlights file. It was left as it is; nothing is written over it.`)
    const list = parsed.data.highlights as SourceHighlight[]
    this.cache.set(sourceId, list)
    return list
  }

  private pathOf(sourceId: string): string {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(sourceId)) throw new PilcrowError('invalid-argument', `"${sourceId}" is not a source id.`)
    return join(this.dir, `${sourceId}.json`)
  }
}

function newHighlightId(): string {
  return `h-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`
}
