import { _electron as electron, expect, test } from '@playwright/test'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { APP_ROOT } from './support/pilcrow'

import { installedElectronBinary } from '../scripts/electron-binary.mjs'

const binary = installedElectronBinary()

test.describe('the desktop app (Electron)', () => {
  test.skip(binary === null, "Electron's binary is not installed here (its download is blocked); browser-mode specs cover the renderer")

  test('opens the article beside the editor in a locked-down window', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'pilcrow-electron-'))
    const app = await electron.launch({ executablePath: binary!, args: [APP_ROOT, `--user-data-dir=${userData}`], cwd: APP_ROOT })
    const window = await app.firstWindow()
    await expect(window.getByRole('region', { name: 'Source' }).getByRole('heading', { level: 1 })).toHaveText(
      'Russia and Iran – a strategic alliance or something more?'
    )
    await expect(window.getByRole('textbox', { name: 'Note', exact: true })).toBeVisible()
    // Sandboxed and isolated: no Node in the page, only the contract's named methods.
    expect(await window.evaluate(() => [typeof (globalThis as { require?: unknown }).require, typeof (globalThis as { process?: unknown }).process])).toEqual([
      'undefined',
      'undefined'
    ])
    expect(await window.evaluate(() => Object.keys((window as unknown as { pilcrow: object }).pilcrow).sort())).toContain('getSource')
    await app.close()
  })
})
