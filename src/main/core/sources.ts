import { promises as fs } from 'node:fs'
import { basename, extname, join } from 'node:path'
import { PilcrowError } from '../../shared/errors'
import type { Source, SourceSummary } from '../../shared/model'
import { slugify } from '../../shared/text'
import { removeStrayTempFiles, writeFileAtomic } from './atomic-write'
import { importMarkdown, type ImportedSource } from './importers/markdown'
import { parseSourceFile, serializeSource } from './source-file'
import type { Workspace } from './workspace'

/** A file in the workspace that could not be read, with the reason; it is left untouched. */
export interface DamagedFile {
  path: string
  reason: string
}

/** The importers by file extension. Later importers (HTML, PDF) register here. */
const IMPORTERS: Record<string, (text: string, fileName: string) => ImportedSource> = {
  '.md': importMarkdown,
  '.markdown': importMarkdown
}

/** Holds the workspace's normalised sources: loads them at start, imports new ones. */
export class SourcesService {
  private readonly sources = new Map<string, Source>()
  private readonly listeners = new Set<(source: Source) => void>()
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
        const source = parseSourceFile(await fs.readFile(path, 'utf8'))
        this.sources.set(source.id, source)
      } catch (error) {
        this.damaged.push({ path, reason: `${name} cannot be read: ${(error as Error).message}` })
      }
    }
  }

  /** Told after a source is added or replaced (search keeps up through this). */
  onDidChange(listener: (source: Source) => void): () => void {
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
      blockCount: s.blocks.length
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

  /**
   * Imports a file's text as a new source. The id comes from the file name (made unique); the
   * original is kept beside the normalised source so it can be re-imported.
   */
  async importText(text: string, fileName: string): Promise<Source> {
    const ext = extname(fileName).toLowerCase()
    const importer = IMPORTERS[ext]
    if (!importer) {
      const known = Object.keys(IMPORTERS).join(', ')
      throw new PilcrowError('unsupported-format', `${fileName}: Pilcrow cannot import ${ext || 'files without an extension'} files (it reads ${known}).`)
    }
    const imported = importer(text, fileName)
    const id = this.uniqueId(slugify(basename(fileName, extname(fileName))))
    const source: Source = { id, ...imported }
    const originals = join(this.workspace.sourcesDir, 'originals')
    await fs.mkdir(originals, { recursive: true })
    await writeFileAtomic(join(originals, `${id}${ext}`), text)
    await writeFileAtomic(join(this.workspace.sourcesDir, `${id}.json`), serializeSource(source))
    this.sources.set(id, source)
    for (const listener of this.listeners) listener(source)
    return source
  }

  async importFile(path: string): Promise<Source> {
    const text = await fs.readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new PilcrowError('io-error', `${basename(path)}: cannot read the file (${error.code ?? error.message}).`)
    })
    return this.importText(text, basename(path))
  }

  private uniqueId(base: string): string {
    let id = base
    for (let n = 2; this.sources.has(id); n++) id = `${base}-${n}`
    return id
  }
}
