import type { BrowserWindow, Dialog } from 'electron'
import { IMPORTED_CHANNEL } from '../../shared/api'
import { IMPORT_FORMATS } from '../../shared/imports'
import type { Notebook } from '../core/notebook'

/**
 * File → Import in the desktop app: the native open dialog, then the notebook imports the chosen
 * paths itself (a page cannot be given paths) and the page is told what came of each file.
 * A menu click is not a user gesture inside the page, so the page's own file picker cannot be used.
 */
export async function importFromDialog(dialog: Pick<Dialog, 'showOpenDialog'>, win: BrowserWindow, notebook: Notebook): Promise<void> {
  const extensions = Object.keys(IMPORT_FORMATS).map((ext) => ext.slice(1))
  const choice = await dialog.showOpenDialog(win, {
    title: 'Import sources',
    properties: ['openFile', 'multiSelections'],
    filters: [{ name: 'Markdown, text, web pages and PDFs', extensions }]
  })
  if (choice.canceled || choice.filePaths.length === 0) return
  const outcomes = await notebook.importSourceFiles(choice.filePaths)
  if (!win.isDestroyed()) win.webContents.send(IMPORTED_CHANNEL, outcomes)
}
