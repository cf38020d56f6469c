import { statSync } from 'node:fs'
import { resolve } from 'node:path'
import { PilcrowError } from '../../shared/errors'
import type { Notebook } from '../core/notebook'
import { defaultWorkspaceDir } from '../core/user-data'

/** The folder named by `--workspace` (or the default one), refused at once if it names a file. */
export function workspaceDirOption(workspace: string | undefined): string {
  const dir = resolve(workspace ?? defaultWorkspaceDir())
  const stat = statSync(dir, { throwIfNoEntry: false })
  if (stat && !stat.isDirectory()) throw new PilcrowError('invalid-argument', `The workspace must be a folder, and ${dir} is a file.`)
  return dir
}

/** Opens the workspace named by `--workspace` (or the default one) for a CLI command. */
export function openWorkspaceOption(workspace: string | undefined): Promise<Notebook> {
  return openWorkspaceDir(workspaceDirOption(workspace))
}

/** Opens a workspace folder already checked by `workspaceDirOption`. */
export async function openWorkspaceDir(dir: string, options: { searchIndexDelayMs?: number; watch?: boolean } = {}): Promise<Notebook> {
  // loaded when a command needs it: help and usage errors answer without it
  const { openNotebookInNode } = await import('../core/open-cli-notebook')
  return openNotebookInNode(dir, options)
}
