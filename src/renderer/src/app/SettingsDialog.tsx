import type { ReactNode } from 'react'
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
