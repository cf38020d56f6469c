import { existsSync } from 'node:fs'
import type { LaunchOptions } from '@playwright/test'

/** Debian's Chromium when present (these machines), Playwright's own browser otherwise. */
export const SYSTEM_CHROMIUM = process.env['PILCROW_CHROMIUM'] ?? '/usr/bin/chromium'

/** Flags that keep Chromium quiet on a closed network (see docs/development.md). */
export function chromiumLaunchOptions(): LaunchOptions {
  const args = [
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync'
  ]
  if (!existsSync(SYSTEM_CHROMIUM)) return { args }
  return { executablePath: SYSTEM_CHROMIUM, args: ['--no-sandbox', ...args] }
}
