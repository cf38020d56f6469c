import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import type { SourceSummary } from '../../../shared/model'
import { REFERENCE_FORMATS, type ReferenceMatch, type ReferenceSummary } from '../../../shared/references'
import { api } from '../api/client'
import { useModalDialog } from '../ui/useModalDialog'
import { fileToBase64 } from './read-file'

interface ReferencesDialogProps {
  open: boolean
  sources: readonly SourceSummary[]
  /** The source open in the reader: the references that may be its work are offered first. */
  openSourceId: string | null
  /** A reference to show (a search hit): the list is filtered to it. */
  focusTitle?: string | null
  onOpenSource(sourceId: string): void
  onClose(): void
}

/** Rows drawn at once: a library of 10,000 works is filtered, not scrolled. */
const SHOWN = 200

/**
 * The references list: works read in from BibTeX, RIS or CSL-JSON files (Zotero and Better
 * BibTeX export them), filtered as you type, each attached to the source holding its document so
 * that its paragraphs can be cited; the works that may be the open source's come first.
 */
export function ReferencesDialog({ open, sources, openSourceId, focusTitle, onOpenSource, onClose }: ReferencesDialogProps): ReactNode {
  const [list, setList] = useState<ReferenceSummary[] | null>(null)
  const [matches, setMatches] = useState<ReferenceMatch[]>([])
  const [filter, setFilter] = useState('')
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null)
  const [busy, setBusy] = useState(false)
  const input = useRef<HTMLInputElement>(null)
  const dialog = useModalDialog(open, () => {
    setFilter(focusTitle ?? '')
    setMessage(null)
  })
  const reload = (): void => {
    api.listReferences().then(setList, (e: Error) => setMessage({ kind: 'error', text: e.message }))
    if (openSourceId) api.matchReferences(openSourceId).then(setMatches, () => setMatches([]))
    else setMatches([])
  }
  useEffect(() => {
    if (open) reload()
    // asked again each time it opens, and after each change made here
  }, [open, openSourceId])

  const titleOf = useMemo(() => new Map(sources.map((s) => [s.id, s.title])), [sources])
  const shown = useMemo(() => {
    const words = filter.toLowerCase().split(/\s+/).filter(Boolean)
    return (list ?? []).filter((r) => {
      const text = `${r.title} ${r.authors.join(' ')} ${r.year ?? ''} ${r.container ?? ''} ${r.citationKey ?? ''}`.toLowerCase()
      return words.every((w) => text.includes(w))
    })
  }, [list, filter])

  const importFiles = async (files: File[]): Promise<void> => {
    setBusy(true)
    setMessage(null)
    const said: string[] = []
    try {
      for (const file of files) {
        const result = await api.importReferences({ fileName: file.name, base64: await fileToBase64(file) })
        said.push(`${result.fileName}: ${result.added} added${result.unchanged ? `, ${result.unchanged} already in the list` : ''}.`)
      }
      setMessage({ kind: 'info', text: said.join(' ') })
    } catch (e) {
      setMessage({ kind: 'error', text: [...said, (e as Error).message].join(' ') })
    } finally {
      setBusy(false)
      reload()
    }
  }

  const fromZotero = async (betterBibtexUrl?: string): Promise<void> => {
    setBusy(true)
    setMessage({ kind: 'info', text: betterBibtexUrl ? 'Reading the Better BibTeX export…' : 'Reading your Zotero library…' })
    try {
      const r = await api.importFromZotero(betterBibtexUrl ? { betterBibtexUrl } : {})
      const around = r.collections || r.attachments ? ` (in ${r.collections} collections, ${r.attachments} attachments listed)` : ''
      setMessage({ kind: 'info', text: `${r.fileName}: ${r.read} works read${around}; ${r.added} added${r.unchanged ? `, ${r.unchanged} already in the list` : ''}.` })
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message })
    } finally {
      setBusy(false)
      reload()
    }
  }
  const [bbtUrl, setBbtUrl] = useState('')

  const attach = (reference: ReferenceSummary, sourceId: string): void => {
    api.attachReference(reference.id, sourceId).then(
      () => {
        setMessage({ kind: 'info', text: `“${titleOf.get(sourceId) ?? sourceId}” is now cited as “${reference.title}”.` })
        reload()
      },
      (e: Error) => setMessage({ kind: 'error', text: e.message })
    )
  }

  const byline = (r: ReferenceSummary): string =>
    [r.authors.join(', '), r.year, r.container, r.collections?.length ? `in ${r.collections.join(', ')}` : null, r.attachments?.length ? `attached in Zotero: ${r.attachments.join(', ')}` : null].filter(Boolean).join(' · ')
  return (
    <dialog ref={dialog} className="settings-dialog references-dialog" aria-label="References" onClose={onClose}>
      <h2>References</h2>
      <p className="field-hint">Works from your reference manager (BibTeX or BibLaTeX, RIS, CSL-JSON: Zotero and Better BibTeX export them). Attach one to the source holding its document to cite it by paragraph.</p>
      <div className="references-actions">
        <button type="button" className="bar-button" disabled={busy} onClick={() => input.current?.click()}>
          {busy ? 'Importing…' : 'Import references…'}
        </button>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          accept={Object.keys(REFERENCE_FORMATS).join(',')}
          aria-label="References files to import"
          onChange={(e) => {
            const files = [...(e.target.files ?? [])]
            e.target.value = ''
            void importFiles(files)
          }}
        />
        <button type="button" className="bar-button" disabled={busy} onClick={() => void fromZotero()} title="Zotero 7 must be running, with Settings → Advanced → “Allow other applications on this computer to communicate with Zotero” on">
          Import from Zotero
        </button>
        <input type="search" className="references-filter" aria-label="Filter references" placeholder="Filter by title, author, year…" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </div>
      <details className="references-bbt">
        <summary>From a Better BibTeX collection…</summary>
        <form
          onSubmit={(e) => {
            e.preventDefault()
            if (bbtUrl.trim()) void fromZotero(bbtUrl.trim())
          }}
        >
          <label className="field">
            Better BibTeX export address (CSL-JSON)
            <input type="url" value={bbtUrl} placeholder="http://127.0.0.1:23119/better-bibtex/export/collection?/1/My%20Collection.csljson" onChange={(e) => setBbtUrl(e.target.value)} />
          </label>
          <button type="submit" className="bar-button" disabled={busy || !bbtUrl.trim()}>
            Import collection
          </button>
        </form>
      </details>
      {message && (
        <p className={message.kind === 'error' ? 'form-error' : 'dialog-note'} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {openSourceId && matches.some((m) => m.reference.sourceId !== openSourceId) && (
        <section aria-label="May be the open source">
          <h3>May be “{titleOf.get(openSourceId)}”</h3>
          <ul className="references-rows">
            {matches
              .filter((m) => m.reference.sourceId !== openSourceId)
              .map((m) => (
                <li key={m.reference.id}>
                  <span className="reference-text">
                    <span className="reference-title">{m.reference.title}</span> <span className="reference-byline">{byline(m.reference)}</span>
                    <span className="reference-confidence">{m.confidence === 'sure' ? ' (the same DOI or citation key)' : ' (the same title and year: check it is the same work)'}</span>
                  </span>
                  <button type="button" className="link-button" onClick={() => attach(m.reference, openSourceId)}>
                    Use for this source
                  </button>
                </li>
              ))}
          </ul>
        </section>
      )}
      {list && (
        <>
          <p className="field-hint" role="status">
            {list.length === 0 ? 'No references yet.' : shown.length > SHOWN ? `${shown.length} of ${list.length} references; the first ${SHOWN} are shown: filter to find the others.` : `${shown.length} of ${list.length} references.`}
          </p>
          <ul className="references-rows" aria-label="References list">
            {shown.slice(0, SHOWN).map((r) => (
              <li key={r.id}>
                <span className="reference-text">
                  <span className="reference-title">{r.title}</span> <span className="reference-byline">{byline(r)}</span>
                </span>
                {r.sourceId && titleOf.has(r.sourceId) ? (
                  <button type="button" className="link-button" onClick={() => onOpenSource(r.sourceId!)}>
                    Open “{titleOf.get(r.sourceId)}”
                  </button>
                ) : (
                  <select aria-label={`Attach “${r.title}” to a source`} value="" onChange={(e) => e.target.value && attach(r, e.target.value)}>
                    <option value="">Attach to a source…</option>
                    {sources.map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.title}
                      </option>
                    ))}
                  </select>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="dialog-actions">
        <button type="button" className="primary-button" onClick={onClose}>
          Done
        </button>
      </div>
    </dialog>
  )
}
