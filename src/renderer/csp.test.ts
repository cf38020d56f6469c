import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../shared/csp'

describe('the renderer CSP', () => {
  const html = readFileSync(join(import.meta.dirname, 'index.html'), 'utf8')
  const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1]

  it('is the same in index.html as the one browser mode sends', () => {
    expect(meta).toBe(CONTENT_SECURITY_POLICY)
  })

  it('allows no inline or eval’d script', () => {
    const scriptSrc = CONTENT_SECURITY_POLICY.split('; ').find((d) => d.startsWith('script-src'))
    expect(scriptSrc).toBe("script-src 'self'")
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/)
  })
})
