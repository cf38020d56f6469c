import { vi } from 'vitest'
import { main } from '../main'

/** Runs `pilcrow …` in-process and returns its exit code and what it printed. */
export async function pilcrow(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void (out += `${a.join(' ')}\n`))
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void (err += `${a.join(' ')}\n`))
  const code = await main(argv)
  vi.restoreAllMocks()
  return { code, out, err }
}
