import type { Notebook } from '../core/notebook'
import { defaultWorkspaceDir } from '../core/user-data'

/** Opens the workspace named by `--workspace` (or the default one) for a CLI command. */
export async function openWorkspaceOption(workspace: string | undefined, options: { searchIndexDelayMs?: number } = {}): Promise<Notebook> {
  // loaded when a command needs it, so `pilcrow serve` is listening before the notebook's modules load
  const { openNotebookInNode } = await import('../core/open-cli-notebook')
  return openNotebookInNode(workspace ?? defaultWorkspaceDir(), options)
}
