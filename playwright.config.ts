import { defineConfig } from '@playwright/test'
import { chromiumLaunchOptions } from './e2e/support/chromium'

export default defineConfig({
  testDir: 'e2e',
  // CI runs two workers, each a Chromium and a server, on two cores: generous limits there
  timeout: process.env['CI'] ? 60_000 : 30_000,
  expect: { timeout: process.env['CI'] ? 15_000 : 7_000 },
  forbidOnly: !!process.env['CI'],
  retries: 0,
  workers: process.env['CI'] ? 2 : undefined,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    viewport: { width: 1280, height: 800 },
    launchOptions: chromiumLaunchOptions(),
    trace: 'retain-on-failure'
  }
})
