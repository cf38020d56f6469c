import { lazy, Suspense, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import type { ImportOutcome } from '../../../shared/imports'
import { api } from '../api/client'
import { events, onEventsConnected } from '../api/events'
import { ExportDialog } from '../notes/ExportDialog'
import { NotesSidebar } from '../notes/NotesSidebar'
import { useNotes, useSaveBeforeUnload } from '../notes/useNotes'
import { captureTypeAhead } from '../notes/type-ahead'
import { Reader, type ReaderHandle } from '../reader/Reader'
import type { SearchBoxHandle } from '../search/SearchBox'
import { DeleteSourceDialog } from '../sources/DeleteSourceDialog'
import { ImportStatusPanel } from '../sources/ImportStatusPanel'
import { SourceDetailsDialog } from '../sources/SourceDetailsDialog'
import { ReferencesDialog } from '../sources/ReferencesDialog'
import { SourcesList } from '../sources/SourcesList'
import { useFileDrop } from '../sources/useFileDrop'
import { useSourceImport } from '../sources/useSourceImport'
import { useSourceActions } from '../sources/useSourceActions'
import { createAppStores, StoresContext } from '../stores/app-stores'
import { sameForDrawing } from '../stores/settings-store'
import { hasTag } from '../../../shared/tags'
import { useStore, useStoreSelector } from '../stores/store'
import { AppBar } from './AppBar'
import { Banners } from './Banners'
import { CitationBus, type Citation } from '../ui/citations'
import { CommandPalette } from './CommandPalette'
import { ErrorBoundary } from './ErrorBoundary'
import { Toast, useToast } from './Toast'
import { useCompactView } from './useCompactView'
import { VIEW_PANEL, ViewTabs } from './ViewTabs'
import { SettingsDialog } from './SettingsDialog'
import { SyncDialog } from './SyncDialog'
import { ShortcutsSheet } from './ShortcutsSheet'
import { LoadedSources, SourcesContext, type SourcesContextValue } from '../ui/sources-context'
import { SplitPane } from './SplitPane'
import { MountWhenFirstOpen } from './MountWhenFirstOpen'
import { embeddedStartup, missedEvents } from './startup'
import { useNavigation } from './useNavigation'
import { useOpenSource } from './useOpenSource'
import { commandHandlers, type DialogName } from './command-handlers'
import { useCommands } from './useCommands'
import { useShellEvents } from './useShellEvents'
import { useAppearance } from './useTheme'

const identity = <T,>(value: T): T => value

// The editor (Lexical) is the larger half of the code: it loads beside the article, not before it.
const NotePane = lazy(() => import('../notes/NotePane').then((m) => ({ default: m.NotePane })))

/** The main window: notes list, the source, and the open note. Layout and wiring: the state lives in the stores. */
export function App(): ReactNode {
  // in browser mode the page came with the first screen's data: the article is in the first render
  const [stores] = useState(() => createAppStores({ api, events, startup: embeddedStartup(), captureTypeAhead }))
  useEffect(
    () =>
      onEventsConnected((connection) => {
        if (missedEvents(connection)) stores.resync()
      }),
    [stores]
  )
  // the open note and source are remembered in the settings at every switch: that redraws nothing
  const settings = useStoreSelector(stores.settings, identity, sameForDrawing)
  const banners = useStore(stores.banners)
  const syncStatus = useStore(stores.sync)
  // a shared notebook's notes open in the live editor: its code is fetched before the first one opens
  const shared = syncStatus !== null && syncStatus.state !== 'off'
  useEffect(() => {
    if (shared) void import('../editor/SharedNotePlugin')
  }, [shared])
  const backlinks = useStore(stores.links)
  const { list: sourceList, loaded } = useStore(stores.sources)
  const update = stores.settings.update.bind(stores.settings)
  const [dialog, setDialog] = useState<DialogName>(null)
  // a work of the references list to show when its dialog opens (a search hit)
  const [referenceTitle, setReferenceTitle] = useState<string | null>(null)
  const openReference = useCallback((title: string | null) => {
    setReferenceTitle(title)
    setDialog('references')
  }, [])
  const [notesHidden, setNotesHidden] = useState(false)
  const [toast, showToast] = useToast()
  const citations = useMemo(() => new CitationBus(), [])
  const search = useRef<SearchBoxHandle>(null)
  const reader = useRef<ReaderHandle>(null)
  const { sourceId, source, openSource, notesMayLoad } = useOpenSource(stores)
  const notes = useNotes(stores.notes)
  useSaveBeforeUnload(stores)
  // a narrow window (or high zoom) shows one view at a time: the notebook lists, the source or the note
  const { compact, view, showView, toggleNotebook } = useCompactView(notes.open?.id, sourceId)
  useAppearance(settings)

  // the tip about citing has done its work once something is cited: it does not come back (a new source has no citations yet)
  const hasCitations = !!backlinks && Object.keys(backlinks.byBlock).length > 0
  const hintShown = !!settings && !settings.citeHintDismissed
  useEffect(() => {
    if (hasCitations && hintShown) stores.settings.update({ citeHintDismissed: true })
  }, [hasCitations, hintShown, stores])

  const { newNote, flash } = notes
  // whether a note is open, not which revision: a save while typing must not make the source's paragraphs draw again
  const noteIsOpen = notes.open !== null
  useEffect(() => {
    if (flash) showToast(flash.text)
  }, [flash, showToast])
  const cite = useCallback(
    (citation: Citation) => {
      if (!noteIsOpen && !citations.hasEditor) void newNote()
      citations.send(citation)
      // the tip goes as the user cites, not a second later when the note is saved: the panes
      // below it would move under a pointer already selecting the next words
      if (hintShown) stores.settings.update({ citeHintDismissed: true })
    },
    [noteIsOpen, newNote, citations, hintShown, stores]
  )

  const { revealInNote, openNoteAt, openBacklink, revealInSource, openHit } = useNavigation({ sourceId, source, openSource, openNote: notes.openNote, showView, reader, openReference })

  // Importing: the sources list and the source follow by the notebook's events; the first new (or updated open) source of a batch opens.
  const openedAfterImport = useRef(false)
  const imports = useSourceImport(
    stores.status,
    useCallback(
      (outcome: Extract<ImportOutcome, { ok: true }>) => {
        if (!openedAfterImport.current || outcome.sourceId === sourceId) openSource(outcome.sourceId)
        openedAfterImport.current = true
      },
      [sourceId, openSource]
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
  useShellEvents({ openNoteAt, revealInSource, openSource, showImported: imports.show })
  const sourceActions = useSourceActions(stores, sourceId, openSource)
  const { editDetails } = sourceActions

  const handlers = commandHandlers({
    stores,
    sourceId,
    compact,
    showView,
    toggleNotebook,
    toggleNotesPane: () => setNotesHidden((hidden) => !hidden),
    showNotesPane: () => setNotesHidden(false),
    openDialog: setDialog,
    showToast,
    reader,
    search,
    openImportPicker,
    editDetails
  })
  useCommands(handlers)

  const loadedSources = useMemo(() => new LoadedSources(), [])
  useLayoutEffect(() => loadedSources.set(loaded), [loadedSources, loaded])
  const sourcesContext = useMemo<SourcesContextValue>(() => ({ loaded: loadedSources, reveal: revealInSource, request: (id: string) => stores.sources.request(id) }), [loadedSources, revealInSource, stores])
  const notice = notes.notice
  // a dialog's close event comes a task after Escape: by then a shortcut may have opened another
  const closed = (name: DialogName) => (): void => setDialog((open) => (open === name ? null : open))

  return (
    <StoresContext.Provider value={stores}>
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
          sync={syncStatus}
          onOpenSync={handlers['sync.open']}
        />
        <ImportStatusPanel progress={imports.progress} outcomes={imports.outcomes} onDismiss={imports.dismiss} />
        <main className="app-main">
          <Banners
            banners={notice ? [...banners, notice] : banners}
            onDismiss={(i) => (i < banners.length ? stores.banners.dismiss(i) : notes.dismissNotice())}
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
                  sources={sourceList}
                  id={VIEW_PANEL.notebook}
                  asPanel={compact}
                  hidden={compact && view !== 'notebook'}
                  onOpenNote={(id) => {
                    showView('note')
                    void notes.openNote(id)
                  }}
                  onNewNote={handlers['note.new']}
                >
                  {(tag) => <SourcesList
                    sources={tag ? sourceList.filter((s) => hasTag(s.tags ?? [], tag)) : sourceList}
                    tag={tag}
                    openId={sourceId}
                    onOpen={(id) => {
                      showView('source')
                      openSource(id)
                    }} onImport={importFiles} onUpdate={(id, file) => importFiles([file], id)} onEditDetails={editDetails} onDelete={sourceActions.askDelete} pickerRef={openImportPicker} onReferences={() => openReference(null)} />}
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
        <MountWhenFirstOpen open={sourceActions.detailsSource !== null}>
          <SourceDetailsDialog source={sourceActions.detailsSource} onSave={sourceActions.saveDetails} onClose={sourceActions.closeDetails} />
        </MountWhenFirstOpen>
        <MountWhenFirstOpen open={sourceActions.deleting !== null}>
          <DeleteSourceDialog target={sourceActions.deleting} onConfirm={sourceActions.confirmDelete} onClose={sourceActions.closeDelete} />
        </MountWhenFirstOpen>
        <MountWhenFirstOpen open={dialog === 'export'}>
          <ExportDialog open={dialog === 'export'} openNote={notes.open} onClose={closed('export')} />
        </MountWhenFirstOpen>
        <MountWhenFirstOpen open={dialog === 'references'}>
          <ReferencesDialog
            open={dialog === 'references'}
            sources={sourceList}
            openSourceId={sourceId}
            focusTitle={referenceTitle}
            onOpenSource={(id) => {
              setDialog(null)
              showView('source')
              openSource(id)
            }}
            onClose={closed('references')}
          />
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
        <MountWhenFirstOpen open={dialog === 'sync'}>
          <SyncDialog open={dialog === 'sync'} status={syncStatus} sync={stores.sync} onClose={closed('sync')} />
        </MountWhenFirstOpen>
      </div>
    </StoresContext.Provider>
  )
}
