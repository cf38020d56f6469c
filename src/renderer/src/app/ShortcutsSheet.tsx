import type { ReactNode } from 'react'
import { useModalDialog } from '../ui/useModalDialog'
import { COMMANDS, EDITOR_SHORTCUTS, shortcutLabel } from '../../../shared/commands'
import { IS_MAC } from '../ui/platform'

/** Every shortcut: the app's commands (from their declarations) and the editor's own keys. */
export function ShortcutsSheet({ open, onClose }: { open: boolean; onClose(): void }): ReactNode {
  const dialog = useModalDialog(open)
  const row = (label: string, shortcut: string): ReactNode => (
    <tr key={label}>
      <td>{label}</td>
      <td>
        <kbd>{shortcutLabel(shortcut, IS_MAC)}</kbd>
      </td>
    </tr>
  )
  return (
    <dialog ref={dialog} className="settings-dialog shortcuts" aria-label="Keyboard shortcuts" onClose={onClose}>
      <h2>Keyboard shortcuts</h2>
      <table>
        <tbody>{COMMANDS.filter((c) => c.shortcut).map((c) => row(c.label, c.shortcut!))}</tbody>
      </table>
      <h3>In the note</h3>
      <table>
        <tbody>{EDITOR_SHORTCUTS.map((s) => row(s.label, s.shortcut))}</tbody>
      </table>
      <div className="dialog-actions">
        <button type="button" className="primary-button" onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  )
}
