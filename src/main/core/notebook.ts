import type { NotebookApi } from '../../shared/api'
import type { Source, SourceSummary, WorkspaceInfo } from '../../shared/model'
import type { Settings, SettingsPatch } from '../../shared/settings'
import type { SettingsStore } from './settings-store'
import { SourcesService } from './sources'
import { openWorkspace, type Workspace } from './workspace'

/** What the notebook needs from the shell that hosts it. */
export interface NotebookOptions {
  /** The workspace folder; created if missing or empty. */
  workspaceDir: string
  /** Paths of the sources every new workspace starts with (the bundled article). */
  bundledSources: string[]
  settings: SettingsStore
}

/**
 * The notebook: everything a user can do, in plain Node. Both shells (Electron IPC, browser-mode
 * HTTP) and the CLI drive this class; none of them add behaviour of their own.
 */
export class Notebook implements NotebookApi {
  private constructor(
    readonly workspace: Workspace,
    readonly sources: SourcesService,
    private readonly settings: SettingsStore
  ) {}

  /** Opens the workspace and starts its services in dependency order. */
  static async open(options: NotebookOptions): Promise<Notebook> {
    const workspace = await openWorkspace(options.workspaceDir)
    const sources = new SourcesService(workspace)
    await sources.start()
    if (workspace.created) {
      for (const path of options.bundledSources) await sources.importFile(path)
    }
    return new Notebook(workspace, sources, options.settings)
  }

  async getWorkspaceInfo(): Promise<WorkspaceInfo> {
    return { path: this.workspace.root, formatVersion: this.workspace.formatVersion, sourceCount: this.sources.list().length }
  }

  async listSources(): Promise<SourceSummary[]> {
    return this.sources.list()
  }

  async getSource(sourceId: string): Promise<Source> {
    return this.sources.get(sourceId)
  }

  async getSettings(): Promise<Settings> {
    return this.settings.get()
  }

  async updateSettings(patch: SettingsPatch): Promise<Settings> {
    return this.settings.update(patch)
  }
}
