import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { parseDeepLink } from '../../../shared/deep-links'
import type { Backlink, SourceBacklinks } from '../../../shared/links'
import type { Source, SourceSummary } from '../../../shared/model'
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
  const [sourceList, setSourceList] = useState<SourceSummary[]>([])
  const [loaded, setLoaded] = useState<ReadonlyMap<string, Source | null>>(new Map())
  const [sourceId, setSourceId] = useState<string | null>(null)
  const source = (sourceId && loaded.get(sourceId)) || null
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

  // Sources load on demand (the open one, and any a note's chips cite); a missing one is null.
  const requested = useRef(new Set<string>())
  const requestSource = useCallback(
    (id: string) => {
      if (requested.current.has(id)) return
      requested.current.add(id)
      api.getSource(id).then(
        (s) => setLoaded((m) => new Map(m).set(id, s)),
        () => setLoaded((m) => new Map(m).set(id, null))
      )
    },
    []
  )
  const storedSourceId = settings?.lastSourceId
  useEffect(() => {
    if (!sourceId) return
    requestSource(sourceId)
    // remember the open source, without a write at every start when it is already the one stored
    if (storedSourceId !== undefined && storedSourceId !== sourceId) api.updateSettings({ lastSourceId: sourceId }).then(setSettings, () => undefined)
  }, [sourceId, storedSourceId, requestSource])

  // The source first (the one open last time, else the first): it waits on nothing else.
  useEffect(() => {
    Promise.all([api.listSources(), api.getSettings()]).then(([list, stored]) => {
      setSourceList(list)
      setSettings(stored)
      const last = list.find((s) => s.id === stored.lastSourceId)
      setSourceId((current) => current ?? last?.id ?? list[0]?.id ?? null)
    }, report)
    api.getWorkspaceInfo().then((info) => setBanners((b) => [...b, ...info.warnings.map((text): Banner => ({ kind: 'error', text }))]), report)
  }, [report])

  // Backlinks follow the notes: refreshed whenever the list changes (every save updates it).
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

  const openNoteById = notes.openNote
  const openNoteAt = useCallback(
    (noteId: string, target: RevealInNoteRequest['target']) => {
      void openNoteById(noteId).then(() => setRevealInNote({ noteId, target, nonce: Date.now() }))
    },
    [openNoteById]
  )
  const openBacklink = useCallback((b: Backlink) => openNoteAt(b.noteId, { kind: 'citation', occurrence: b.occurrence }), [openNoteAt])
  /** Shows a block, opening its source first when another one is open. */
  const revealInSource = useCallback(
    (id: string, blockId: string) => {
      if (id === sourceId) revealBlock(blockId)
      else {
        setSourceId(id)
        pendingReveal.current = blockId
      }
    },
    [sourceId]
  )
  const pendingReveal = useRef<string | null>(null)
  useEffect(() => {
    if (source && pendingReveal.current) {
      const blockId = pendingReveal.current
      pendingReveal.current = null
      requestAnimationFrame(() => revealBlock(blockId))
    }
  }, [source])

  const openHit = useCallback(
    (hit: SearchHit) => (hit.kind === 'source' ? revealInSource(hit.sourceId, hit.blockId) : openNoteAt(hit.noteId, { kind: 'passage', index: hit.passage })),
    [openNoteAt, revealInSource]
  )

  // pilcrow:// links opened in the desktop app
  useEffect(
    () =>
      window.pilcrowShell?.onDidRequestOpen((url) => {
        const link = parseDeepLink(url)
        if (link?.kind === 'note') openNoteAt(link.noteId, { kind: 'passage', index: 0 })
        else if (link?.kind === 'source') (link.blockId ? revealInSource(link.sourceId, link.blockId) : setSourceId(link.sourceId))
      }),
    [openNoteAt, revealInSource]
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
    () => ({
      sources: loaded as ReadonlyMap<string, Source>,
      reveal: revealInSource,
      backlinks,
      request: requestSource
    }),
    [loaded, backlinks, revealInSource, requestSource]
  )
  const notice = notes.notice
  const close = (): void => setDialog(null)

  return (
    <div className="app">
      <AppBar
        title={source?.meta.title}
        sources={sourceList}
        sourceId={sourceId}
        onOpenSource={setSourceId}
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
        {settings && !settings.citeHintDismissed && backlinks && Object.keys(backlinks.byBlock).length === 0 && (
          <div className="hint" role="note" aria-label="Tip">
            <span>
              <strong>Tip:</strong> hover a paragraph and press its <span className="hint-chip">+</span> button (“Cite ¶ in note”) to link it into your note — or select words and choose “Quote in note”.
            </span>
            <button type="button" className="link-button" onClick={() => update({ citeHintDismissed: true })}>
              Got it
            </button>
          </div>
        )}
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
