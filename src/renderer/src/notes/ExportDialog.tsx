import { useState, type ReactNode } from 'react'
import type { CitationStyle } from '../../../shared/markdown/serialize'
import { UNTITLED, type NoteSummary } from '../../../shared/notes'
import { highlightsOnly } from '../../../shared/export'
import { api } from '../api/client'
import { bytesFromBase64 } from '../api/base64'
import { useModalDialog } from '../ui/useModalDialog'
import { useStores } from '../stores/app-stores'
import { useNotesListWhile } from '../stores/notes-store'

interface ExportDialogProps {
  open: boolean
  openNote: Pick<NoteSummary, 'id' | 'title'> | null
  onClose(): void
}

const NO_NOTES: NoteSummary[] = []

type Scope = 'this' | 'selected' | 'all' | 'highlights'

/**
 * Export to Markdown: this note, chosen notes or the whole notebook, in one of three citation
 * styles. The result is a zip (notes/, sources/, index.md) that the browser downloads, or that
 * the desktop app saves where the user picks in its save dialog.
 */
export function ExportDialog({ open, openNote, onClose }: ExportDialogProps): ReactNode {
  // the notes to choose from, read only while the dialog is open
  const notes = useNotesListWhile(useStores().notes, open)?.notes ?? NO_NOTES
  const [scope, setScope] = useState<Scope>('this')
  const [style, setStyle] = useState<CitationStyle>('links')
  const [format, setFormat] = useState<'markdown' | 'docx'>('markdown')
  const [chosen, setChosen] = useState<Set<string>>(new Set())
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const dialog = useModalDialog(open, () => {
    setScope(openNote ? 'this' : 'all')
    setChosen(new Set(openNote ? [openNote.id] : []))
    setError(null)
  })

  const selection = scope === 'all' || scope === 'highlights' ? 'all' : scope === 'this' ? (openNote ? [openNote.id] : []) : [...chosen]
  const canExport = !busy && (selection === 'all' || selection.length > 0)

  const run = async (): Promise<void> => {
    setBusy(true)
    setError(null)
    try {
      if (format === 'docx' && scope !== 'highlights') {
        const { name, base64 } = await api.exportDocx({ notes: selection })
        download(name, bytesFromBase64(base64), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        onClose()
        return
      }
      // the zip library loads with the first export: its tables cost ~12 ms at every start otherwise
      const [exported, { exportZip }] = await Promise.all([api.exportMarkdown({ notes: selection, style }), import('./export-zip')])
      const highlights = scope === 'highlights' ? highlightsOnly(exported.files) : null
      if (highlights?.sources === 0) throw new Error('No source has highlights yet: select words in a source and choose “Highlight”.')
      const zip = exportZip(highlights ? { files: highlights.files, name: 'Pilcrow highlights' } : exported)
      download(zip.name, zip.bytes, 'application/zip')
      onClose()
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <dialog ref={dialog} className="settings-dialog export-dialog" aria-label="Export to Markdown" onClose={onClose}>
      <h2>Export to Markdown</h2>
      <fieldset>
        <legend>Notes</legend>
        <label className="radio">
          <input type="radio" name="scope" checked={scope === 'this'} disabled={!openNote} onChange={() => setScope('this')} />
          This note{openNote ? ` (${openNote.title || UNTITLED})` : ''}
        </label>
        <label className="radio">
          <input type="radio" name="scope" checked={scope === 'selected'} onChange={() => setScope('selected')} />
          Chosen notes
        </label>
        {scope === 'selected' && (
          <ul className="export-choices" aria-label="Notes to export">
            {notes.map((n) => (
              <li key={n.id}>
                <label className="radio">
                  <input
                    type="checkbox"
                    checked={chosen.has(n.id)}
                    onChange={(e) => {
                      const next = new Set(chosen)
                      if (e.target.checked) next.add(n.id)
                      else next.delete(n.id)
                      setChosen(next)
                    }}
                  />
                  {n.title || UNTITLED}
                </label>
              </li>
            ))}
          </ul>
        )}
        <label className="radio">
          <input type="radio" name="scope" checked={scope === 'all'} onChange={() => setScope('all')} />
          The whole notebook
        </label>
        <label className="radio">
          <input type="radio" name="scope" checked={scope === 'highlights'} onChange={() => setScope('highlights')} />
          Highlights only (a file per source, by colour meaning)
        </label>
      </fieldset>
      <fieldset>
        <legend>Format</legend>
        <label className="radio">
          <input type="radio" name="format" checked={format === 'markdown'} onChange={() => setFormat('markdown')} />
          Markdown (a zip of notes, sources and their links)
        </label>
        <label className="radio">
          <input type="radio" name="format" checked={format === 'docx'} disabled={scope === 'highlights'} onChange={() => setFormat('docx')} />
          Word document (.docx), citations in your citation style
        </label>
      </fieldset>
      <label className="field">
        Citations
        <select value={style} disabled={scope === 'highlights' || format === 'docx'} onChange={(e) => setStyle(e.target.value as CitationStyle)}>
          <option value="links">Links to paragraphs — [¶6](sources/…#p6)</option>
          <option value="footnotes">Footnotes with the quoted words</option>
          <option value="pandoc">Pandoc — [@key, para. 6] + bibliography</option>
          <option value="csl">Formatted in your citation style — (Tazmini, 2021, para. 6) + references</option>
        </select>
      </label>
      {error && (
        <p className="link-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="bar-button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="primary-button" disabled={!canExport} onClick={() => void run()}>
          {busy ? 'Exporting…' : 'Export'}
        </button>
      </div>
    </dialog>
  )
}

/** Hands the browser a file to save (the desktop app's save dialog, or the download folder). */
function download(name: string, bytes: Uint8Array, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.click()
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
