import { promises as fs } from 'node:fs'
import { dirname, resolve, sep } from 'node:path'
import { PilcrowError } from '../../../shared/errors'
import { writeFileAtomic } from '../atomic-write'
import type { ExportFile } from '../../../shared/export'

/**
 * Writes an export into `outDir`. Refuses, before writing anything, when a file would be
 * overwritten and `force` is not set; every file is written atomically.
 */
export async function writeExport(files: ExportFile[], outDir: string, force: boolean): Promise<string[]> {
  const root = resolve(outDir)
  const targets = files.map((f) => {
    const path = resolve(root, ...f.path.split('/'))
    if (!path.startsWith(root + sep)) throw new PilcrowError('invalid-argument', `Refused to write outside ${root}: ${f.path}`)
    return { path, content: f.content }
  })
  if (!force) {
    for (const t of targets) {
      const exists = await fs.stat(t.path).then(
        () => true,
        () => false
      )
      if (exists) throw new PilcrowError('invalid-argument', `${t.path} already exists; nothing was written. Use --force to overwrite, or export to an empty folder.`)
    }
  }
  for (const t of targets) {
    await fs.mkdir(dirname(t.path), { recursive: true })
    await writeFileAtomic(t.path, t.content)
  }
  return targets.map((t) => t.path)
}
