// @vitest-environment jsdom
import { act, createElement, type ReactNode } from 'react'
import { createRoot } from 'react-dom/client'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ErrorBoundary } from './ErrorBoundary'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

function Pane({ fail }: { fail: boolean }): ReactNode {
  if (fail) throw new Error('Cannot read properties of undefined (reading "sourceId")')
  return createElement('p', null, 'the note')
}

afterEach(() => {
  document.body.innerHTML = ''
  vi.restoreAllMocks()
})

describe('a pane that fails to render', () => {
  it('says what failed in the pane alone, tells its owner once, and tries again for the next note', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined) // React and the boundary log the failure
    const host = document.createElement('div')
    document.body.append(host, Object.assign(document.createElement('p'), { textContent: 'the rest of the window' }))
    const root = createRoot(host)
    const onError = vi.fn()
    const show = (note: string, fail: boolean) => createElement(ErrorBoundary, { what: 'This note', resetKey: note, onError, children: createElement(Pane, { fail }) })
    await act(async () => root.render(show('n-1', true)))
    expect(host.querySelector('[role="alert"]')?.textContent).toBe(
      'This note could not be shown (Cannot read properties of undefined (reading "sourceId")).Nothing was saved over it. The rest of Pilcrow keeps working: open another note or source.'
    )
    expect(onError).toHaveBeenCalledTimes(1)
    expect(document.body.textContent).toContain('the rest of the window')
    await act(async () => root.render(show('n-2', false)))
    expect(host.textContent).toBe('the note')
    await act(async () => root.unmount())
  })
})
