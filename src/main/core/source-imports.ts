import { basename } from 'node:path'
import { resolveAnchor, type ParagraphAnchor } from '../../shared/anchors'
import { PilcrowError } from '../../shared/errors'
import type { ImportFileRequest, ImportOutcome, ImportStatus, RelinkReport } from '../../shared/imports'
import type { Source } from '../../shared/model'
import type { ImportStep } from './importers/progress'
import type { HighlightsService } from './highlights'
import type { LinkIndex } from './link-index'
import type { SourceImport, SourcesService } from './sources'
import { notifyAll } from './notify'

/**
 * Imports files as sources, one at a time (a queue), announcing its progress (`onDidChangeStatus`),
 * and, for a file imported again, reports how its links re-anchored. Each file succeeds or
 * fails on its own; a failure names the file and the reason and changes nothing.
 */
export class SourceImports {
  private queue: Promise<unknown> = Promise.resolve()
  private current: ImportStatus = { running: false }
  private readonly listeners = new Set<(status: ImportStatus) => void>()

  constructor(
    private readonly sources: SourcesService,
    private readonly links: LinkIndex,
    private readonly highlights?: HighlightsService
  ) {}

  getStatus(): ImportStatus {
    return { ...this.current }
  }

  /** Told at every step of an import (a file begun, a page read, the end). */
  onDidChangeStatus(listener: (status: ImportStatus) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private set status(status: ImportStatus) {
    this.current = status
    notifyAll(this.listeners, { ...status })
  }

  /** Files on disk (the CLI); `update` names the source they update (one file then). */
  importPaths(paths: string[], update?: string): Promise<ImportOutcome[]> {
    return this.enqueue(async () => {
      const outcomes: ImportOutcome[] = []
      for (const [index, path] of paths.entries()) {
        outcomes.push(await this.run(basename(path), index, paths.length, (onProgress) => this.sources.importFile(path, { onProgress, ...(update ? { update } : {}) })))
      }
      return outcomes
    })
  }

  /** One file sent by the UI, as base64. */
  importUpload(file: ImportFileRequest): Promise<ImportOutcome> {
    const update = file.updateSourceId
    return this.enqueue(() =>
      this.run(file.fileName, 0, 1, (onProgress) => this.sources.importBytes(Buffer.from(file.base64, 'base64'), safeFileName(file.fileName), { onProgress, ...(update ? { update } : {}) }))
    )
  }

  /**
   * Other long reading-in (the Zotero library) shown as an import is, with its progress (item
   * 300 of 650), and queued with the imports: one at a time.
   */
  track<T>(name: string, work: (progress: (done: number, total: number) => void) => Promise<T>): Promise<T> {
    return this.enqueue(async () => {
      this.status = { running: true, fileName: name, fileIndex: 1, fileCount: 1 }
      try {
        return await work((done, total) => (this.status = { running: true, fileName: name, fileIndex: 1, fileCount: 1, done, total, unit: 'item' }))
      } finally {
        this.status = { running: false }
      }
    })
  }

  /** How many links point at a source; after it is deleted they are orphans that keep their quotes. */
  linkCount(sourceId: string): number {
    return this.links.linksTo(sourceId).length
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work)
    this.queue = next.catch(() => undefined)
    return next
  }

  private async run(fileName: string, index: number, count: number, work: (onProgress: (step: ImportStep) => void) => Promise<SourceImport>): Promise<ImportOutcome> {
    this.status = { running: true, fileName, fileIndex: index + 1, fileCount: count }
    try {
      const result = await work((step) => {
        this.status = { running: true, fileName, fileIndex: index + 1, fileCount: count, ...step }
      })
      const outcome: ImportOutcome = {
        fileName,
        ok: true,
        status: result.status,
        sourceId: result.source.id,
        title: result.source.meta.title,
        blockCount: result.source.blocks.length
      }
      if (result.previous) outcome.relinked = relinkReport(this.links.linksTo(result.source.id), result.source)
      const highlights = result.previous && this.highlights ? await this.highlights.stored(result.source.id) : []
      if (highlights.length > 0) outcome.highlightsRelinked = relinkReport(highlights.map((h) => h.anchor), result.source)
      if (result.previousKept) outcome.previousKept = result.previousKept
      return outcome
    } catch (error) {
      const message = error instanceof PilcrowError ? error.message : `${fileName}: the import failed (${(error as Error).message}).`
      return { fileName, ok: false, error: message }
    } finally {
      this.status = { running: false }
    }
  }
}

/** Stayed: same paragraph, same words. Moved: found elsewhere or with changed words. Orphaned: not found. */
export function relinkReport(anchors: ParagraphAnchor[], source: Source): RelinkReport {
  const report: RelinkReport = { stayed: 0, moved: 0, orphaned: 0 }
  for (const anchor of anchors) {
    const resolved = resolveAnchor(source, anchor)
    if (!resolved.block) report.orphaned++
    else if (resolved.status === 'exact' && resolved.block.id === anchor.blockId) report.stayed++
    else report.moved++
  }
  return report
}

/** A file name from the renderer is only a name: no folders, no control characters. */
function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? ''
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim()
  if (clean === '' || clean === '.' || clean === '..') throw new PilcrowError('invalid-argument', 'The file has no usable name.')
  return clean
}
