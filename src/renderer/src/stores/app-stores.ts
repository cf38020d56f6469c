import { createContext, useContext } from 'react'
import type { NotebookApi } from '../../../shared/api'
import type { NotebookEvents } from '../../../shared/events'
import type { StartupData } from '../../../shared/startup'
import { BannersStore } from './banners-store'
import { HighlightsStore } from './highlights-store'
import { LinksStore } from './links-store'
import { NoteBacklinksStore } from './note-backlinks-store'
import { NotesStore } from './notes-store'
import { SearchStore } from './search-store'
import { SettingsStore } from './settings-store'
import { SourcesStore } from './sources-store'
import { StatusStore } from './status-store'
import { SyncStore } from './sync-store'

/** The window's state, outside React: one store per kind of thing, each fed by the events. */
export interface AppStores {
  banners: BannersStore
  settings: SettingsStore
  sources: SourcesStore
  links: LinksStore
  /** The notes linking to the open note. */
  noteBacklinks: NoteBacklinksStore
  highlights: HighlightsStore
  notes: NotesStore
  status: StatusStore
  search: SearchStore
  /** Sync with a server: its status, joining and leaving. */
  sync: SyncStore
  /** Asks every store again (the event stream came back after a break: events may have been missed). */
  resync(): void
  dispose(): void
}

export interface AppStoresOptions {
  api: NotebookApi
  events: NotebookEvents
  /** What the page came with (browser mode): the first screen's settings, sources and source. */
  startup?: Pick<StartupData, 'settings' | 'list' | 'source'> | null
  captureTypeAhead?: () => { stop(): string }
}

export function createAppStores({ api, events, startup, captureTypeAhead }: AppStoresOptions): AppStores {
  const banners = new BannersStore()
  const report = banners.reportError
  const settings = new SettingsStore(api, events, report, startup?.settings ?? null)
  const source = startup?.source
  const sources = new SourcesStore(api, events, report, { list: startup?.list ?? [], loaded: new Map(source ? [[source.id, source]] : []) })
  const links = new LinksStore(api, events, report)
  const noteBacklinks = new NoteBacklinksStore(api, events, report)
  const highlights = new HighlightsStore(api, events, report)
  const notes = new NotesStore({ api, events, ...(captureTypeAhead ? { captureTypeAhead } : {}) })
  const status = new StatusStore(api, events)
  const search = new SearchStore(api, status)
  const sync = new SyncStore(api, events)
  void sync.load()
  return {
    banners,
    settings,
    sources,
    links,
    noteBacklinks,
    highlights,
    notes,
    status,
    search,
    sync,
    resync() {
      sources.resync()
      links.fetch()
      noteBacklinks.fetch()
      void highlights.fetch()
      void notes.refresh()
      void status.load()
      void sync.load()
      void api.getSettings().then((stored) => settings.load(stored), report)
    },
    dispose() {
      for (const store of [settings, sources, links, noteBacklinks, highlights, notes, status, sync]) store.dispose()
    }
  }
}

export const StoresContext = createContext<AppStores | null>(null)

/** The window's stores (given by the App). */
export function useStores(): AppStores {
  const stores = useContext(StoresContext)
  if (!stores) throw new Error('useStores is used outside the App')
  return stores
}
