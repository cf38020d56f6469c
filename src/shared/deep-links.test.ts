import { describe, expect, it } from 'vitest'
import { parseDeepLink } from './deep-links'

describe('parseDeepLink', () => {
  it('reads links to a paragraph and to a note', () => {
    expect(parseDeepLink('pilcrow://source/russia-iran-alignment#p-1udmgbs28n0')).toEqual({ kind: 'source', sourceId: 'russia-iran-alignment', blockId: 'p-1udmgbs28n0' })
    expect(parseDeepLink('pilcrow://source/russia-iran-alignment')).toEqual({ kind: 'source', sourceId: 'russia-iran-alignment', blockId: null })
    expect(parseDeepLink('pilcrow://note/n-abc-123')).toEqual({ kind: 'note', noteId: 'n-abc-123' })
  })

  it.each(['https://evil.example/', 'pilcrow://note/x', 'pilcrow://source/a%2Fb', 'pilcrow://run/calc', 'pilcrow://source/a#<script>', 'not a url'])('ignores %s', (url) => {
    const link = parseDeepLink(url)
    if (url === 'pilcrow://source/a#<script>') expect(link).toEqual({ kind: 'source', sourceId: 'a', blockId: null })
    else expect(link).toBeNull()
  })
})
