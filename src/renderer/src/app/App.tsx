import { lazy, Suspense, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { flushSync } from 'react-dom'
import { parseDeepLink } from '../../../shared/deep-links'
import type { Backlink, SourceBacklinks } from '../../../shared/links'
import type { ImportOutcome } from '../../../shared/imports'
import type { SourceMetaPatch } from '../../../shared/model'
import type { SearchHit } from '../../../shared/search'
import type { Settings, SettingsPatch } from '../../../shared/settings'
import { api } from '../api/client'
import type { RevealInNoteRequest } from '../editor/RevealInNotePlugin'
import { ExportDialog } from '../notes/ExportDialog'
import { NotesSidebar } from '../notes/NotesSidebar'
import { useNotes } from '../notes/useNotes'
import { Reader, type ReaderHandle } from '../reader/Reader'
import type { ReaderTool } from '../reader/ReaderTools'
import { revealBlock } from '../reader/reveal'
import type { SearchBoxHandle } from '../search/SearchBox'
import { DeleteSourceDialog } from '../sources/DeleteSourceDialog'
import { ImportStatusPanel } from '../sources/ImportStatusPanel'
import { SourceDetailsDialog } from '../sources/SourceDetailsDialog'
import { SourcesList } from '../sources/SourcesList'
import { useFileDrop } from '../sources/useFileDrop'
import { useSourceImport } from '../sources/useSourceImport'
import { useSourceLibrary } from '../sources/useSourceLibrary'
import { AppBar } from './AppBar'
import { Banners, type Banner } from './Banners'
import { CitationBus, type Citation } from './citations'
import { CommandPalette } from './CommandPalette'
import { ErrorBoundary } from './ErrorBoundary'
import { shortcutLabel } from '../../../shared/commands'
import { Toast, useToast } from './Toast'
import { useCompactView } from './useCompactView'
import { IS_MAC } from './useCommands'
import { VIEW_PANEL, ViewTabs } from './ViewTabs'
import { SettingsDialog } from './SettingsDialog'
import { ShortcutsSheet } from './ShortcutsSheet'
import { LoadedSources, SourcesContext, type SourcesContextValue } from './sources-context'
import { SplitPane } from './SplitPane'
import { afterNextPaint } from './after-paint'
import { MountWhenFirstOpen } from './MountWhenFirstOpen'
import { embeddedStartup, takeStartup } from './startup'
import { useCommands, type CommandHandlers } from './useCommands'
import { NEXT_THEME, useAppearance } from './useTheme'

// The editor (Lexical) is the larger half of the code: it loads beside the article, not before it.
const NotePane = lazy(() => import('../notes/NotePane').then((m) => ({ default: m.NotePane })))

type DialogName = 'settings' | 'export' | 'palette' | 'shortcuts' | null

/** The main window: notes list, the source, and the open note. */
export function App(): ReactNode {
  // in browser mode the page came with the first screen's data: the article is in the first render
  const [settings, setSettings] = useState<Settings | null>(() => embeddedStartup()?.settings ?? null)
  const [sourceId, setSourceId] = useState<string | null>(() => embeddedStartup()?.sourceId ?? null)
  const [banners, setBanners] = useState<Banner[]>([])
  const [dialog, setDialog] = useState<DialogName>(null)
  const [notesHidden, setNotesHidden] = useState(false)
  const [backlinks, setBacklinks] = useState<SourceBacklinks | null>(null)
  const [revealInNote, setRevealInNote] = useState<RevealInNoteRequest | null>(null)
  const [toast, showToast] = useToast()
  const citations = useMemo(() => new CitationBus(), [])
  const search = useRef<SearchBoxHandle>(null)
  const reader = useRef<ReaderHandle>(null)
  // The article first: the notes (the open one may be long) load once it has painted.
  const [notesMayLoad, setNotesMayLoad] = useState(false)
  const notes = useNotes(settings?.lastNoteId, notesMayLoad)
  // a narrow window (or high zoom) shows one view at a time: the notebook lists, the source or the note
  const { compact, view, showView, toggleNotebook } = useCompactView(notes.open?.id, sourceId)
  useAppearance(settings)

  const report = useCallback((e: unknown) => setBanners((b) => [...b, { kind: 'error', text: (e as Error).message }]), [])
  const library = useSourceLibrary(report, embeddedStartup)
  const { loaded, request: requestSource, prime: primeSource, list: sourceList, setList: setSourceList, refresh: refreshSources } = library
  const source = (sourceId && loaded.get(sourceId)) || null
  const articleSettled = settings !== null && (source !== null || sourceId === null || loaded.get(sourceId) === null)
  useEffect(() => {
    if (!articleSettled || notesMayLoad) return
    return afterNextPaint(() => setNotesMayLoad(true))
  }, [articleSettled, notesMayLoad])
  /**
   * Opens a source, asking for its blocks at once: the window's re-render for the change then
   * overlaps the request. (The source open at start is asked for by `takeStartup`.)
   */
  const openSource = useCallback(
    (id: string | null) => {
      if (id) requestSource(id)
      setSourceId(id)
    },
    [requestSource]
  )
  const storedSourceId = settings?.lastSourceId
  const shownSourceId = source?.id
  useEffect(() => {
    // Remembers the open source once it has painted: the server writes the settings file at once,
    // and the source's own request, sent a moment earlier, must not wait behind that write. There
    // is no write at a start that opens the source already stored.
    if (!shownSourceId || storedSourceId === undefined || storedSourceId === shownSourceId) return
    return afterNextPaint(() => void api.updateSettings({ lastSourceId: shownSourceId }).then(setSettings, () => undefined))
  }, [shownSourceId, storedSourceId])

  // The source first (the one open last time, else the first): it waits on nothing else.
  useEffect(() => {
    takeStartup().then(({ list, settings: stored, sourceId: first, source: firstSource }) => {
      setSourceList(list)
      setSettings(stored)
      if (first && firstSource) primeSource(first, firstSource)
      setSourceId((current) => current ?? first)
    }, report)
  }, [report, setSourceList, primeSource])
  // the workspace's warnings once the article has painted: the server reads every note to check them
  useEffect(() => {
    if (notesMayLoad) api.getWorkspaceInfo().then((info) => setBanners((b) => [...b, ...info.warnings.map((text): Banner => ({ kind: 'error', text }))]), report)
  }, [notesMayLoad, report])

  // the tip about citing has done its work once something is cited: it does not come back (a new source has no citations yet)
  const hasCitations = !!backlinks && Object.keys(backlinks.byBlock).length > 0
  useEffect(() => {
    if (hasCitations && settings && !settings.citeHintDismissed) update({ citeHintDismissed: true })
  }, [hasCitations, settings])

  // Backlinks follow the notes: refreshed whenever the list changes (every save updates it). Not
  // before the article has painted: the server reads every note to answer the first time.
  useEffect(() => {
    if (sourceId && notesMayLoad) api.getBacklinks(sourceId).then(setBacklinks, report)
  }, [sourceId, notesMayLoad, notes.list, report])

  const { open: openNote, newNote, flash } = notes
  useEffect(() => {
    if (flash) showToast(flash.text)
  }, [flash, showToast])
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
  const openBacklink = useCallback(
    (b: Backlink) => {
      showView('note')
      openNoteAt(b.noteId, { kind: 'citation', occurrence: b.occurrence })
    },
    [openNoteAt, showView]
  )
  /** Shows a block, opening its source first when another one is open. Stable (it reads the open source from a ref): chips get it through context. */
  const openSourceId = useRef(sourceId)
  openSourceId.current = sourceId
  const revealInSource = useCallback(
    (id: string, blockId: string) => {
      showView('source')
      if (id === openSourceId.current) requestAnimationFrame(() => revealBlock(blockId))
      else {
        openSource(id)
        pendingReveal.current = blockId
      }
    },
    [openSource, showView]
  )
  const pendingReveal = useRef<string | null>(null)
  /** A block that takes the focus once revealed (a search hit chosen from the keyboard). */
  const focusAfterReveal = useRef<string | null>(null)
  useEffect(() => {
    if (source && pendingReveal.current) {
      const blockId = pendingReveal.current
      pendingReveal.current = null
      requestAnimationFrame(() => revealBlock(blockId))
    }
    const focus = focusAfterReveal.current
    if (source && focus) {
      focusAfterReveal.current = null
      requestAnimationFrame(() => requestAnimationFrame(() => reader.current?.focusBlock(focus, { scroll: false })))
    }
  }, [source])

  const openHit = useCallback(
    (hit: SearchHit) => {
      showView(hit.kind === 'source' ? 'source' : 'note')
      if (hit.kind === 'source') {
        const sameSource = hit.sourceId === openSourceId.current
        revealInSource(hit.sourceId, hit.blockId)
        // the keyboard goes on from the paragraph found: arrows, Enter to cite it
        if (sameSource) requestAnimationFrame(() => requestAnimationFrame(() => reader.current?.focusBlock(hit.blockId, { scroll: false })))
        else focusAfterReveal.current = hit.blockId
      } else openNoteAt(hit.noteId, { kind: 'passage', index: hit.passage })
    },
    [openNoteAt, revealInSource, showView]
  )

  // Importing: each imported file refreshes the list; the first new source of a batch opens.
  const openedAfterImport = useRef(false)
  const imports = useSourceImport(
    useCallback(
      (outcome: Extract<ImportOutcome, { ok: true }>) => {
        void refreshSources([outcome.sourceId]).then(() => {
          if (!openedAfterImport.current || outcome.sourceId === sourceId) openSource(outcome.sourceId)
          openedAfterImport.current = true
          if (outcome.sourceId === sourceId) api.getBacklinks(outcome.sourceId).then(setBacklinks, report)
        })
      },
      [refreshSources, sourceId, report]
    )
  )
  const importFiles = useCallback(
    (files: File[], updateSourceId?: string) => {
      openedAfterImport.current = false
      void imports.importFiles(files, updateSourceId)
    },
    [imports]
  )
  const dragging = useFileDrop(importFiles)
  const openImportPicker = useRef<(() => void) | null>(null)
  const showImported = imports.show
  useEffect(
    () =>
      window.pilcrowShell?.onDidImport?.((outcomes) => {
        showImported(outcomes)
        const added = outcomes.filter((o) => o.ok)
        void refreshSources(added.map((o) => o.sourceId)).then(() => added[0] && openSource(added[0].sourceId))
      }),
    [showImported, refreshSources]
  )

  const [detailsFor, setDetailsFor] = useState<string | null>(null)
  const detailsSource = detailsFor ? (loaded.get(detailsFor) ?? null) : null
  const editDetails = useCallback(
    (id: string) => {
      requestSource(id)
      setDetailsFor(id)
    },
    [requestSource]
  )
  const saveDetails = async (patch: SourceMetaPatch): Promise<void> => {
    if (!detailsFor) return
    await api.updateSourceMeta(detailsFor, patch)
    await refreshSources([detailsFor])
  }
  const [deleting, setDeleting] = useState<{ id: string; title: string; links: number } | null>(null)
  const askDelete = useCallback(
    (id: string) => {
      const title = sourceList.find((s) => s.id === id)?.title ?? id
      api.getBacklinks(id).then((b) => setDeleting({ id, title, links: Object.values(b.byBlock).reduce((n, l) => n + l.length, b.orphans.length) }), report)
    },
    [sourceList, report]
  )
  const confirmDelete = (id: string): void => {
    const title = deleting?.title ?? id
    setDeleting(null)
    api.deleteSource(id).then(({ orphanedLinks }) => {
      library.forget(id)
      const rest = sourceList.filter((s) => s.id !== id)
      if (sourceId === id) openSource(rest[0]?.id ?? null)
      const links = orphanedLinks === 0 ? 'No note cited it.' : `${orphanedLinks} ${orphanedLinks === 1 ? 'link' : 'links'} to it ${orphanedLinks === 1 ? 'is' : 'are'} now unresolved and ${orphanedLinks === 1 ? 'keeps its' : 'keep their'} quoted words.`
      setBanners((b) => [...b, { kind: 'info', text: `Deleted “${title}”. ${links}` }])
    }, report)
  }

  // pilcrow:// links opened in the desktop app
  useEffect(
    () =>
      window.pilcrowShell?.onDidRequestOpen((url) => {
        const link = parseDeepLink(url)
        if (link?.kind === 'note') openNoteAt(link.noteId, { kind: 'passage', index: 0 })
        else if (link?.kind === 'source') (link.blockId ? revealInSource(link.sourceId, link.blockId) : openSource(link.sourceId))
      }),
    [openNoteAt, revealInSource, openSource]
  )

  /** Counts settings changes: only the answer to the latest is applied (answers can come out of order). */
  const settingsChanges = useRef(0)
  // Applied at once (controls stay responsive), then replaced by what the notebook stored.
  const update = useCallback(
    (patch: SettingsPatch) => {
      setSettings((current) => (current ? { ...current, ...patch } : current))
      const change = ++settingsChanges.current
      api.updateSettings(patch).then((saved) => change === settingsChanges.current && setSettings(saved), report)
    },
    [report]
  )

  /** Find, Go to ¶ and the outline live in the reader: it is shown first (a compact window). */
  const openReaderTool = (tool: ReaderTool): void => {
    flushSync(() => showView('source'))
    if (!reader.current?.openTool(tool)) showToast('Open a source first: there is nothing to look through.')
  }

  const handlers: CommandHandlers = {
    'note.new': () => {
      showView('note')
      void notes.newNote()
    },
    'note.export': () => setDialog('export'),
    'note.trash': () => notes.open && void notes.trashNote(notes.open.id),
    'source.import': () => {
      // the picker lives in the sidebar: show it first (the key press still counts as the user's gesture)
      setNotesHidden(false)
      requestAnimationFrame(() => openImportPicker.current?.())
    },
    'source.details': () => sourceId && editDetails(sourceId),
    'cite.quoteSelection': () => {
      if (reader.current?.quoteSelection()) return
      showToast(`Nothing to cite yet: select words in the source, or move to a paragraph (click it, or ${shortcutLabel('Mod+1', IS_MAC)} then ↑ ↓), then press ${shortcutLabel('Mod+Shift+E', IS_MAC)} again.`)
    },
    'search.focus': () => search.current?.focus(),
    'palette.open': () => setDialog('palette'),
    'shortcuts.show': () => setDialog('shortcuts'),
    'settings.open': () => setDialog('settings'),
    'theme.cycle': () => settings && update({ theme: NEXT_THEME[settings.theme] }),
    'panes.toggleNotes': () => (compact ? toggleNotebook() : setNotesHidden((hidden) => !hidden)),
    // the view is shown (a compact window) and the focus moved before the key event ends: the next keys land there
    'reader.focus': () => {
      flushSync(() => showView('source'))
      reader.current?.focus()
    },
    'reader.find': () => openReaderTool('find'),
    'reader.goTo': () => openReaderTool('goto'),
    'reader.outline': () => openReaderTool('outline'),
    'editor.focus': () => {
      flushSync(() => showView('note'))
      document.querySelector<HTMLElement>('[role="textbox"][aria-label="Note"]')?.focus()
    }
  }
  useCommands(handlers)

  const loadedSources = useMemo(() => new LoadedSources(), [])
  useLayoutEffect(() => loadedSources.set(loaded), [loadedSources, loaded])
  const sourcesContext = useMemo<SourcesContextValue>(() => ({ loaded: loadedSources, reveal: revealInSource, request: requestSource }), [loadedSources, revealInSource, requestSource])
  const notice = notes.notice
  // a dialog's close event comes a task after Escape: by then a shortcut may have opened another
  const closed = (name: DialogName) => (): void => setDialog((open) => (open === name ? null : open))

  return (
    <div className="app">
      {/* the first Tab stops: straight to the source or the note, past the bars and the lists */}
      <nav className="skip-links" aria-label="Skip links">
        <button type="button" className="skip-link" onClick={handlers['reader.focus']}>
          Skip to the source
        </button>
        <button type="button" className="skip-link" onClick={handlers['editor.focus']}>
          Skip to the note
        </button>
      </nav>
      <AppBar
        title={source?.meta.title}
        sources={sourceList}
        sourceId={sourceId}
        onOpenSource={openSource}
        theme={settings?.theme}
        search={search}
        onOpenHit={openHit}
        onLeaveSearch={handlers['reader.focus']}
        onCycleTheme={handlers['theme.cycle']}
        onOpenSettings={handlers['settings.open']}
        onOpenPalette={handlers['palette.open']}
      />
      <ImportStatusPanel progress={imports.progress} outcomes={imports.outcomes} onDismiss={imports.dismiss} />
      <main className="app-main">
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
          {compact && <ViewTabs view={view} onChange={showView} />}
          <div className={`workbench${compact ? ` compact view-is-${view}` : notesHidden ? ' notes-hidden' : ''}`}>
            {(compact || !notesHidden) && (
              <NotesSidebar
                notes={notes}
                id={VIEW_PANEL.notebook}
                asPanel={compact}
                hidden={compact && view !== 'notebook'}
                onOpenNote={(id) => {
                  showView('note')
                  void notes.openNote(id)
                }}
                onNewNote={handlers['note.new']}
              >
                <SourcesList
                  sources={sourceList}
                  openId={sourceId}
                  onOpen={(id) => {
                    showView('source')
                    openSource(id)
                  }} onImport={importFiles} onUpdate={(id, file) => importFiles([file], id)} onEditDetails={editDetails} onDelete={askDelete} pickerRef={openImportPicker} />
              </NotesSidebar>
            )}
            <SplitPane
              single={compact ? (view === 'source' ? 'left' : view === 'note' ? 'right' : 'none') : undefined}
              ids={[VIEW_PANEL.source, VIEW_PANEL.note]}
              fraction={settings?.panes.readerFraction ?? 0.5}
              onCommit={(readerFraction) => update({ panes: { readerFraction } })}
              left={
                <ErrorBoundary what="The source" resetKey={sourceId}>
                  <Reader source={source} empty={settings !== null && sourceId === null && sourceList.length === 0} backlinks={backlinks} onCite={cite} onOpenBacklink={openBacklink} handle={reader} onNotice={showToast} />
                </ErrorBoundary>
              }
              right={
                // the editor's code loads once the article has painted: evaluating it earlier delayed that paint
                settings && notesMayLoad ? (
                  <ErrorBoundary what="This note" resetKey={notes.open?.id} onError={(error) => notes.open && notes.markUnreadable(notes.open.id, `This note could not be shown (${error.message}). Nothing was saved over it.`)}>
                    <Suspense fallback={<p className="reader-empty">Loading the editor…</p>}>
                      <NotePane notes={notes} citations={citations} reveal={revealInNote} onExport={handlers['note.export']} smartQuotes={settings.smartQuotes} />
                    </Suspense>
                  </ErrorBoundary>
                ) : null
              }
            />
          </div>
        </SourcesContext.Provider>
      </main>
      <Toast text={toast} />
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <p>Drop files to import them as sources</p>
          <p className="drop-overlay-kinds">Markdown, plain text, saved web pages (.html) and PDFs</p>
        </div>
      )}
      <MountWhenFirstOpen open={detailsSource !== null}>
        <SourceDetailsDialog source={detailsSource} onSave={saveDetails} onClose={() => setDetailsFor(null)} />
      </MountWhenFirstOpen>
      <MountWhenFirstOpen open={deleting !== null}>
        <DeleteSourceDialog target={deleting} onConfirm={confirmDelete} onClose={() => setDeleting(null)} />
      </MountWhenFirstOpen>
      <MountWhenFirstOpen open={dialog === 'export'}>
        <ExportDialog open={dialog === 'export'} openNote={notes.open} notes={notes.list?.notes ?? []} onClose={closed('export')} />
      </MountWhenFirstOpen>
      <MountWhenFirstOpen open={dialog === 'palette'}>
        <CommandPalette open={dialog === 'palette'} onClose={closed('palette')} run={(id) => handlers[id]()} />
      </MountWhenFirstOpen>
      <MountWhenFirstOpen open={dialog === 'shortcuts'}>
        <ShortcutsSheet open={dialog === 'shortcuts'} onClose={closed('shortcuts')} />
      </MountWhenFirstOpen>
      <MountWhenFirstOpen open={dialog === 'settings'}>
        {settings && <SettingsDialog open={dialog === 'settings'} settings={settings} onChange={update} onClose={closed('settings')} />}
      </MountWhenFirstOpen>
    </div>
  )
}
