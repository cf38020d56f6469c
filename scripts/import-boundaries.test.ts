import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

/**
 * The folders depend one way (see import-boundaries.json): a renderer feature never reaches into
 * another or into the app, shared UI helpers import no feature, `shared` imports nothing of main,
 * preload or renderer, the core knows nothing of Electron or the server. A failing import is
 * named with both files and the rule it breaks.
 */

interface Layer {
  name: string
  path: string
  mayImport: string[]
  packagesForbidden?: string[]
}

const ROOT = resolve(__dirname, '..')
const { layers } = JSON.parse(readFileSync(join(__dirname, 'import-boundaries.json'), 'utf8')) as { layers: Layer[] }

/** The layer a file belongs to: the longest path that holds it. */
export function layerOf(file: string, all: Layer[] = layers): Layer | null {
  const path = relative(ROOT, file).split(sep).join('/')
  let best: Layer | null = null
  for (const layer of all) if ((path === layer.path || path.startsWith(`${layer.path}/`)) && (!best || layer.path.length > best.path.length)) best = layer
  return best
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return name === 'fixtures' ? [] : sourceFiles(path)
    return /\.(ts|tsx|mts)$/.test(name) ? [path] : []
  })
}

/** Where a relative import leads, as a file. */
function resolveImport(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier)
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}.d.ts`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate
  }
  return null
}

/** A test, or a helper only tests use (in a `testing/` folder). */
const isTest = (file: string): boolean => /\.test\.tsx?$/.test(file) || file.split(sep).includes('testing')

const matchesPackage = (specifier: string, pattern: string): boolean =>
  pattern.endsWith('*') ? specifier.startsWith(pattern.slice(0, -1)) : specifier === pattern || specifier.startsWith(`${pattern}/`)

/** Every import of every source file that breaks a rule, in words. */
export function boundaryViolations(files: string[], all: Layer[] = layers): string[] {
  const problems: string[] = []
  for (const file of files) {
    const layer = layerOf(file, all)
    const name = relative(ROOT, file)
    if (!layer) {
      problems.push(`${name} is in no layer of import-boundaries.json: add its folder there`)
      continue
    }
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true)
    for (const { fileName: specifier } of importedFiles) {
      if (!specifier.startsWith('.')) {
        if (isTest(file)) continue
        const forbidden = layer.packagesForbidden?.find((pattern) => matchesPackage(specifier, pattern))
        if (forbidden) problems.push(`${name} imports the package "${specifier}": ${layer.name} may not use ${forbidden}`)
        continue
      }
      const target = resolveImport(file, specifier)
      if (!target || !/\.(ts|tsx|mts)$/.test(target)) continue // styles and assets; the compiler reports a missing file
      const targetName = relative(ROOT, target)
      if (!isTest(file) && isTest(target)) {
        problems.push(`${name} imports ${targetName}: only tests may import tests and testing/ helpers`)
        continue
      }
      // a test drives the real thing end to end (the CLI, the server, a core importer): it may reach any layer
      if (isTest(file)) continue
      const targetLayer = layerOf(target, all)
      if (!targetLayer || targetLayer === layer || layer.mayImport.includes(targetLayer.name)) continue
      problems.push(`${name} imports ${targetName}: ${layer.name} may not import ${targetLayer.name} (it may import ${layer.mayImport.join(', ') || 'nothing outside itself'})`)
    }
  }
  return problems
}

describe('import boundaries', () => {
  it('every import in src follows the folder rules', () => {
    expect(boundaryViolations(sourceFiles(join(ROOT, 'src')))).toEqual([])
  })

  it('a breaking import is caught and named with both files', () => {
    const editor = join(ROOT, 'src/renderer/src/editor/ChipsPlugin.tsx')
    const rules: Layer[] = [
      { name: 'editor', path: 'src/renderer/src/editor', mayImport: ['shared'] },
      { name: 'renderer-ui', path: 'src/renderer/src/ui', mayImport: [] },
      { name: 'shared', path: 'src/shared', mayImport: [] },
      { name: 'renderer-stores', path: 'src/renderer/src/stores', mayImport: [] },
      { name: 'renderer-api', path: 'src/renderer/src/api', mayImport: [] }
    ]
    expect(boundaryViolations([editor], rules)).toContainEqual(
      'src/renderer/src/editor/ChipsPlugin.tsx imports src/renderer/src/ui/sources-context.ts: editor may not import renderer-ui (it may import shared)'
    )
    const core = join(ROOT, 'src/main/core/notes.ts')
    const coreRules: Layer[] = [
      { name: 'core', path: 'src/main/core', mayImport: [], packagesForbidden: ['node:*'] },
      { name: 'shared', path: 'src/shared', mayImport: [] }
    ]
    expect(boundaryViolations([core], coreRules)).toContainEqual('src/main/core/notes.ts imports the package "node:crypto": core may not use node:*')
    expect(boundaryViolations([core], coreRules)).toContainEqual('src/main/core/notes.ts imports src/shared/errors.ts: core may not import shared (it may import nothing outside itself)')
  })
})
