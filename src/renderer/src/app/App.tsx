import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react'
import type { Backlink, SourceBacklinks } from '../../../shared/links'
import type { Source } from '../../../shared/model'
import type { Settings, SettingsPatch } from '../../../shared/settings'
import { api } from '../api/client'
import type { SearchHit } from '../../../shared/search'
import { ExportDialog } from '../notes/ExportDialog'
import { NotePane } from '../notes/NotePane'
import { SearchBox } from '../search/SearchBox'
import { NotesSidebar } from '../notes/NotesSidebar'
import { useNotes } from '../notes/useNotes'
import type { RevealInNoteRequest } from '../editor/RevealInNotePlugin'
import { Reader } from '../reader/Reader'
import { revealBlock } from '../reader/reveal'
import { CitationBus, type Citation } from './citations'
import { SourcesContext, type SourcesContextValue } from './sources-context'
import { SettingsDialog } from './SettingsDialog'
import { SplitPane } from './SplitPane'
import { NEXT_THEME, THEME_LABEL, useAppearance } from './useTheme'

/** The main window: notes list, the source, and the open note. */
export function App(): ReactNode {
  const [settings, setSettings] = useState<Settings | null>(null)
  const [source, setSource] = useState<Source | null>(null)
  const [messages, setMessages] = useState<string[]>([])
  const [settingsOpen, setSettingsOpen] = useState(false)
  const [exportOpen, setExportOpen] = useState(false)
  const [backlinks, setBacklinks] = useState<SourceBacklinks | null>(null)
  const [revealInNote, setRevealInNote] = useState<RevealInNoteRequest | null>(null)
  const citations = useMemo(() => new CitationBus(), [])
  const notes = useNotes(settings?.lastNoteId, settings !== null)
  useAppearance(settings)

  const report = (e: unknown): void => setMessages((m) => [...m, (e as Error).message])

  useEffect(() => {
    api.getSettings().then(setSettings, report)
    api.getWorkspaceInfo().then((info) => setMessages((m) => [...m, ...info.warnings]), report)
    api
      .listSources()
      .then((list) => (list[0] ? api.getSource(list[0].id) : null))
      .then(setSource, report)
  }, [])

  // Backlinks follow the notes: refreshed whenever the list changes (every save updates it).
  const sourceId = source?.id
  useEffect(() => {
    if (sourceId) api.getBacklinks(sourceId).then(setBacklinks, report)
  }, [sourceId, notes.list])

  const { open: openNote, newNote } = notes
  const cite = useCallback(
    (citation: Citation) => {
      if (!openNote && !citations.hasEditor) void newNote()
      citations.send(citation)
    },
    [openNote, newNote, citations]
  )

  const openBacklink = useCallback(
    (backlink: Backlink) => {
      void notes
        .openNote(backlink.noteId)
        .then(() => setRevealInNote({ noteId: backlink.noteId, target: { kind: 'citation', occurrence: backlink.occurrence }, nonce: Date.now() }))
    },
    [notes]
  )

  const openHit = useCallback(
    (hit: SearchHit) => {
      if (hit.kind === 'source') revealBlock(hit.blockId)
      else
        void notes
          .openNote(hit.noteId)
          .then(() => setRevealInNote({ noteId: hit.noteId, target: { kind: 'passage', index: hit.passage }, nonce: Date.now() }))
    },
    [notes]
  )

  const sourcesContext = useMemo<SourcesContextValue>(
    () => ({ sources: new Map(source ? [[source.id, source]] : []), reveal: (_sourceId, blockId) => revealBlock(blockId), backlinks }),
    [source, backlinks]
  )

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if ((event.ctrlKey || event.metaKey) && event.key === ',') {
        event.preventDefault()
        setSettingsOpen(true)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  // Applied at once (controls stay responsive), then replaced by what the notebook stored.
  const update = (patch: SettingsPatch): void => {
    setSettings((current) => (current ? { ...current, ...patch } : current))
    api.updateSettings(patch).then(setSettings, report)
  }

  const notice = notes.notice
  return (
    <div className="app">
      <header className="app-bar">
        <span className="brand" aria-hidden="true">
          ¶
        </span>
        <span className="app-name">Pilcrow</span>
        <span className="app-bar-title">{source?.meta.title}</span>
        <SearchBox onOpenHit={openHit} />
        {settings && (
          <button type="button" className="bar-button" onClick={() => update({ theme: NEXT_THEME[settings.theme] })} aria-label={`${THEME_LABEL[settings.theme]} (change theme)`} title="Change theme">
            {settings.theme === 'dark' ? '☾' : settings.theme === 'light' ? '☀' : '◐'}
          </button>
        )}
        <button type="button" className="bar-button" onClick={() => setSettingsOpen(true)} aria-label="Settings" title="Settings (Ctrl+,)">
          ⚙︎
        </button>
      </header>
      <div className="banners">
        {messages.map((text, i) => (
          <div key={i} className="banner banner-error" role="alert">
            <span>{text}</span>
            <button type="button" className="link-button" onClick={() => setMessages((m) => m.filter((_, j) => j !== i))} aria-label="Dismiss">
              ✕
            </button>
          </div>
        ))}
        {notice && (
          <div className={`banner banner-${notice.kind}`} role="alert">
            <span>{notice.text}</span>
            <button type="button" className="link-button" onClick={notes.dismissNotice} aria-label="Dismiss">
              ✕
            </button>
          </div>
        )}
      </div>
      <SourcesContext.Provider value={sourcesContext}>
      <div className="workbench">
        <NotesSidebar notes={notes} />
        {settings && (
          <SplitPane
            fraction={settings.panes.readerFraction}
            onCommit={(readerFraction) => update({ panes: { readerFraction } })}
            left={<Reader source={source} backlinks={backlinks} onCite={cite} onOpenBacklink={openBacklink} />}
            right={<NotePane notes={notes} citations={citations} reveal={revealInNote} onExport={() => setExportOpen(true)} />}
          />
        )}
      </div>
      </SourcesContext.Provider>
      <ExportDialog open={exportOpen} openNote={notes.open} notes={notes.list?.notes ?? []} onClose={() => setExportOpen(false)} />
      {settings && <SettingsDialog open={settingsOpen} settings={settings} onChange={update} onClose={() => setSettingsOpen(false)} />}
    </div>
  )
}
