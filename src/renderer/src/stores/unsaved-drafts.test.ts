// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest'
import { JsonText } from '../../../shared/json-text'
import { keepDraft, keptDraft } from './unsaved-drafts'

afterEach(() => localStorage.clear())

describe('drafts kept in the browser', () => {
  it('a draft whose content came as JSON text (a long note) is kept, and read back, as the content itself', () => {
    const content = { root: { type: 'root' as const, children: [{ type: 'paragraph', children: [{ type: 'text', text: 'typed while the server was away' }] }] } }
    expect(keepDraft({ id: 'n-1', title: 'Reading notes', content: new JsonText(JSON.stringify(content)), baseRevision: 'r1' })).toBe(true)
    expect(keptDraft('n-1')).toMatchObject({ id: 'n-1', title: 'Reading notes', content, baseRevision: 'r1' })
  })
})
