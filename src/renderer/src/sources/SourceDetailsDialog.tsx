import { useState, type FormEvent, type ReactNode } from 'react'
import type { Source, SourceMetaPatch } from '../../../shared/model'
import { parseTagList } from '../../../shared/tags'
import { REFERENCE_TYPE_IDS, REFERENCE_TYPES, type ReferenceType } from '../../../shared/reference-types'
import { useModalDialog } from '../ui/useModalDialog'

interface SourceDetailsDialogProps {
  source: Source | null
  onSave(patch: SourceMetaPatch): Promise<void>
  onClose(): void
}

type Field = 'date' | 'publisher' | 'container' | 'pages' | 'url' | 'doi' | 'citationKey'

/** The fields a kind of work has, named as it names them (a journal article's container is its "Journal"). */
function fieldsOf(type: ReferenceType | ''): [Field, string][] {
  const kind = REFERENCE_TYPES[type || 'document']
  return [
    ['date', 'Date (YYYY-MM-DD)'],
    ...(kind.container ? [['container', kind.container] as [Field, string]] : []),
    ...(kind.publisher ? [['publisher', kind.publisher] as [Field, string]] : []),
    ...(kind.pages ? [['pages', 'Pages'] as [Field, string]] : []),
    ['url', 'Web address (URL)'],
    ['doi', 'DOI'],
    ['citationKey', 'Citation key']
  ]
}

type Form = Record<Field | 'title' | 'authors' | 'tags', string> & { type: ReferenceType | '' }

function formOf(source: Source | null): Form {
  const m = source?.meta
  return {
    title: m?.title ?? '',
    authors: m?.authors.join('\n') ?? '',
    date: m?.date ?? '',
    publisher: m?.publisher ?? '',
    container: m?.container ?? '',
    url: m?.url ?? '',
    citationKey: m?.citationKey ?? '',
    pages: m?.pages ?? '',
    doi: m?.doi ?? '',
    type: m?.type ?? '',
    tags: m?.tags?.join(', ') ?? ''
  }
}

/** A source's citation details: what citations and exports say about it. Kept across re-imports. */
export function SourceDetailsDialog({ source, onSave, onClose }: SourceDetailsDialogProps): ReactNode {
  const [form, setForm] = useState<Form>(() => formOf(source))
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const dialog = useModalDialog(source !== null, () => {
    setForm(formOf(source))
    setError(null)
  })

  const submit = (event: FormEvent): void => {
    event.preventDefault()
    if (form.title.trim() === '') return setError('A source needs a title.')
    const { tags, rejected } = parseTagList(form.tags)
    if (rejected.length > 0) return setError(`${rejected.map((r) => `“${r}”`).join(', ')} cannot be ${rejected.length === 1 ? 'a tag' : 'tags'}: a tag is letters, digits, _ and -, nested with / (e.g. iran/sanctions), and not only digits.`)
    setSaving(true)
    const patch: SourceMetaPatch = { ...form, authors: form.authors.split('\n').map((a) => a.trim()).filter(Boolean), tags }
    onSave(patch).then(onClose, (e: Error) => setError(e.message)).finally(() => setSaving(false))
  }

  return (
    <dialog ref={dialog} className="settings-dialog source-details" aria-label="Source details" onClose={onClose}>
      <form onSubmit={submit}>
        <h2>Source details</h2>
        {source?.meta.originalFile && <p className="dialog-note">Imported from {source.meta.originalFile}. Your changes are kept when the file is imported again.</p>}
        <label className="field">
          Title
          <input value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} required />
        </label>
        <label className="field">
          Authors (one per line)
          <textarea rows={3} value={form.authors} onChange={(e) => setForm({ ...form, authors: e.target.value })} />
        </label>
        <label className="field">
          Type
          <select value={form.type} onChange={(e) => setForm({ ...form, type: e.target.value as Form['type'] })}>
            <option value="">Guessed from the file</option>
            {REFERENCE_TYPE_IDS.map((id) => (
              <option key={id} value={id}>
                {REFERENCE_TYPES[id].label}
              </option>
            ))}
          </select>
        </label>
        {fieldsOf(form.type).map(([key, label]) => (
          <label key={key} className="field">
            {label}
            <input value={form[key]} type={key === 'url' ? 'url' : 'text'} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
          </label>
        ))}
        <label className="field">
          Tags
          <input value={form.tags} placeholder="e.g. iran, sanctions/eu" onChange={(e) => setForm({ ...form, tags: e.target.value })} />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="link-button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary-button" disabled={saving}>
            Save details
          </button>
        </div>
      </form>
    </dialog>
  )
}
