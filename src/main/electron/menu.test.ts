import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { COMMANDS } from '../../shared/commands'
import { buildMenuTemplate } from './menu'

const flatten = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
  items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])])

describe('the application menu', () => {
  it('holds every command with a menu, with its declared label and shortcut, and runs it', () => {
    const run = vi.fn()
    const all = flatten(buildMenuTemplate(COMMANDS, run, false))
    for (const command of COMMANDS.filter((c) => c.menu)) {
      const item = all.find((i) => i.label === command.label)!
      expect(item, command.id).toBeDefined()
      expect(item.accelerator).toBe(command.shortcut?.replace('Mod', 'CmdOrCtrl'))
      ;(item.click as () => void)()
      expect(run).toHaveBeenLastCalledWith(command.id)
    }
  })

  it('has the usual roles: undo, redo, clipboard, zoom, window', () => {
    const roles = flatten(buildMenuTemplate(COMMANDS, () => undefined, true)).flatMap((i) => (i.role ? [i.role] : []))
    expect(roles).toEqual(expect.arrayContaining(['appMenu', 'undo', 'redo', 'cut', 'copy', 'paste', 'resetZoom', 'zoomIn', 'zoomOut', 'windowMenu']))
  })
})
