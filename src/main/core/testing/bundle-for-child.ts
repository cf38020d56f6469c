import { build } from 'rolldown'
import { join } from 'node:path'

/**
 * Bundles a TypeScript entry into one plain `.mjs` that `node` can run as a child process, so
 * crash tests kill the real code (not a copy) at random moments.
 */
export async function bundleForChild(entry: string, outDir: string): Promise<string> {
  const file = join(outDir, 'child.mjs')
  await build({ input: entry, platform: 'node', write: true, output: { file, format: 'esm', codeSplitting: false }, logLevel: 'silent' })
  return file
}
