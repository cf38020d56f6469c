import type { ReactNode } from 'react'
import { useModalDialog } from '../ui/useModalDialog'

interface DeleteSourceDialogProps {
  /** The source to delete and how many links in notes cite it; null when closed. */
  target: { id: string; title: string; links: number } | null
  onConfirm(id: string): void
  onClose(): void
}

/** Asks before deleting a source, saying what happens to the links that cite it. */
export function DeleteSourceDialog({ target, onConfirm, onClose }: DeleteSourceDialogProps): ReactNode {
  const dialog = useModalDialog(target !== null)
  const links = target?.links ?? 0
  return (
    <dialog ref={dialog} className="settings-dialog" aria-label="Delete source" onClose={onClose}>
      <h2>Delete “{target?.title}”?</h2>
      <p>
        {links === 0
          ? 'No note cites it.'
          : `${links} ${links === 1 ? 'link' : 'links'} in your notes ${links === 1 ? 'cites' : 'cite'} it. ${links === 1 ? 'It keeps its' : 'They keep their'} quoted words but will no longer point at a paragraph.`}{' '}
        The source’s files are kept in the workspace’s .pilcrow/deleted-sources folder.
      </p>
      <div className="dialog-actions">
        <button type="button" className="link-button" onClick={onClose} autoFocus>
          Cancel
        </button>
        <button type="button" className="primary-button danger" onClick={() => target && onConfirm(target.id)}>
          Delete source
        </button>
      </div>
    </dialog>
  )
}
