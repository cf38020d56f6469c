// Runs Electronegativity on src/ and fails on any finding not in security/electronegativity-allowlist.json.
// Electronegativity exits 0 even when it finds problems, so its CSV output is read instead.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'

const out = '.tmp/electronegativity.csv'
mkdirSync('.tmp', { recursive: true })
rmSync(out, { force: true })
const electronVersion = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version
const run = spawnSync('npx', ['electronegativity', '-i', 'src', '-r', '-v', 'false', '-e', electronVersion, '-o', out], { encoding: 'utf8' })
let csv
try {
  csv = readFileSync(out, 'utf8')
} catch {
  console.error(`Electronegativity produced no report (exit ${run.status}):\n${run.stderr}`)
  process.exit(1)
}

/** One CSV line into fields (quoted fields may hold commas). */
const fields = (line) => [...line.matchAll(/("([^"]*)"|[^,]*)(,|$)/g)].map((m) => m[2] ?? m[1]).slice(0, 8)
const findings = csv
  .trim()
  .split('\n')
  .slice(1)
  .filter(Boolean)
  .map((line) => {
    const [check, severity, confidence, file, location] = fields(line)
    return { check, severity, confidence, file, location }
  })
const allowlist = JSON.parse(readFileSync('security/electronegativity-allowlist.json', 'utf8'))
const allowed = (f) => allowlist.some((a) => a.check === f.check && a.file === f.file && a.reason?.length > 20)
const fresh = findings.filter((f) => !allowed(f))
for (const f of fresh) console.error(`NEW FINDING ${f.check} (${f.severity}, ${f.confidence}) at ${f.file}:${f.location}`)
console.log(`Electronegativity: ${findings.length} findings, ${findings.length - fresh.length} reviewed in the allow-list, ${fresh.length} new`)
process.exit(fresh.length === 0 ? 0 : 1)
