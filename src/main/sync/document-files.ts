import { promises as fs } from 'node:fs'
import { dirname, join } from 'node:path'
import { DOCUMENT_NAME } from '../../shared/sync'
import { writeFileAtomic } from '../core/atomic-write'

/**
 * Yjs documents kept as files, one per document: `DIR/<notebook>/notebook.yjs` and
 * `DIR/<notebook>/note/<id>.yjs`, each the document's whole state as one update, replaced
 * atomically (a kill mid-write leaves the previous state whole). The sync server keeps its
 * documents so, and so does each workspace its own copy of what it shares.
 */
export class DocumentFiles {
  constructor(readonly dir: string) {}

  private path(name: string): string {
    // names are checked where they come in; checked again here so no other name reaches the disk
    if (!DOCUMENT_NAME.test(name)) throw new Error(`Not a Pilcrow document name: ${JSON.stringify(name)}`)
    return join(this.dir, `${name}.yjs`)
  }

  async read(name: string): Promise<Uint8Array | null> {
    try {
      return new Uint8Array(await fs.readFile(this.path(name)))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw error
    }
  }

  async has(name: string): Promise<boolean> {
    return fs.access(this.path(name)).then(() => true, () => false)
  }

  async write(name: string, state: Uint8Array): Promise<void> {
    const path = this.path(name)
    await fs.mkdir(dirname(path), { recursive: true })
    await writeFileAtomic(path, state)
  }
}

/**
 * Beside each note's document, the state whose content its note file holds, with the file's
 * revision: a change made to the file while no engine ran (the CLI, an import) is merged in
 * against it at the next start. Stored as the revision, a newline, then the state.
 */
export class FileBaseFiles {
  private readonly files: DocumentFiles

  constructor(dir: string) {
    this.files = new DocumentFiles(dir)
  }

  async read(name: string): Promise<{ revision: string; state: Uint8Array } | null> {
    const bytes = await this.files.read(name)
    const newline = bytes?.indexOf(0x0a) ?? -1
    if (!bytes || newline < 1 || newline > 100) return null
    return { revision: Buffer.from(bytes.subarray(0, newline)).toString('ascii'), state: bytes.subarray(newline + 1) }
  }

  write(name: string, base: { revision: string; state: Uint8Array }): Promise<void> {
    return this.files.write(name, Buffer.concat([Buffer.from(`${base.revision}\n`, 'ascii'), base.state]))
  }
}
