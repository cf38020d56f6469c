import { strToU8, zipSync, type Zippable } from 'fflate'
import type { ExportResult } from '../../../shared/export'

/** A folder or zip name made from a title, safe on every system. */
export function exportName(name: string): string {
  return name.replace(/[/\\:*?"<>|#[\]^%\u0000-\u001f\u007f]/g, '-').replace(/\s+/g, ' ').trim().replace(/^[.\s]+|[.\s]+$/g, '') || 'Pilcrow export'
}

/**
 * An export as a zip: every file inside one top folder named after the note or notebook (so
 * unzipping never scatters files), marked as made on Unix with ordinary permissions and UTF-8
 * names (fflate sets the UTF-8 flag for non-ASCII names), so Info-ZIP's `unzip` keeps “smart”
 * quotes and Arabic in file names as they are.
 */
export function exportZip(result: ExportResult): { name: string; bytes: Uint8Array } {
  const folder = exportName(result.name)
  const entries: Zippable = {}
  for (const file of result.files) entries[`${folder}/${file.path}`] = [strToU8(file.content), { os: 3, attrs: (0o100644 << 16) >>> 0 }]
  return { name: `${folder}.zip`, bytes: zipSync(entries) }
}
