import type { Settings, SettingsPatch } from '../../shared/settings'

/**
 * Where settings live: electron-store in the desktop app, `conf` in browser mode and the CLI.
 * Both hold the schema of `src/shared/settings.ts`.
 */
export interface SettingsStore {
  get(): Settings
  update(patch: SettingsPatch): Settings
  /** Set when the stored file could not be read and was set aside; shown to the user once. */
  readonly recovery: string | null
}

/** Settings kept in memory only (tests, and a CLI command that changes none). */
export class MemorySettingsStore implements SettingsStore {
  readonly recovery = null
  constructor(private settings: Settings) {}
  get(): Settings {
    return structuredClone(this.settings)
  }
  update(patch: SettingsPatch): Settings {
    this.settings = { ...this.settings, ...patch }
    return this.get()
  }
}
