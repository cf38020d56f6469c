import { openNotebookInNode } from '../core/open-cli-notebook'
import type { Notebook } from '../core/notebook'
import { defaultWorkspaceDir } from '../core/user-data'

/** Opens the workspace named by `--workspace` (or the default one) for a CLI command. */
export function openWorkspaceOption(workspace: string | undefined, options: { searchIndexDelayMs?: number } = {}): Promise<Notebook> {
  return openNotebookInNode(workspace ?? defaultWorkspaceDir(), options)
}
