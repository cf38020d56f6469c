import { useEffect, useRef, useState, type ReactNode } from 'react'
import { CITATION_LOCALES, type CitationStyleInfo } from '../../../shared/citations'
import { api } from '../api/client'
import { fileToBase64 } from '../sources/read-file'
import { useModalDialog } from '../ui/useModalDialog'
import { HIGHLIGHT_COLORS } from '../../../shared/highlights'
import type { Settings, SettingsPatch } from '../../../shared/settings'

const FONT_SIZES = [13, 14, 15, 16, 17, 18, 20, 22, 24]

interface SettingsDialogProps {
  open: boolean
  settings: Settings
  onChange(patch: SettingsPatch): void
  onClose(): void
}

/** Theme, editor font size and typing. Changes apply (and are saved) at once; Escape closes. */
export function SettingsDialog({ open, settings, onChange, onClose }: SettingsDialogProps): ReactNode {
  const dialog = useModalDialog(open)

  return (
    <dialog ref={dialog} className="settings-dialog" aria-label="Settings" onClose={onClose}>
      <h2>Settings</h2>
      <fieldset>
        <legend>Theme</legend>
        {(['system', 'light', 'dark'] as const).map((theme) => (
          <label key={theme} className="radio">
            <input type="radio" name="theme" value={theme} checked={settings.theme === theme} onChange={() => onChange({ theme })} />
            {theme === 'system' ? 'Same as the system' : theme === 'light' ? 'Light' : 'Dark'}
          </label>
        ))}
      </fieldset>
      <label className="field">
        Editor font size
        <select value={settings.editorFontSize} onChange={(e) => onChange({ editorFontSize: Number(e.target.value) })}>
          {FONT_SIZES.map((size) => (
            <option key={size} value={size}>
              {size} px
            </option>
          ))}
        </select>
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={settings.smartQuotes} onChange={(e) => onChange({ smartQuotes: e.target.checked })} />
        Curly quotes while typing notes (“ ” and ‘ ’ for " and ')
      </label>
      <CitationStyleFields open={open} settings={settings} onChange={onChange} />
      <fieldset className="meanings">
        <legend>Colour meanings</legend>
        <p className="field-hint">What each highlight colour means to you (“Claim”, “Evidence”, “Disagree”), shown wherever the colour is.</p>
        {HIGHLIGHT_COLORS.map((color) => (
          <label key={color} className="meaning-field">
            <span className={`highlight-mark swatch-${color}`} aria-hidden="true" />
            <span className="meaning-color">{color}</span>
            <input
              type="text"
              maxLength={60}
              aria-label={`Meaning of ${color}`}
              defaultValue={settings.highlightMeanings[color] ?? ''}
              onBlur={(e) => {
                const meaning = e.target.value.trim()
                if (meaning !== (settings.highlightMeanings[color] ?? '')) onChange({ highlightMeanings: { ...settings.highlightMeanings, [color]: meaning } })
              }}
            />
          </label>
        ))}
      </fieldset>
      <div className="dialog-actions">
        <button type="button" className="primary-button" onClick={onClose}>
          Done
        </button>
      </div>
    </dialog>
  )
}

const LOCALE_NAMES: Record<(typeof CITATION_LOCALES)[number], string> = {
  'en-US': 'English (United States)',
  'en-GB': 'English (United Kingdom)',
  'de-DE': 'Deutsch',
  'es-ES': 'Español',
  'fr-FR': 'Français',
  'ru-RU': 'Русский'
}

/** The style and locale of formatted citations ("Copy citation", the formatted export), with the chosen style's makers (its licence asks for them). */
function CitationStyleFields({ open, settings, onChange }: Pick<SettingsDialogProps, 'open' | 'settings' | 'onChange'>): ReactNode {
  const [styles, setStyles] = useState<CitationStyleInfo[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    if (!open || styles) return
    api.listCitationStyles().then(setStyles, (e: Error) => setError(`The citation styles cannot be listed: ${e.message}`))
  }, [open, styles])
  const chosen = styles?.find((s) => s.id === settings.citationStyle)
  const picker = useRef<HTMLInputElement>(null)
  const addStyle = async (file: File): Promise<void> => {
    setError(null)
    try {
      const added = await api.addCitationStyle({ fileName: file.name, base64: await fileToBase64(file) })
      setStyles(await api.listCitationStyles())
      onChange({ citationStyle: added.id })
    } catch (e) {
      setError((e as Error).message)
    }
  }
  return (
    <fieldset>
      <legend>Citations</legend>
      <label className="field">
        Citation style
        <select value={settings.citationStyle} disabled={!styles} onChange={(e) => onChange({ citationStyle: e.target.value })}>
          {(styles ?? [{ id: settings.citationStyle, title: 'Loading…' }]).map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </select>
      </label>
      {chosen && (
        <p className="field-hint">
          {chosen.note ? 'Cites in footnotes. ' : ''}
          {chosen.added ? 'A style you added (kept in this notebook’s styles folder).' : `By ${chosen.authors.join(', ') || 'the CSL project'}, from the Citation Style Language project (${chosen.rights || 'CC BY-SA 3.0'}).`}
        </p>
      )}
      <button type="button" className="link-button" onClick={() => picker.current?.click()}>
        Add a style (.csl)…
      </button>
      <input
        ref={picker}
        type="file"
        accept=".csl"
        hidden
        aria-label="Citation style file"
        onChange={(e) => {
          const file = e.target.files?.[0]
          e.target.value = ''
          if (file) void addStyle(file)
        }}
      />
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <label className="field">
        Locale
        <select value={settings.citationLocale} onChange={(e) => onChange({ citationLocale: e.target.value as (typeof CITATION_LOCALES)[number] })}>
          {CITATION_LOCALES.map((locale) => (
            <option key={locale} value={locale}>
              {LOCALE_NAMES[locale]}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  )
}
