import { useEffect } from 'react'
import type { Settings } from '../../../shared/settings'

/** Applies the theme (`system` follows the OS through CSS) and the editor font size. */
export function useAppearance(settings: Settings | null): void {
  const theme = settings?.theme
  const fontSize = settings?.editorFontSize
  useEffect(() => {
    if (!theme) return
    document.documentElement.dataset['theme'] = theme
    // remembered for theme-boot.js, which applies it before the next start's first paint
    try {
      localStorage.setItem('pilcrow-theme', theme)
    } catch {
      // private mode or storage full: the next start follows the system theme until settings load
    }
  }, [theme])
  useEffect(() => {
    if (fontSize) document.documentElement.style.setProperty('--editor-font-size', `${fontSize}px`)
  }, [fontSize])
}

export const NEXT_THEME: Record<Settings['theme'], Settings['theme']> = { system: 'light', light: 'dark', dark: 'system' }
export const THEME_LABEL: Record<Settings['theme'], string> = { system: 'System theme', light: 'Light theme', dark: 'Dark theme' }
