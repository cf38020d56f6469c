// Makes sure the end-to-end tests have a Chromium: Debian's package where apt is usable, else
// Playwright's own download; otherwise stops with one line saying what to run.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const SYSTEM_CHROMIUM = process.env.PILCROW_CHROMIUM ?? '/usr/bin/chromium'

function playwrightHasBrowser() {
  try {
    const out = execFileSync(process.execPath, ['-e', "import('@playwright/test').then(p => console.log(p.chromium.executablePath()))"], { encoding: 'utf8' })
    return existsSync(out.trim())
  } catch {
    return false
  }
}

function tryApt() {
  if (process.platform !== 'linux' || !existsSync('/usr/bin/apt-get')) return false
  const asRoot = process.getuid?.() === 0
  const sudo = asRoot ? [] : ['sudo', '-n']
  const run = (args) => spawnSync(sudo[0] ?? args[0], sudo.length ? [...sudo.slice(1), ...args] : args.slice(1), { stdio: 'inherit' }).status === 0
  console.log('Chromium not found: installing Debian\'s chromium package…')
  return run(['apt-get', 'update', '-qq']) && run(['apt-get', 'install', '-y', '-qq', 'chromium']) && existsSync(SYSTEM_CHROMIUM)
}

function tryPlaywrightDownload() {
  console.log("Chromium not found: downloading Playwright's Chromium…")
  return spawnSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit' }).status === 0 && playwrightHasBrowser()
}

if (existsSync(SYSTEM_CHROMIUM) || playwrightHasBrowser()) process.exit(0)
if (tryApt() || tryPlaywrightDownload()) process.exit(0)
console.error('No Chromium for the end-to-end tests: run "sudo apt-get install chromium" (Debian/Ubuntu) or "npx playwright install chromium", then npm test again.')
process.exit(1)
