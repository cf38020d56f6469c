import { useEffect } from 'react'
import type { Settings } from '../../../shared/settings'

/** Applies the theme setting to the document; `system` follows the OS through CSS. */
export function useTheme(theme: Settings['theme'] | undefined): void {
  useEffect(() => {
    if (theme) document.documentElement.dataset['theme'] = theme
  }, [theme])
}

export const NEXT_THEME: Record<Settings['theme'], Settings['theme']> = { system: 'light', light: 'dark', dark: 'system' }
export const THEME_LABEL: Record<Settings['theme'], string> = { system: 'System theme', light: 'Light theme', dark: 'Dark theme' }
