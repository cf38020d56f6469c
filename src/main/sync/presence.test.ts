import { afterEach, describe, expect, it, vi } from 'vitest'
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { NotebookPresence, PRESENCE_TTL_MS } from './presence'

/** Two devices' presence, each update carried to the other at once (as the server relays them). */
function twoDevices(): [NotebookPresence, NotebookPresence, Awareness, Awareness] {
  const [a, b] = [new Awareness(new Y.Doc()), new Awareness(new Y.Doc())]
  a.on('update', ({ added, updated, removed }: Record<string, number[]>) => applyAwarenessUpdate(b, encodeAwarenessUpdate(a, [...added!, ...updated!, ...removed!]), 'wire'))
  b.on('update', ({ added, updated, removed }: Record<string, number[]>) => applyAwarenessUpdate(a, encodeAwarenessUpdate(b, [...added!, ...updated!, ...removed!]), 'wire'))
  return [new NotebookPresence(a, 'Laptop', () => undefined), new NotebookPresence(b, 'Desktop', () => undefined), a, b]
}

describe("who is in which note", () => {
  afterEach(() => vi.useRealTimers())

  it('shows each device the others in each note, by name, and not itself', () => {
    const [laptop, desktop] = twoDevices()
    laptop.set('n-chapter-2', 'w1', true)
    desktop.set('n-chapter-2', 'w2', true)
    desktop.set('n-sources', 'w3', true)
    expect(laptop.others()).toEqual({ 'n-chapter-2': ['Desktop'], 'n-sources': ['Desktop'] })
    expect(desktop.others()).toEqual({ 'n-chapter-2': ['Laptop'] })
    desktop.set('n-chapter-2', 'w2', false)
    expect(laptop.others()).toEqual({ 'n-sources': ['Desktop'] })
  })

  it('counts a note open in two windows once, and keeps it while one is left', () => {
    const [laptop, desktop] = twoDevices()
    desktop.set('n-a', 'w1', true)
    desktop.set('n-a', 'w1', true)
    desktop.set('n-a', 'w2', true)
    desktop.set('n-a', 'w1', false)
    expect(laptop.others()).toEqual({ 'n-a': ['Desktop'] })
  })

  it('forgets a window that fell silent (a closed tab), and ignores a peer state that is not one', () => {
    vi.useFakeTimers()
    const [laptop, desktop, , desktopAwareness] = twoDevices()
    desktop.set('n-a', 'w1', true)
    vi.advanceTimersByTime(PRESENCE_TTL_MS + PRESENCE_TTL_MS / 3 + 1)
    expect(laptop.others()).toEqual({})
    desktopAwareness.setLocalState({ name: 42, notes: 'everything' })
    expect(laptop.others()).toEqual({})
    desktopAwareness.setLocalState({ name: 'x'.repeat(5000), notes: ['n-a', '../../etc', 7] })
    expect(laptop.others()).toEqual({ 'n-a': ['x'.repeat(100)] })
    laptop.stop()
    desktop.stop()
  })
})
