import { promises as fs } from 'node:fs'
import { join, resolve } from 'node:path'
import { PilcrowError } from '../../shared/errors'
import { writeFileAtomic } from './atomic-write'

/** The workspace format this build reads and writes; documented in docs/workspace-format.md. */
export const WORKSPACE_FORMAT_VERSION = 1
const MARKER_FILE = 'pilcrow-workspace.json'

/** An open workspace folder and the paths of the files each module owns. */
export interface Workspace {
  readonly root: string
  readonly formatVersion: number
  /** True when this call created the workspace (it was empty or missing). */
  readonly created: boolean
  readonly sourcesDir: string
  readonly notesDir: string
  /** Caches Pilcrow can rebuild (the search index). Losing them loses nothing. */
  readonly cacheDir: string
}

interface Marker {
  format: 'pilcrow-workspace'
  formatVersion: number
  createdAt: string
}

/**
 * Opens the workspace at `dir`, creating it (and its marker file) when the folder is missing or
 * empty. Refuses a folder written by a newer Pilcrow, and a non-empty folder that is not a
 * workspace, rather than mixing our files into someone else's.
 */
export async function openWorkspace(dir: string): Promise<Workspace> {
  const root = resolve(dir)
  await fs.mkdir(root, { recursive: true })
  const markerPath = join(root, MARKER_FILE)
  let created = false
  const raw = await fs.readFile(markerPath, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null
    throw new PilcrowError('io-error', `Cannot read ${markerPath}: ${error.message}`)
  })
  if (raw === null) {
    const entries = (await fs.readdir(root)).filter((name) => !name.startsWith('.'))
    if (entries.length > 0) {
      throw new PilcrowError(
        'invalid-argument',
        `${root} is not a Pilcrow workspace and is not empty. Choose an empty folder or an existing workspace.`
      )
    }
    const marker: Marker = { format: 'pilcrow-workspace', formatVersion: WORKSPACE_FORMAT_VERSION, createdAt: new Date().toISOString() }
    await writeFileAtomic(markerPath, JSON.stringify(marker, null, 2) + '\n')
    created = true
  } else {
    checkMarker(raw, markerPath)
  }
  const workspace: Workspace = {
    root,
    formatVersion: WORKSPACE_FORMAT_VERSION,
    created,
    sourcesDir: join(root, 'sources'),
    notesDir: join(root, 'notes'),
    cacheDir: join(root, '.pilcrow', 'cache')
  }
  await fs.mkdir(workspace.sourcesDir, { recursive: true })
  await fs.mkdir(workspace.notesDir, { recursive: true })
  return workspace
}

function checkMarker(raw: string, markerPath: string): void {
  let marker: Partial<Marker>
  try {
    marker = JSON.parse(raw) as Partial<Marker>
  } catch {
    throw new PilcrowError('unsupported-format', `${markerPath} is damaged (not JSON). Restore it from a backup, or open another folder.`)
  }
  if (marker.format !== 'pilcrow-workspace' || typeof marker.formatVersion !== 'number') {
    throw new PilcrowError('unsupported-format', `${markerPath} is not a Pilcrow workspace marker.`)
  }
  if (marker.formatVersion > WORKSPACE_FORMAT_VERSION) {
    throw new PilcrowError(
      'unsupported-format',
      `This workspace was written by a newer Pilcrow (format ${marker.formatVersion}; this version reads up to ${WORKSPACE_FORMAT_VERSION}). Update Pilcrow to open it.`
    )
  }
}
