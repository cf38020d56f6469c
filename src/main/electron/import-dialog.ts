import type { BrowserWindow, Dialog } from 'electron'
import { IMPORT_FORMATS, type ImportOutcome } from '../../shared/imports'
import type { Notebook } from '../core/notebook'

/**
 * File → Import in the desktop app: the native open dialog, then the notebook imports the chosen
 * paths itself (a page cannot be given paths); what came of each file is returned, for the page
 * (null when the dialog was cancelled).
 * A menu click is not a user gesture inside the page, so the page's own file picker cannot be used.
 */
export async function importFromDialog(dialog: Pick<Dialog, 'showOpenDialog'>, win: BrowserWindow, notebook: Notebook): Promise<ImportOutcome[] | null> {
  const extensions = Object.keys(IMPORT_FORMATS).map((ext) => ext.slice(1))
  const choice = await dialog.showOpenDialog(win, {
    title: 'Import sources',
    properties: ['openFile', 'multiSelections'],
    filters: [{ name: 'Markdown, text, web pages, PDFs and EPUB books', extensions }]
  })
  if (choice.canceled || choice.filePaths.length === 0) return null
  return notebook.importSourceFiles(choice.filePaths)
}
