import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { writeFileAtomic } from './atomic-write'
import type { Workspace } from './workspace'

/** Fewer notes than this going missing is ordinary deleting, not a warning. */
const MIN_NOTES_FOR_ALARM = 3

/**
 * Remembers how many notes the workspace had, and warns when another program has emptied or
 * deleted them all since: the links and the search index would otherwise shrink without a word.
 * Pilcrow changes nothing in that case; the warning says what to do.
 */
export async function checkNotesCensus(workspace: Workspace, readable: number, damaged: number): Promise<string | null> {
  const file = join(workspace.root, '.pilcrow', 'notes-census.json')
  const previous = await fs
    .readFile(file, 'utf8')
    .then((raw) => (JSON.parse(raw) as { notes?: number }).notes ?? 0)
    .catch(() => 0)
  if (previous >= MIN_NOTES_FOR_ALARM && readable === 0) {
    // keep the old count, so the warning stays until the notes are back or the user writes anew
    return damaged > 0
      ? `All ${previous} notes of this notebook are unreadable now (${damaged} damaged files). Another program may have overwritten them. Pilcrow changed nothing: restore the notes folder from a backup.`
      : `The ${previous} notes this notebook had are gone from ${join(workspace.root, 'notes')}. Another program may have deleted them. Pilcrow changed nothing: restore the notes folder from a backup.`
  }
  await fs.mkdir(join(workspace.root, '.pilcrow'), { recursive: true })
  await writeFileAtomic(file, JSON.stringify({ notes: readable }) + '\n')
  return null
}
