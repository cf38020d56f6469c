import { renameSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { coerceSettings, DEFAULT_SETTINGS, type Settings, type SettingsPatch } from '../../shared/settings'
import type { SettingsStore } from './settings-store'

/** The part of `conf` (and of electron-store, which extends it) that we use. */
export interface ConfLike {
  readonly store: Record<string, unknown>
  set(object: Record<string, unknown>): void
  readonly path: string
}

/** Options we always pass: never silently replace an unreadable file (we set it aside ourselves). */
export const CONF_OPTIONS = {
  clearInvalidConfig: false,
  defaults: DEFAULT_SETTINGS as unknown as Record<string, unknown>
} as const

/**
 * Opens settings through a conf-like store. If the file cannot be read (torn, garbage), it is
 * renamed `settings.corrupt-<time>.json`, defaults are used, and `recovery` says so — the app
 * never fails to start because of its settings.
 */
export function openConfSettings(create: () => ConfLike, expectedPath: string): SettingsStore {
  try {
    return new ConfSettingsStore(create(), null)
  } catch (error) {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-')
    const aside = join(dirname(expectedPath), `${basename(expectedPath, '.json')}.corrupt-${stamp}.json`)
    renameSync(expectedPath, aside)
    const reason = (error as Error).message.split('\n')[0]
    return new ConfSettingsStore(
      create(),
      `Your settings file could not be read (${reason}). It was set aside as ${basename(aside)} and defaults are in use.`
    )
  }
}

class ConfSettingsStore implements SettingsStore {
  constructor(
    private readonly conf: ConfLike,
    readonly recovery: string | null
  ) {}

  get(): Settings {
    return coerceSettings(this.conf.store)
  }

  update(patch: SettingsPatch): Settings {
    this.conf.set(patch as Record<string, unknown>)
    return this.get()
  }
}
