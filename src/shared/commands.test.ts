import { describe, expect, it } from 'vitest'
import { COMMANDS, fuzzyScore, matchesShortcut, shortcutLabel, toAccelerator } from './commands'

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}, code?: string) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
  ...(code ? { code } : {})
})

describe('command declarations', () => {
  it('have unique ids and unique shortcuts', () => {
    expect(new Set(COMMANDS.map((c) => c.id)).size).toBe(COMMANDS.length)
    const shortcuts = COMMANDS.flatMap((c) => (c.shortcut ? [c.shortcut] : []))
    expect(new Set(shortcuts).size).toBe(shortcuts.length)
  })

  it('match key events on every platform', () => {
    expect(matchesShortcut('Mod+Shift+P', key('P', { ctrlKey: true, shiftKey: true }), false)).toBe(true)
    expect(matchesShortcut('Mod+Shift+P', key('P', { metaKey: true, shiftKey: true }), true)).toBe(true)
    expect(matchesShortcut('Mod+Shift+P', key('p', { ctrlKey: true }), false)).toBe(false)
    expect(matchesShortcut('Mod+K', key('k', { ctrlKey: true }), false)).toBe(true)
    expect(matchesShortcut('Mod+Alt+N', key('ñ', { ctrlKey: true, altKey: true }, 'KeyN'), false)).toBe(true)
    expect(matchesShortcut('Mod+\\', key('\\', { ctrlKey: true }, 'Backslash'), false)).toBe(true)
  })

  it('read as people and Electron write them', () => {
    expect(shortcutLabel('Mod+Shift+P', false)).toBe('Ctrl+Shift+P')
    expect(shortcutLabel('Mod+Shift+P', true)).toBe('⌘⇧P')
    expect(toAccelerator('Mod+Shift+P')).toBe('CmdOrCtrl+Shift+P')
  })

  it('fuzzy-match labels for the palette', () => {
    expect(fuzzyScore('nn', 'New note')).not.toBeNull()
    expect(fuzzyScore('xyz', 'New note')).toBeNull()
    expect(fuzzyScore('exp', 'Export to Markdown…')!).toBeGreaterThan(fuzzyScore('exp', 'Keyboard shortcuts help expanded') ?? -1)
  })
})
