import { promises as fs, readFileSync } from 'node:fs'
import { basename, extname, join } from 'node:path'
import { PilcrowError } from '../../shared/errors'
import { importExtension } from '../../shared/imports'
import type { Source, SourceMeta, SourceMetaPatch, SourceSummary } from '../../shared/model'
import { slugify } from '../../shared/text'
import { removeStrayTempFiles, writeFileAtomic } from './atomic-write'
import { checkImportable, importSourceBytes } from './importers'
import type { ImportProgress } from './importers/progress'
import { parseSourceFile, serializeSource } from './source-file'
import type { Workspace } from './workspace'

/** A file in the workspace that could not be read, with the reason; it is left untouched. */
export interface DamagedFile {
  path: string
  reason: string
}

/** What importing one file did. */
export interface SourceImport {
  source: Source
  /** The version it replaced, when the same file was imported before. */
  previous: Source | null
  status: 'added' | 'updated' | 'unchanged'
}

export interface ImportOptions {
  onProgress?: ImportProgress
  /** Replace the source imported earlier from a file of the same name (default true). */
  reimport?: boolean
}

/** Told after a source is added, replaced or deleted: its new version (null when deleted) and the one before (null when new). */
export type SourceListener = (sourceId: string, source: Source | null, previous: Source | null) => void

/**
 * Holds the workspace's normalised sources (`sources/<id>.json`, with the imported file kept in
 * `sources/originals/`): loads them at start, imports, re-imports, edits metadata, deletes.
 * The source file is the commit point of every change: written last (atomically), or rolled back.
 */
export class SourcesService {
  private readonly sources = new Map<string, Source>()
  private readonly listeners = new Set<SourceListener>()
  readonly damaged: DamagedFile[] = []

  constructor(private readonly workspace: Workspace) {}

  /** Loads every stored source; a damaged file is reported in `damaged`, never rewritten. */
  async start(): Promise<void> {
    const dir = this.workspace.sourcesDir
    await removeStrayTempFiles(dir)
    const names = (await fs.readdir(dir)).filter((n) => n.endsWith('.json')).sort()
    for (const name of names) {
      const path = join(dir, name)
      try {
        // synchronous: Node's fast path for a whole UTF-8 file (the promise API decodes in chunks)
        const source = parseSourceFile(readFileSync(path, 'utf8'))
        this.sources.set(source.id, source)
      } catch (error) {
        this.damaged.push({ path, reason: `${name} cannot be read: ${(error as Error).message}` })
      }
    }
  }

  onDidChange(listener: SourceListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Every loaded source. */
  all(): Source[] {
    return [...this.sources.values()]
  }

  list(): SourceSummary[] {
    return [...this.sources.values()].map((s) => ({
      id: s.id,
      title: s.meta.title,
      authors: s.meta.authors,
      blockCount: s.blocks.length,
      ...(s.meta.originalFile ? { originalFile: s.meta.originalFile } : {})
    }))
  }

  has(sourceId: string): boolean {
    return this.sources.has(sourceId)
  }

  find(sourceId: string): Source | undefined {
    return this.sources.get(sourceId)
  }

  get(sourceId: string): Source {
    const source = this.sources.get(sourceId)
    if (!source) throw new PilcrowError('not-found', `There is no source "${sourceId}" in this workspace.`)
    return source
  }

  /** Imports a file from disk; its size is checked before it is read. */
  async importFile(path: string, options: ImportOptions = {}): Promise<SourceImport> {
    const fileName = basename(path)
    const unreadable = (error: NodeJS.ErrnoException): never => {
      throw new PilcrowError('io-error', `${fileName}: cannot read the file (${error.code ?? error.message}).`)
    }
    const stat = await fs.stat(path).catch(unreadable)
    if (stat.isDirectory()) throw new PilcrowError('invalid-argument', `${fileName}: is a folder, not a file.`)
    checkImportable(fileName, stat.size)
    const bytes = await fs.readFile(path).catch(unreadable)
    return this.importBytes(bytes, fileName, options)
  }

  /**
   * Imports a file's bytes as a source. The same file name imported again replaces the earlier
   * source in place (same id, metadata the user edited kept); otherwise the id comes from the
   * file name, made unique. Nothing is written unless the import succeeds.
   */
  async importBytes(bytes: Uint8Array, fileName: string, options: ImportOptions = {}): Promise<SourceImport> {
    const imported = await importSourceBytes(bytes, fileName, options.onProgress)
    const previous = options.reimport === false ? null : this.findByFile(fileName)
    const id = previous?.id ?? this.uniqueId(slugify(basename(fileName, extname(fileName))))
    const source: Source = { id, meta: previous ? keepEdits(imported.meta, previous.meta) : imported.meta, blocks: imported.blocks }
    if (previous && serializeSource(previous) === serializeSource(source)) return { source: previous, previous, status: 'unchanged' }
    await this.commit(source, { name: `${id}${importExtension(fileName)}`, bytes })
    return { source, previous, status: previous ? 'updated' : 'added' }
  }

  /** Changes a source's citation details; edited fields survive a re-import. */
  async updateMeta(sourceId: string, patch: SourceMetaPatch): Promise<Source> {
    const current = this.get(sourceId)
    const meta: SourceMeta = { ...current.meta }
    const edited = new Set(current.meta.edited ?? [])
    for (const [key, value] of Object.entries(patch) as [keyof typeof patch, unknown][]) {
      if (value === undefined) continue
      if (key === 'authors') meta.authors = (value as string[]).map((a) => a.trim()).filter(Boolean)
      else if (key === 'title') meta.title = (value as string).trim() || current.meta.title
      else if ((value as string).trim() === '') delete meta[key]
      else meta[key] = (value as string).trim()
      edited.add(key)
    }
    meta.edited = [...edited].sort()
    const source = { ...current, meta }
    await this.commit(source)
    return source
  }

  /**
   * Deletes a source. Its files move to `.pilcrow/deleted-sources/` (nothing is lost; putting
   * them back in `sources/` restores it); links to it become orphans that keep their quotes.
   */
  async remove(sourceId: string): Promise<void> {
    const source = this.get(sourceId)
    const bin = join(this.workspace.root, '.pilcrow', 'deleted-sources')
    await fs.mkdir(bin, { recursive: true })
    const stamp = new Date().toISOString().replace(/[:.]/g, '-')
    await fs.rename(join(this.workspace.sourcesDir, `${sourceId}.json`), join(bin, `${sourceId}.${stamp}.json`))
    const original = source.meta.originalFile ? join(this.originalsDir, `${sourceId}${importExtension(source.meta.originalFile)}`) : null
    if (original) await fs.rename(original, join(bin, `${sourceId}.${stamp}${importExtension(original)}`)).catch(() => undefined)
    this.sources.delete(sourceId)
    for (const listener of this.listeners) listener(sourceId, null, source)
  }

  private get originalsDir(): string {
    return join(this.workspace.sourcesDir, 'originals')
  }

  /** Writes the original (when given), then the source file; if the second write fails, the first is undone. */
  private async commit(source: Source, original?: { name: string; bytes: Uint8Array }): Promise<void> {
    const sourcePath = join(this.workspace.sourcesDir, `${source.id}.json`)
    let undo: (() => Promise<void>) | null = null
    if (original) {
      await fs.mkdir(this.originalsDir, { recursive: true })
      const path = join(this.originalsDir, original.name)
      const before = await fs.readFile(path).catch(() => null)
      await writeFileAtomic(path, original.bytes)
      undo = () => (before ? writeFileAtomic(path, before) : fs.rm(path, { force: true }))
    }
    try {
      await writeFileAtomic(sourcePath, serializeSource(source))
    } catch (error) {
      await undo?.().catch(() => undefined)
      throw error
    }
    const previous = this.sources.get(source.id) ?? null
    this.sources.set(source.id, source)
    for (const listener of this.listeners) listener(source.id, source, previous)
  }

  private findByFile(fileName: string): Source | null {
    const name = fileName.toLowerCase()
    return this.all().find((s) => s.meta.originalFile?.toLowerCase() === name) ?? null
  }

  private uniqueId(base: string): string {
    let id = base || 'source'
    for (let n = 2; this.sources.has(id); n++) id = `${base || 'source'}-${n}`
    return id
  }
}

/** The fields the user edited keep the user's values when the file is imported again. */
function keepEdits(imported: SourceMeta, previous: SourceMeta): SourceMeta {
  const meta: SourceMeta = { ...imported }
  const record = meta as unknown as Record<string, unknown>
  for (const key of previous.edited ?? []) {
    const value = (previous as unknown as Record<string, unknown>)[key]
    if (value === undefined) delete record[key]
    else record[key] = value
  }
  if (previous.edited?.length) meta.edited = previous.edited
  return meta
}
