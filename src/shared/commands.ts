/**
 * Every user action, declared once: its label, shortcut and menu. The desktop menu (main
 * process), the command palette and the keyboard shortcuts (renderer) are all built from this
 * list, so they cannot disagree. Handlers live where the action runs (see renderer/app/commands).
 */

export type CommandId =
  | 'note.new'
  | 'note.export'
  | 'note.trash'
  | 'source.import'
  | 'source.details'
  | 'references.open'
  | 'cite.quoteSelection'
  | 'cite.highlightSelection'
  | 'search.focus'
  | 'palette.open'
  | 'shortcuts.show'
  | 'settings.open'
  | 'sync.open'
  | 'theme.cycle'
  | 'panes.toggleNotes'
  | 'reader.focus'
  | 'reader.find'
  | 'reader.goTo'
  | 'reader.outline'
  | 'reader.toggleView'
  | 'editor.focus'

export type MenuName = 'file' | 'edit' | 'view' | 'help'

export interface CommandDeclaration {
  id: CommandId
  label: string
  /** `Mod` is Cmd on macOS and Ctrl elsewhere, e.g. `Mod+Shift+P`. */
  shortcut?: string
  menu?: MenuName
  /** Extra words the palette matches. */
  keywords?: string
}

export const COMMANDS: readonly CommandDeclaration[] = [
  { id: 'note.new', label: 'New note', shortcut: 'Mod+Alt+N', menu: 'file', keywords: 'create add' },
  { id: 'note.export', label: 'Export to Markdown…', shortcut: 'Mod+Shift+S', menu: 'file', keywords: 'save download pandoc footnotes' },
  { id: 'source.import', label: 'Import sources…', shortcut: 'Mod+O', menu: 'file', keywords: 'add open file pdf html web page markdown text' },
  { id: 'source.details', label: 'Edit source details…', menu: 'file', keywords: 'metadata title author date citation key url' },
  { id: 'references.open', label: 'References…', menu: 'file', keywords: 'bibtex biblatex ris csl zotero bibliography library import works' },
  { id: 'note.trash', label: 'Move note to trash', menu: 'file', keywords: 'delete remove' },
  { id: 'cite.quoteSelection', label: 'Quote selection in note', shortcut: 'Mod+Shift+E', menu: 'edit', keywords: 'cite paragraph reference' },
  { id: 'cite.highlightSelection', label: 'Highlight selected words', shortcut: 'Mod+Shift+H', menu: 'edit', keywords: 'mark colour color comment annotate' },
  { id: 'search.focus', label: 'Search sources and notes', shortcut: 'Mod+K', menu: 'edit', keywords: 'find' },
  { id: 'palette.open', label: 'Command palette…', shortcut: 'Mod+Shift+P', menu: 'view', keywords: 'commands actions' },
  { id: 'theme.cycle', label: 'Change theme (system, light, dark)', shortcut: 'Mod+Shift+L', menu: 'view', keywords: 'dark light mode appearance' },
  { id: 'panes.toggleNotes', label: 'Show or hide the notes list', shortcut: 'Mod+\\', menu: 'view', keywords: 'sidebar pane' },
  { id: 'reader.focus', label: 'Go to the source', shortcut: 'Mod+1', menu: 'view', keywords: 'reader article' },
  { id: 'reader.find', label: 'Find in this source…', shortcut: 'Mod+F', menu: 'edit', keywords: 'search words page reader' },
  { id: 'reader.goTo', label: 'Go to paragraph…', shortcut: 'Mod+G', menu: 'view', keywords: 'jump number ¶ pilcrow' },
  { id: 'reader.outline', label: 'Show the outline of the source', shortcut: 'Mod+Shift+O', menu: 'view', keywords: 'headings contents sections toc' },
  { id: 'reader.toggleView', label: 'Switch between the page view and the text view', shortcut: 'Mod+Alt+V', menu: 'view', keywords: 'pdf pages reflow printed layout' },
  { id: 'editor.focus', label: 'Go to the note', shortcut: 'Mod+2', menu: 'view', keywords: 'editor write' },
  { id: 'settings.open', label: 'Settings…', shortcut: 'Mod+,', menu: 'file', keywords: 'preferences font' },
  { id: 'sync.open', label: 'Sync…', menu: 'file', keywords: 'share devices co-author server hocuspocus collaborate join' },
  { id: 'shortcuts.show', label: 'Keyboard shortcuts', shortcut: 'Mod+/', menu: 'help', keywords: 'keys help' }
]

/** Shortcuts the editor itself handles (listed in the shortcuts sheet; not commands of ours). */
export const EDITOR_SHORTCUTS: readonly { label: string; shortcut: string }[] = [
  { label: 'Bold', shortcut: 'Mod+B' },
  { label: 'Italic', shortcut: 'Mod+I' },
  { label: 'Underline', shortcut: 'Mod+U' },
  { label: 'Undo', shortcut: 'Mod+Z' },
  { label: 'Redo', shortcut: 'Mod+Shift+Z' },
  { label: 'Heading 1–3', shortcut: '# / ## / ### then Space' },
  { label: 'Bulleted / numbered list', shortcut: '- / 1. then Space' },
  { label: 'Block quote', shortcut: '> then Space' },
  { label: 'Indent / outdent', shortcut: 'Tab / Shift+Tab' },
  { label: 'Link to a note', shortcut: '[[ then its title' },
  { label: 'Open the linked note beside the caret', shortcut: 'Mod+Enter' },
  { label: 'Leave the note', shortcut: 'Esc, then Tab or Shift+Tab' }
]

interface KeyLike {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  shiftKey: boolean
  altKey: boolean
  code?: string
}

function parts(shortcut: string): { mod: boolean; shift: boolean; alt: boolean; key: string } {
  const tokens = shortcut.split('+')
  const key = tokens.pop() || '+'
  return { mod: tokens.includes('Mod'), shift: tokens.includes('Shift'), alt: tokens.includes('Alt'), key }
}

/** Whether a key event is this shortcut (`Mod` = Cmd on macOS, Ctrl elsewhere). */
export function matchesShortcut(shortcut: string, event: KeyLike, mac: boolean): boolean {
  const s = parts(shortcut)
  const mod = mac ? event.metaKey : event.ctrlKey
  if (mod !== s.mod || event.shiftKey !== s.shift || event.altKey !== s.alt) return false
  if (!mac && event.metaKey) return false
  const key = event.key.length === 1 ? event.key.toUpperCase() : event.key
  // with Alt or Shift held, `key` may be another character: fall back to the physical key
  const code = event.code?.replace(/^Key|^Digit/, '')
  return key === s.key.toUpperCase() || code === s.key.toUpperCase() || (s.key === '\\' && event.code === 'Backslash') || (s.key === '/' && event.code === 'Slash') || (s.key === ',' && event.code === 'Comma')
}

/** The shortcut as Electron's menus write it: `CmdOrCtrl+Shift+P`. */
export function toAccelerator(shortcut: string): string {
  return shortcut.replace('Mod', 'CmdOrCtrl')
}

/** The shortcut as people read it: `⌘⇧P` on macOS, `Ctrl+Shift+P` elsewhere. */
export function shortcutLabel(shortcut: string, mac: boolean): string {
  if (!/^(Mod|Shift|Alt)\+/.test(shortcut)) return shortcut
  if (!mac) return shortcut.replace('Mod', 'Ctrl')
  return shortcut.replace('Mod+', '⌘').replace('Shift+', '⇧').replace('Alt+', '⌥')
}

/**
 * Fuzzy match for the palette: every query character in order; consecutive characters and
 * word starts score higher. Null when it does not match.
 */
export function fuzzyScore(query: string, text: string): number | null {
  const q = query.toLowerCase().replace(/\s+/g, '')
  if (q === '') return 0
  const t = text.toLowerCase()
  let score = 0
  let at = -1
  let run = 0
  for (const ch of q) {
    const next = t.indexOf(ch, at + 1)
    if (next < 0) return null
    run = next === at + 1 ? run + 1 : 0
    const wordStart = next === 0 || /[\s\-/(]/.test(t[next - 1]!)
    score += 1 + run * 2 + (wordStart ? 3 : 0) - Math.min(3, (next - at - 1) * 0.1)
    at = next
  }
  return score
}
