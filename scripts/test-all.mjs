// `npm test`: build, typecheck, unit tests (Vitest), end-to-end tests (Playwright in Chromium),
// then one line with the totals of all suites: "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'

const results = []
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx'

function step(name, command, args) {
  console.log(`\n▶ ${name}`)
  const status = spawnSync(command, args, { stdio: 'inherit', env: process.env }).status
  return status === 0
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return null
  }
}

rmSync('test-results', { recursive: true, force: true })
mkdirSync('test-results', { recursive: true })

const built = step('Build (electron-vite)', npx, ['electron-vite', 'build'])
results.push({ suite: 'build', passed: built ? 1 : 0, failed: built ? 0 : 1, skipped: 0 })

const typed = step('Typecheck (tsc, node and web projects)', npx, ['tsc', '--build', '--noEmit'])
results.push({ suite: 'typecheck', passed: typed ? 1 : 0, failed: typed ? 0 : 1, skipped: 0 })

const audited = step('Electronegativity (Electron security audit of src/)', process.execPath, ['scripts/electronegativity.mjs'])
results.push({ suite: 'electronegativity', passed: audited ? 1 : 0, failed: audited ? 0 : 1, skipped: 0 })

step('Unit tests (Vitest)', npx, ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=test-results/unit.json'])
const unit = readJson('test-results/unit.json')
results.push(
  unit
    ? { suite: 'unit', passed: unit.numPassedTests, failed: unit.numFailedTests + (unit.success ? 0 : unit.numFailedTests === 0 ? 1 : 0), skipped: unit.numPendingTests + unit.numTodoTests }
    : { suite: 'unit', passed: 0, failed: 1, skipped: 0 }
)

let e2e = null
if (built && step('Chromium for end-to-end tests', process.execPath, ['scripts/ensure-chromium.mjs'])) {
  step('End-to-end tests (Playwright, Chromium, browser mode)', npx, ['playwright', 'test'])
  e2e = existsSync('test-results/e2e.json') ? readJson('test-results/e2e.json') : null
}
results.push(
  e2e
    ? { suite: 'e2e', passed: e2e.stats.expected + e2e.stats.flaky, failed: e2e.stats.unexpected + (e2e.errors?.length ?? 0), skipped: e2e.stats.skipped }
    : { suite: 'e2e', passed: 0, failed: 1, skipped: 0 }
)

console.log('\nSuites:')
for (const r of results) console.log(`  ${r.suite.padEnd(10)} ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`)
const total = (key) => results.reduce((sum, r) => sum + r[key], 0)
console.log(`\n${total('passed')} passed, ${total('failed')} failed, ${total('skipped')} skipped`)
process.exit(total('failed') === 0 ? 0 : 1)
