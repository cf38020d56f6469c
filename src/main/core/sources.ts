import { existsSync, promises as fs, readFileSync } from 'node:fs'
import { basename, extname, join, relative, sep } from 'node:path'
import { PilcrowError } from '../../shared/errors'
import { importExtension } from '../../shared/imports'
import type { Source, SourceMeta, SourceMetaPatch, SourceSummary } from '../../shared/model'
import { slugify } from '../../shared/text'
import { createFileExclusive, removeStrayTempFiles, writeFileAtomic } from './atomic-write'
import { checkImportable, importSourceBytes } from './importers'
import type { ImportProgress } from './importers/progress'
import { catalogEntry, sameStamp, SourceCatalogFile, stampOf, type CatalogEntry, type FileStamp } from './source-catalog'
import { parseSourceFile, serializeSource } from './source-file'
import type { Workspace } from './workspace'
import { notifyAll } from './notify'
import { derivedCitationKey, uniqueCitationKey } from './citation-keys'
import { identityOf, isSameWork } from './source-identity'

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
  /** Where the replaced version was kept (`.pilcrow/deleted-sources/…`), for an update. */
  previousKept: string | null
}

export interface ImportOptions {
  onProgress?: ImportProgress
  /** Update the source that is the same work, when there is one (default true). */
  reimport?: boolean
  /** Update this source, whatever the file is (the user chose "Update this source"). */
  update?: string
  /** When the workspace has the same work, keep it as it is (an exported notebook's copy of a source it has). */
  keepExisting?: boolean
}

/**
 * Told after a source is added, replaced or deleted: its new version (null when deleted) and the
 * one before (null when new; undefined when another program replaced a version never read here).
 */
export type SourceListener = (sourceId: string, source: Source | null, previous: Source | null | undefined) => void

/**
 * Holds the workspace's normalised sources (`sources/<id>.json`, with the imported file kept in
 * `sources/originals/`): finds them at start (reading a source's blocks only when first needed,
 * see `SourceCatalogFile`), imports, re-imports, edits metadata, deletes.
 * The source file is the commit point of every change: written last (atomically), or rolled back.
 */
export class SourcesService {
  /** Every source in the workspace, by id: its catalog entry and file name. */
  private readonly entries = new Map<string, { file: string; entry: CatalogEntry }>()
  /** The sources read in full so far (a source is read when first needed). */
  private readonly loaded = new Map<string, Source>()
  private readonly listeners = new Set<SourceListener>()
  private readonly catalog: SourceCatalogFile
  readonly damaged: DamagedFile[] = []

  constructor(private readonly workspace: Workspace) {
    this.catalog = new SourceCatalogFile(workspace.cacheDir)
  }

  /**
   * Finds every stored source. A file the catalog knows, unchanged, is not read now; any other
   * is read and checked, and a damaged one is reported in `damaged`, never rewritten.
   */
  async start(): Promise<void> {
    const dir = this.workspace.sourcesDir
    await removeStrayTempFiles(dir)
    const names = (await fs.readdir(dir)).filter((n) => n.endsWith('.json')).sort()
    const [saved, stamps] = await Promise.all([this.catalog.read(), Promise.all(names.map((name) => fs.stat(join(dir, name)).then(stampOf, () => stampOf(null))))])
    let changed = saved.size !== names.length
    names.forEach((name, i) => {
      const stamp = stamps[i]!
      const known = saved.get(name)
      if (known && sameStamp(known.stamp, stamp)) {
        this.entries.set(known.id, { file: name, entry: known })
        return
      }
      changed = true
      try {
        // synchronous: Node's fast path for a whole UTF-8 file (the promise API decodes in chunks)
        const source = parseSourceFile(readFileSync(join(dir, name), 'utf8'))
        this.remember(name, source, stamp)
      } catch (error) {
        this.damaged.push({ path: join(dir, name), reason: `${name} cannot be read: ${(error as Error).message}` })
      }
    })
    if (changed) void this.catalog.write(this.catalogByFile())
  }

  /**
   * A source file was added, changed or removed by another program (the CLI, a second Pilcrow, a
   * sync tool; the watcher saw it). Read again and announced when it differs from what is known;
   * this service's own writes come back with the stamp it recorded and change nothing.
   */
  async syncFromDisk(file: string): Promise<void> {
    if (!/^[a-z0-9][a-z0-9-]*\.json$/.test(file)) return
    const path = join(this.workspace.sourcesDir, file)
    const known = [...this.entries.values()].find((e) => e.file === file)?.entry
    const stat = await fs.stat(path).catch(() => null)
    if (!stat) {
      if (!known || !this.entries.has(known.id)) return
      const previous = this.loaded.get(known.id)
      this.entries.delete(known.id)
      this.loaded.delete(known.id)
      void this.catalog.write(this.catalogByFile())
      notifyAll(this.listeners, known.id, null, previous)
      return
    }
    const stamp = stampOf(stat)
    if (known && sameStamp(known.stamp, stamp)) return
    let source: Source
    try {
      source = parseSourceFile(await fs.readFile(path, 'utf8'))
    } catch (error) {
      // half written by the other program, or damaged: left alone; a later change is read again
      if (!this.damaged.some((d) => d.path === path)) this.damaged.push({ path, reason: `${file} cannot be read: ${(error as Error).message}` })
      return
    }
    const fixed = this.damaged.findIndex((d) => d.path === path)
    if (fixed !== -1) this.damaged.splice(fixed, 1)
    const unchanged = known && this.loaded.has(source.id) && serializeSource(this.loaded.get(source.id)!) === serializeSource(source)
    const previous = known ? this.loaded.get(known.id) : null
    this.remember(file, source, stamp)
    void this.catalog.write(this.catalogByFile())
    if (!unchanged) notifyAll(this.listeners, source.id, source, previous)
  }

  /** Waits for the catalog's pending write. */
  async stop(): Promise<void> {
    await this.catalog.settled()
  }

  onDidChange(listener: SourceListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** What is known of every source without reading its blocks. */
  catalogEntries(): CatalogEntry[] {
    return [...this.entries.values()].map((e) => e.entry)
  }

  /** Every readable source, read in full (those not read yet are read now). */
  all(): Source[] {
    return [...this.entries.keys()].map((id) => this.readable(id)).filter((s): s is Source => s !== null)
  }

  list(): SourceSummary[] {
    return this.catalogEntries().map((e) => ({
      id: e.id,
      title: e.meta.title,
      authors: e.meta.authors,
      blockCount: e.blockCount,
      ...(e.meta.originalFile ? { originalFile: e.meta.originalFile } : {}),
      ...(e.meta.tags?.length ? { tags: e.meta.tags } : {})
    }))
  }

  /** What is known of one source without reading its blocks; undefined when there is none. */
  catalogEntry(sourceId: string): CatalogEntry | undefined {
    return this.entries.get(sourceId)?.entry
  }

  has(sourceId: string): boolean {
    return this.entries.has(sourceId)
  }

  /** The source, read from its file when first asked for; undefined when there is none. */
  find(sourceId: string): Source | undefined {
    if (!this.entries.has(sourceId)) return undefined
    return this.loaded.get(sourceId) ?? this.load(sourceId)
  }

  /** Whether the source's blocks have been read yet (they are read when first needed). */
  isRead(sourceId: string): boolean {
    return this.loaded.has(sourceId)
  }

  /** The source, or null when there is none or its file cannot be read (then it is reported in `damaged`). */
  readable(sourceId: string): Source | null {
    try {
      return this.find(sourceId) ?? null
    } catch {
      return null
    }
  }

  /** The file a catalogued source is read from; undefined when there is no such source. */
  filePathOf(sourceId: string): string | undefined {
    const known = this.entries.get(sourceId)
    return known && join(this.workspace.sourcesDir, known.file)
  }

  /**
   * The source as `readable` gives it, but one not read yet is not kept in memory afterwards: the
   * search index reads every source once when it is built, and a million paragraphs would stay.
   */
  readWithoutKeeping(sourceId: string): Source | null {
    const kept = this.loaded.get(sourceId)
    if (kept || !this.entries.has(sourceId)) return kept ?? null
    try {
      return this.load(sourceId, { keep: false })
    } catch {
      return null
    }
  }

  get(sourceId: string): Source {
    const source = this.find(sourceId)
    if (!source) throw new PilcrowError('not-found', `There is no source "${sourceId}" in this workspace.`)
    return source
  }

  /** The file a source was imported from, as it was imported; `not-found` when none was kept (a built-in source, a lost file). */
  async readOriginal(sourceId: string): Promise<{ fileName: string; bytes: Uint8Array }> {
    const { meta } = this.get(sourceId)
    const missing = (): PilcrowError => new PilcrowError('not-found', `The file “${meta.title}” was imported from is not kept in this workspace; import it again to see its pages.`)
    if (!meta.originalFile) throw missing()
    try {
      return { fileName: meta.originalFile, bytes: await fs.readFile(join(this.originalsDir, `${sourceId}${importExtension(meta.originalFile)}`)) }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw missing()
      throw error
    }
  }

  /** Reads a catalogued source's file; a file damaged since the catalog was made is reported and left untouched. */
  private load(sourceId: string, { keep = true } = {}): Source {
    const { file, entry } = this.entries.get(sourceId)!
    const path = join(this.workspace.sourcesDir, file)
    try {
      const source = parseSourceFile(readFileSync(path, 'utf8'))
      if (keep) this.loaded.set(sourceId, source)
      return source
    } catch (error) {
      const reason = `${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`
      if (!this.damaged.some((d) => d.path === path)) this.damaged.push({ path, reason })
      throw new PilcrowError('io-error', `The source "${entry.meta.title}" cannot be opened: ${reason}. The file was left untouched.`)
    }
  }

  private remember(file: string, source: Source, stamp: FileStamp): void {
    this.entries.set(source.id, { file, entry: catalogEntry(source, stamp) })
    this.loaded.set(source.id, source)
  }

  private catalogByFile(): Map<string, CatalogEntry> {
    return new Map([...this.entries.values()].map(({ file, entry }) => [file, entry]))
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
   * Imports a file's bytes as a source. It updates a source in place (same id, the metadata the
   * user edited kept, the previous version kept in `.pilcrow/deleted-sources/`) only when it is the
   * same work (`isSameWork`), or when the user chose that source (`options.update`); otherwise it
   * is a new source with its own id and citation key, whatever its file is called. Nothing is
   * written unless the import succeeds.
   */
  async importBytes(bytes: Uint8Array, fileName: string, options: ImportOptions = {}): Promise<SourceImport> {
    const imported = await importSourceBytes(bytes, fileName, options.onProgress)
    const previous = options.update ? this.get(options.update) : options.reimport === false ? null : this.findSameWork(imported.meta)
    if (!previous) {
      const taken = new Set(this.catalogEntries().map((e) => e.meta.citationKey ?? derivedCitationKey(e.meta, e.id)))
      const source = await this.addNew(slugify(basename(fileName, extname(fileName))), imported, { extension: importExtension(fileName), bytes }, taken)
      return { source, previous: null, status: 'added', previousKept: null }
    }
    if (options.keepExisting) return { source: previous, previous, status: 'unchanged', previousKept: null }
    const meta = keepEdits(imported.meta, previous.meta)
    // the key papers already cite stays the key
    if (previous.meta.citationKey) meta.citationKey = previous.meta.citationKey
    const source: Source = { id: previous.id, meta, blocks: imported.blocks }
    if (serializeSource(previous) === serializeSource(source)) return { source: previous, previous, status: 'unchanged', previousKept: null }
    const previousKept = await this.keepDeleted(previous, 'replaced')
    await this.commit(source, { name: `${source.id}${importExtension(fileName)}`, bytes })
    return { source, previous, status: 'updated', previousKept }
  }

  /**
   * Adds a new source under a free id made from `base`. The id is taken by creating its files
   * exclusively, so another process importing at the same moment (the CLI beside the app) never
   * has its source overwritten: whoever comes second takes the next id.
   */
  private async addNew(base: string, imported: Omit<Source, 'id'>, original: { extension: string; bytes: Uint8Array }, keys: ReadonlySet<string>): Promise<Source> {
    const taken = new Set<string>()
    for (;;) {
      const id = this.uniqueId(base, taken)
      const citationKey = uniqueCitationKey(imported.meta.citationKey ?? derivedCitationKey(imported.meta, id), keys)
      const source: Source = { id, meta: { ...imported.meta, citationKey }, blocks: imported.blocks }
      try {
        await this.commitNew(source, { name: `${id}${original.extension}`, bytes: original.bytes })
        return source
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
        taken.add(id)
      }
    }
  }

  /** Changes a source's citation details; edited fields survive a re-import. */
  async updateMeta(sourceId: string, patch: SourceMetaPatch): Promise<Source> {
    const current = this.get(sourceId)
    // a key cites one work: another source's key is refused, not shared
    const key = patch.citationKey?.trim()
    const holder = key ? this.catalogEntries().find((e) => e.id !== sourceId && (e.meta.citationKey ?? derivedCitationKey(e.meta, e.id)) === key) : undefined
    if (holder) throw new PilcrowError('invalid-argument', `The citation key “${key}” is already “${holder.meta.title}”'s: choose another (e.g. ${key}b).`)
    const meta: SourceMeta = { ...current.meta }
    // the file's own word on which work this is, before the user corrects it
    if (!meta.imported && (patch.title !== undefined || patch.authors !== undefined || patch.url !== undefined)) {
      const { title, authors, url } = identityOf(current.meta)
      meta.imported = { title, authors, ...(url ? { url } : {}) }
    }
    const edited = new Set(current.meta.edited ?? [])
    for (const [key, value] of Object.entries(patch) as [keyof typeof patch, unknown][]) {
      if (value === undefined) continue
      if (key === 'authors') meta.authors = (value as string[]).map((a) => a.trim()).filter(Boolean)
      else if (key === 'tags') {
        const tags = [...new Set((value as string[]).map((t) => t.replace(/^#/, '').toLowerCase()))]
        if (tags.length > 0) meta.tags = tags
        else delete meta.tags
      }
      else if (key === 'title') meta.title = (value as string).trim() || current.meta.title
      else if ((value as string).trim() === '') delete meta[key]
      // the schema checked a type is one of REFERENCE_TYPES
      else (meta as unknown as Record<string, string>)[key] = (value as string).trim()
      edited.add(key)
    }
    meta.edited = [...edited].sort()
    const source = { ...current, meta }
    await this.commit(source)
    return source
  }

  /**
   * Writes a source as it arrived from the notebook's other devices (a new one, or a new version:
   * the version it replaces is kept in `.pilcrow/deleted-sources/`, as a re-import keeps it). The
   * original file (a PDF's pages) does not travel: the source is read as its text until it is
   * imported here too.
   */
  async putFromSync(source: Source): Promise<void> {
    const known = this.readable(source.id)
    if (known && serializeSource(known) === serializeSource(source)) return
    if (known) await this.keepDeleted(known, 'replaced')
    await this.commit(source)
  }

  /**
   * Deletes a source. Its files move to `.pilcrow/deleted-sources/` (nothing is lost; putting
   * them back in `sources/` restores it); links to it become orphans that keep their quotes.
   */
  async remove(sourceId: string): Promise<void> {
    const source = this.get(sourceId)
    await this.keepDeleted(source, 'deleted')
    await fs.rm(join(this.workspace.sourcesDir, `${sourceId}.json`))
    if (source.meta.originalFile) await fs.rm(join(this.originalsDir, `${sourceId}${importExtension(source.meta.originalFile)}`), { force: true })
    this.entries.delete(sourceId)
    this.loaded.delete(sourceId)
    void this.catalog.write(this.catalogByFile())
    notifyAll(this.listeners, sourceId, null, source)
  }

  /**
   * Copies a source's files (its JSON and its original) into `.pilcrow/deleted-sources/`, before
   * they are deleted or replaced, and returns the JSON's path there, relative to the workspace.
   */
  private async keepDeleted(source: Source, why: 'deleted' | 'replaced'): Promise<string> {
    const bin = join(this.workspace.root, '.pilcrow', 'deleted-sources')
    await fs.mkdir(bin, { recursive: true })
    const stamp = new Date().toISOString().replace(/[:.]/g, '-')
    const name = `${source.id}.${stamp}${why === 'replaced' ? '.replaced' : ''}`
    const kept = join(bin, `${name}.json`)
    await fs.copyFile(join(this.workspace.sourcesDir, `${source.id}.json`), kept)
    if (source.meta.originalFile) {
      const extension = importExtension(source.meta.originalFile)
      await fs.copyFile(join(this.originalsDir, `${source.id}${extension}`), join(bin, `${name}${extension}`)).catch(() => undefined)
    }
    return relative(this.workspace.root, kept).split(sep).join('/')
  }

  private get originalsDir(): string {
    return join(this.workspace.sourcesDir, 'originals')
  }

  /** Writes the original (when given), then the source file; if the second write fails, the first is undone. */
  private async commit(source: Source, original?: { name: string; bytes: Uint8Array }): Promise<void> {
    const file = `${source.id}.json`
    const sourcePath = join(this.workspace.sourcesDir, file)
    const previous = this.readable(source.id)
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
    const stat = await fs.stat(sourcePath).catch(() => null)
    this.remember(file, source, stampOf(stat))
    void this.catalog.write(this.catalogByFile())
    notifyAll(this.listeners, source.id, source, previous)
  }

  /** Creates a new source's files, the original first; fails with `EEXIST`, having written nothing, when the id is taken on disk. */
  private async commitNew(source: Source, original: { name: string; bytes: Uint8Array }): Promise<void> {
    await fs.mkdir(this.originalsDir, { recursive: true })
    const originalPath = join(this.originalsDir, original.name)
    await createFileExclusive(originalPath, original.bytes)
    const file = `${source.id}.json`
    const sourcePath = join(this.workspace.sourcesDir, file)
    try {
      await createFileExclusive(sourcePath, serializeSource(source))
    } catch (error) {
      await fs.rm(originalPath, { force: true }).catch(() => undefined)
      throw error
    }
    this.remember(file, source, stampOf(await fs.stat(sourcePath).catch(() => null)))
    void this.catalog.write(this.catalogByFile())
    notifyAll(this.listeners, source.id, source, null)
  }

  /** The source that is the same work as `meta`, if any (see `isSameWork`). */
  private findSameWork(meta: SourceMeta): Source | null {
    const entry = this.catalogEntries().find((e) => isSameWork(e.meta, meta))
    // one whose file became unreadable is not replaced: the import gets a new id and the file stays
    return entry ? this.readable(entry.id) : null
  }

  /** The first id from `base` that no source has here or on disk (another process may have added one). */
  private uniqueId(base: string, taken: Set<string> = new Set()): string {
    const stem = base || 'source'
    const free = (id: string): boolean => !this.entries.has(id) && !taken.has(id) && !existsSync(join(this.workspace.sourcesDir, `${id}.json`))
    let id = stem
    for (let n = 2; !free(id); n++) id = `${stem}-${n}`
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
  if (previous.imported) meta.imported = { title: imported.title, authors: imported.authors, ...(imported.url ? { url: imported.url } : {}) }
  return meta
}
