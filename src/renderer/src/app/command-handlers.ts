import { flushSync } from 'react-dom'
import type { RefObject } from 'react'
import { shortcutLabel } from '../../../shared/commands'
import type { ReaderHandle } from '../reader/Reader'
import type { ReaderTool } from '../reader/ReaderTools'
import type { SearchBoxHandle } from '../search/SearchBox'
import type { AppStores } from '../stores/app-stores'
import { IS_MAC } from '../ui/platform'
import type { CommandHandlers } from './useCommands'
import { NEXT_THEME } from './useTheme'
import type { CompactView } from './ViewTabs'

/** The dialogs a command can open. */
export type DialogName = 'settings' | 'sync' | 'export' | 'palette' | 'shortcuts' | 'references' | null

/** What the commands act on: the stores, and the few things of the window that are not state. */
export interface CommandContext {
  stores: AppStores
  sourceId: string | null
  compact: boolean
  showView(view: CompactView): void
  toggleNotebook(): void
  toggleNotesPane(): void
  showNotesPane(): void
  openDialog(name: DialogName): void
  showToast(text: string): void
  reader: RefObject<ReaderHandle | null>
  search: RefObject<SearchBoxHandle | null>
  openImportPicker: RefObject<(() => void) | null>
  editDetails(sourceId: string): void
}

/**
 * What each declared command (shared/commands.ts: its name, shortcut and menu place) does when
 * run from a key, the palette or the desktop menu.
 */
export function commandHandlers(ctx: CommandContext): CommandHandlers {
  const { stores, reader, showView, showToast } = ctx
  /** Find, Go to ¶ and the outline live in the reader: it is shown first (a compact window). */
  const openReaderTool = (tool: ReaderTool): void => {
    flushSync(() => showView('source'))
    if (!reader.current?.openTool(tool)) showToast('Open a source first: there is nothing to look through.')
  }
  return {
    'note.new': () => {
      showView('note')
      void stores.notes.newNote()
    },
    'note.export': () => ctx.openDialog('export'),
    'note.trash': () => {
      const open = stores.notes.get().open
      if (open) void stores.notes.trashNote(open.id)
    },
    'source.import': () => {
      // the picker lives in the sidebar: show it first (the key press still counts as the user's gesture)
      ctx.showNotesPane()
      requestAnimationFrame(() => ctx.openImportPicker.current?.())
    },
    'source.details': () => ctx.sourceId && ctx.editDetails(ctx.sourceId),
    'references.open': () => ctx.openDialog('references'),
    'cite.quoteSelection': () => {
      if (reader.current?.quoteSelection()) return
      showToast(`Nothing to cite yet: select words in the source, or move to a paragraph (click it, or ${shortcutLabel('Mod+1', IS_MAC)} then ↑ ↓), then press ${shortcutLabel('Mod+Shift+E', IS_MAC)} again.`)
    },
    'cite.highlightSelection': () => {
      if (reader.current?.highlightSelection()) return
      showToast('Nothing to highlight yet: select words in the source first (with the mouse, or Shift with the arrows on a paragraph).')
    },
    'search.focus': () => ctx.search.current?.focus(),
    'palette.open': () => ctx.openDialog('palette'),
    'shortcuts.show': () => ctx.openDialog('shortcuts'),
    'settings.open': () => ctx.openDialog('settings'),
    'sync.open': () => ctx.openDialog('sync'),
    'theme.cycle': () => {
      const settings = stores.settings.get()
      if (settings) stores.settings.update({ theme: NEXT_THEME[settings.theme] })
    },
    'panes.toggleNotes': () => (ctx.compact ? ctx.toggleNotebook() : ctx.toggleNotesPane()),
    // the view is shown (a compact window) and the focus moved before the key event ends: the next keys land there
    'reader.focus': () => {
      flushSync(() => showView('source'))
      reader.current?.focus()
    },
    'reader.find': () => openReaderTool('find'),
    'reader.goTo': () => openReaderTool('goto'),
    'reader.outline': () => openReaderTool('outline'),
    'reader.toggleView': () => {
      if (reader.current?.toggleView()) return
      showToast('This source has no pages to show: only a PDF has a page view beside its text.')
    },
    'editor.focus': () => {
      flushSync(() => showView('note'))
      document.querySelector<HTMLElement>('[role="textbox"][aria-label="Note"]')?.focus()
    }
  }
}
