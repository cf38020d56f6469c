// Runs Electronegativity on src/ and fails on any finding not in security/electronegativity-allowlist.json.
// Electronegativity exits 0 even when it finds problems, so its report is read instead: SARIF, because
// its CSV writer races with itself (the header's truncating write can land after the rows' append).
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'

const out = '.tmp/electronegativity.sarif'
mkdirSync('.tmp', { recursive: true })
rmSync(out, { force: true })
const electronVersion = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version
// The security-fixes check downloads Electron's release list from GitHub: it depends on the network and on
// the day, not on our code (and it needs a package.json, which src/ has not), so it is left out.
const args = ['electronegativity', '-i', 'src', '-r', '-v', 'false', '-e', electronVersion, '-x', 'AvailableSecurityFixesGlobalCheck', '-o', out]
const run = spawnSync('npx', args, { encoding: 'utf8' })
let report
try {
  report = JSON.parse(readFileSync(out, 'utf8'))
} catch (error) {
  console.error(`Electronegativity produced no readable report (exit ${run.status}, ${error.message}):\n${run.stdout}\n${run.stderr}`)
  process.exit(1)
}

const findings = report.runs.flatMap((r) => r.results).map((result) => {
  const location = result.locations?.[0]?.physicalLocation
  return { check: result.ruleId, file: location?.artifactLocation?.uri, line: location?.region?.startLine }
})
const allowlist = JSON.parse(readFileSync('security/electronegativity-allowlist.json', 'utf8'))
const allowed = (f) => allowlist.some((a) => a.check === f.check && a.file === f.file && a.reason?.length > 20)
const fresh = findings.filter((f) => !allowed(f))
for (const f of fresh) console.error(`NEW FINDING ${f.check} at ${f.file}:${f.line}`)
console.log(`Electronegativity: ${findings.length} findings, ${findings.length - fresh.length} reviewed in the allow-list, ${fresh.length} new`)
process.exit(fresh.length === 0 ? 0 : 1)
