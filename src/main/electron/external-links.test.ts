import { describe, expect, it } from 'vitest'
import { safeExternalUrl } from './external-links'

describe('safeExternalUrl', () => {
  it.each(['https://www.lse.ac.uk/rftw', 'http://example.org/a?b=c', 'mailto:someone@example.org'])('lets %s through', (url) => {
    expect(safeExternalUrl(url)).toBe(new URL(url).href)
  })

  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'smb://host/share', 'pilcrow://x', 'data:text/html,hi', 'http:/', 'not a url', '', 42, null])(
    'refuses %s',
    (url) => {
      expect(safeExternalUrl(url)).toBeNull()
    }
  )
})
