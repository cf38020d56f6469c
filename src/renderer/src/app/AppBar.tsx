import type { ReactNode, Ref } from 'react'
import type { SourceSummary } from '../../../shared/model'
import type { SearchHit } from '../../../shared/search'
import type { Settings } from '../../../shared/settings'
import type { SyncStatus } from '../../../shared/sync'
import { SearchBox, type SearchBoxHandle } from '../search/SearchBox'
import { SyncStatusButton } from './SyncDialog'
import { THEME_LABEL } from './useTheme'

interface AppBarProps {
  title: string | undefined
  sources: SourceSummary[]
  sourceId: string | null
  onOpenSource(id: string): void
  theme: Settings['theme'] | undefined
  search: Ref<SearchBoxHandle>
  onOpenHit(hit: SearchHit): void
  onLeaveSearch(): void
  onCycleTheme(): void
  onOpenSettings(): void
  onOpenPalette(): void
  sync: SyncStatus | null
  onOpenSync(): void
}

/** The window's top bar: the app, the open source, search, sync, theme, palette and settings. */
export function AppBar({ title, sources, sourceId, onOpenSource, theme, search, onOpenHit, onLeaveSearch, onCycleTheme, onOpenSettings, onOpenPalette, sync, onOpenSync }: AppBarProps): ReactNode {
  return (
    <header className="app-bar">
      <span className="brand" aria-hidden="true">
        ¶
      </span>
      <span className="app-name">Pilcrow</span>
      {sources.length > 1 ? (
        <select className="source-picker" aria-label="Open source" value={sourceId ?? ''} onChange={(e) => onOpenSource(e.target.value)}>
          {sources.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </select>
      ) : (
        <span className="app-bar-title">{title}</span>
      )}
      <SearchBox onOpenHit={onOpenHit} onLeave={onLeaveSearch} handle={search} />
      <SyncStatusButton status={sync} onOpen={onOpenSync} />
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
