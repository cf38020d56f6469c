import { useEffect, useState, type ReactNode } from 'react'
import type { Source } from '../../../shared/model'
import type { Settings } from '../../../shared/settings'
import { api } from '../api/client'
import { NoteEditor } from '../editor/NoteEditor'
import { Reader } from '../reader/Reader'
import { SplitPane } from './SplitPane'
import { NEXT_THEME, THEME_LABEL, useTheme } from './useTheme'

/** The main window: the source on one side, the note on the other. */
export function App(): ReactNode {
  const [settings, setSettings] = useState<Settings | null>(null)
  const [source, setSource] = useState<Source | null>(null)
  const [error, setError] = useState<string | null>(null)
  useTheme(settings?.theme)

  useEffect(() => {
    const fail = (e: unknown): void => setError((e as Error).message)
    api.getSettings().then(setSettings, fail)
    api
      .listSources()
      .then((list) => (list[0] ? api.getSource(list[0].id) : null))
      .then(setSource, fail)
  }, [])

  const update = (patch: Partial<Settings>): void => {
    api.updateSettings(patch).then(setSettings, (e: unknown) => setError((e as Error).message))
  }

  return (
    <div className="app">
      <header className="app-bar">
        <span className="brand" aria-hidden="true">
          ¶
        </span>
        <span className="app-name">Pilcrow</span>
        <span className="app-bar-title">{source?.meta.title}</span>
        {settings && (
          <button
            type="button"
            className="bar-button"
            onClick={() => update({ theme: NEXT_THEME[settings.theme] })}
            aria-label={`${THEME_LABEL[settings.theme]} (change theme)`}
            title="Change theme"
          >
            {settings.theme === 'dark' ? '☾' : settings.theme === 'light' ? '☀' : '◐'}
          </button>
        )}
      </header>
      {error && (
        <div className="banner banner-error" role="alert">
          {error}
        </div>
      )}
      {settings && (
        <SplitPane
          fraction={settings.panes.readerFraction}
          onCommit={(readerFraction) => update({ panes: { readerFraction } })}
          left={<Reader source={source} />}
          right={<NoteEditor />}
        />
      )}
    </div>
  )
}
