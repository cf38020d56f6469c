import type { ReactNode, Ref } from 'react'
import type { SearchHit } from '../../../shared/search'
import type { Settings } from '../../../shared/settings'
import { SearchBox, type SearchBoxHandle } from '../search/SearchBox'
import { THEME_LABEL } from './useTheme'

interface AppBarProps {
  title: string | undefined
  theme: Settings['theme'] | undefined
  search: Ref<SearchBoxHandle>
  onOpenHit(hit: SearchHit): void
  onCycleTheme(): void
  onOpenSettings(): void
  onOpenPalette(): void
}

/** The window's top bar: the app, the open source, search, theme, palette and settings. */
export function AppBar({ title, theme, search, onOpenHit, onCycleTheme, onOpenSettings, onOpenPalette }: AppBarProps): ReactNode {
  return (
    <header className="app-bar">
      <span className="brand" aria-hidden="true">
        ¶
      </span>
      <span className="app-name">Pilcrow</span>
      <span className="app-bar-title">{title}</span>
      <SearchBox onOpenHit={onOpenHit} handle={search} />
      <button type="button" className="bar-button" onClick={onOpenPalette} aria-label="Open the command palette" title="Command palette">
        ⌘
      </button>
      {theme && (
        <button type="button" className="bar-button" onClick={onCycleTheme} aria-label={`${THEME_LABEL[theme]} (change theme)`} title="Change theme">
          {theme === 'dark' ? '☾' : theme === 'light' ? '☀' : '◐'}
        </button>
      )}
      <button type="button" className="bar-button" onClick={onOpenSettings} aria-label="Settings" title="Settings">
        ⚙︎
      </button>
    </header>
  )
}
