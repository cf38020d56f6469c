import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { parseDeepLink } from '../../../shared/deep-links'
import type { Backlink, SourceBacklinks } from '../../../shared/links'
import type { Source } from '../../../shared/model'
import type { SearchHit } from '../../../shared/search'
import type { Settings, SettingsPatch } from '../../../shared/settings'
import { api } from '../api/client'
import type { RevealInNoteRequest } from '../editor/RevealInNotePlugin'
import { ExportDialog } from '../notes/ExportDialog'
import { NotePane } from '../notes/NotePane'
import { NotesSidebar } from '../notes/NotesSidebar'
import { useNotes } from '../notes/useNotes'
import { Reader, type ReaderHandle } from '../reader/Reader'
import { revealBlock } from '../reader/reveal'
import type { SearchBoxHandle } from '../search/SearchBox'
import { AppBar } from './AppBar'
import { Banners, type Banner } from './Banners'
import { CitationBus, type Citation } from './citations'
import { CommandPalette } from './CommandPalette'
import { SettingsDialog } from './SettingsDialog'
import { ShortcutsSheet } from './ShortcutsSheet'
import { SourcesContext, type SourcesContextValue } from './sources-context'
import { SplitPane } from './SplitPane'
import { useCommands, type CommandHandlers } from './useCommands'
import { NEXT_THEME, useAppearance } from './useTheme'

type DialogName = 'settings' | 'export' | 'palette' | 'shortcuts' | null

/** The main window: notes list, the source, and the open note. */
export function App(): ReactNode {
  const [settings, setSettings] = useState<Settings | null>(null)
  const [source, setSource] = useState<Source | null>(null)
  const [banners, setBanners] = useState<Banner[]>([])
  const [dialog, setDialog] = useState<DialogName>(null)
  const [notesHidden, setNotesHidden] = useState(false)
  const [backlinks, setBacklinks] = useState<SourceBacklinks | null>(null)
  const [revealInNote, setRevealInNote] = useState<RevealInNoteRequest | null>(null)
  const citations = useMemo(() => new CitationBus(), [])
  const search = useRef<SearchBoxHandle>(null)
  const reader = useRef<ReaderHandle>(null)
  const notes = useNotes(settings?.lastNoteId, settings !== null)
  useAppearance(settings)

  const report = useCallback((e: unknown) => setBanners((b) => [...b, { kind: 'error', text: (e as Error).message }]), [])

  // The article first: nothing else waits on it, and it waits on nothing else.
  useEffect(() => {
    api
      .listSources()
      .then((list) => (list[0] ? api.getSource(list[0].id) : null))
      .then(setSource, report)
    api.getSettings().then(setSettings, report)
    api.getWorkspaceInfo().then((info) => setBanners((b) => [...b, ...info.warnings.map((text): Banner => ({ kind: 'error', text }))]), report)
  }, [report])

  // Backlinks follow the notes: refreshed whenever the list changes (every save updates it).
  const sourceId = source?.id
  useEffect(() => {
    if (sourceId) api.getBacklinks(sourceId).then(setBacklinks, report)
  }, [sourceId, notes.list, report])

  const { open: openNote, newNote } = notes
  const cite = useCallback(
    (citation: Citation) => {
      if (!openNote && !citations.hasEditor) void newNote()
      citations.send(citation)
    },
    [openNote, newNote, citations]
  )

  const openNoteAt = useCallback(
    (noteId: string, target: RevealInNoteRequest['target']) => {
      void notes.openNote(noteId).then(() => setRevealInNote({ noteId, target, nonce: Date.now() }))
    },
    [notes]
  )
  const openBacklink = useCallback((b: Backlink) => openNoteAt(b.noteId, { kind: 'citation', occurrence: b.occurrence }), [openNoteAt])
  const openHit = useCallback(
    (hit: SearchHit) => (hit.kind === 'source' ? revealBlock(hit.blockId) : openNoteAt(hit.noteId, { kind: 'passage', index: hit.passage })),
    [openNoteAt]
  )

  // pilcrow:// links opened in the desktop app
  useEffect(
    () =>
      window.pilcrowShell?.onDidRequestOpen((url) => {
        const link = parseDeepLink(url)
        if (link?.kind === 'note') openNoteAt(link.noteId, { kind: 'passage', index: 0 })
        else if (link?.blockId) revealBlock(link.blockId)
      }),
    [openNoteAt]
  )

  // Applied at once (controls stay responsive), then replaced by what the notebook stored.
  const update = useCallback(
    (patch: SettingsPatch) => {
      setSettings((current) => (current ? { ...current, ...patch } : current))
      api.updateSettings(patch).then(setSettings, report)
    },
    [report]
  )

  const handlers: CommandHandlers = {
    'note.new': () => void notes.newNote(),
    'note.export': () => setDialog('export'),
    'note.trash': () => notes.open && void notes.trashNote(notes.open.id),
    'cite.quoteSelection': () => void reader.current?.quoteSelection(),
    'search.focus': () => search.current?.focus(),
    'palette.open': () => setDialog('palette'),
    'shortcuts.show': () => setDialog('shortcuts'),
    'settings.open': () => setDialog('settings'),
    'theme.cycle': () => settings && update({ theme: NEXT_THEME[settings.theme] }),
    'panes.toggleNotes': () => setNotesHidden((hidden) => !hidden),
    'reader.focus': () => reader.current?.focus(),
    'editor.focus': () => document.querySelector<HTMLElement>('[role="textbox"][aria-label="Note"]')?.focus()
  }
  useCommands(handlers)

  const sourcesContext = useMemo<SourcesContextValue>(
    () => ({ sources: new Map(source ? [[source.id, source]] : []), reveal: (_sourceId, blockId) => revealBlock(blockId), backlinks }),
    [source, backlinks]
  )
  const notice = notes.notice
  const close = (): void => setDialog(null)

  return (
    <div className="app">
      <AppBar
        title={source?.meta.title}
        theme={settings?.theme}
        search={search}
        onOpenHit={openHit}
        onCycleTheme={handlers['theme.cycle']}
        onOpenSettings={handlers['settings.open']}
        onOpenPalette={handlers['palette.open']}
      />
      <Banners
        banners={notice ? [...banners, notice] : banners}
        onDismiss={(i) => (i < banners.length ? setBanners((b) => b.filter((_, j) => j !== i)) : notes.dismissNotice())}
      />
      <SourcesContext.Provider value={sourcesContext}>
        <div className={`workbench${notesHidden ? ' notes-hidden' : ''}`}>
          {!notesHidden && <NotesSidebar notes={notes} />}
          <SplitPane
            fraction={settings?.panes.readerFraction ?? 0.5}
            onCommit={(readerFraction) => update({ panes: { readerFraction } })}
            left={<Reader source={source} backlinks={backlinks} onCite={cite} onOpenBacklink={openBacklink} handle={reader} />}
            right={settings ? <NotePane notes={notes} citations={citations} reveal={revealInNote} onExport={handlers['note.export']} /> : null}
          />
        </div>
      </SourcesContext.Provider>
      <ExportDialog open={dialog === 'export'} openNote={notes.open} notes={notes.list?.notes ?? []} onClose={close} />
      <CommandPalette open={dialog === 'palette'} onClose={close} run={(id) => handlers[id]()} />
      <ShortcutsSheet open={dialog === 'shortcuts'} onClose={close} />
      {settings && <SettingsDialog open={dialog === 'settings'} settings={settings} onChange={update} onClose={close} />}
    </div>
  )
}
