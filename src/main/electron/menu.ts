import type { MenuItemConstructorOptions } from 'electron'
import { toAccelerator, type CommandDeclaration, type CommandId, type MenuName } from '../../shared/commands'

/**
 * The application menu, built from the command declarations plus the usual roles (Edit →
 * Undo/Redo/Cut/Copy/Paste, View → zoom, Window). Choosing a command sends its id to the page.
 */
export function buildMenuTemplate(commands: readonly CommandDeclaration[], run: (id: CommandId) => void, mac: boolean): MenuItemConstructorOptions[] {
  const items = (menu: MenuName): MenuItemConstructorOptions[] =>
    commands
      .filter((c) => c.menu === menu)
      .map((c) => ({
        label: c.label,
        ...(c.shortcut ? { accelerator: toAccelerator(c.shortcut) } : {}),
        click: () => run(c.id)
      }))
  const template: MenuItemConstructorOptions[] = [
    { label: 'File', submenu: [...items('file'), { type: 'separator' }, mac ? { role: 'close' } : { role: 'quit' }] },
    {
      label: 'Edit',
      submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }, { type: 'separator' }, ...items('edit')]
    },
    {
      label: 'View',
      submenu: [...items('view'), { type: 'separator' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }]
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: items('help') }
  ]
  return mac ? [{ role: 'appMenu' }, ...template] : template
}
