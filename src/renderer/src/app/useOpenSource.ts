import { useCallback, useEffect, useState } from 'react'
import type { Source } from '../../../shared/model'
import { api } from '../api/client'
import type { AppStores } from '../stores/app-stores'
import type { Settings } from '../../../shared/settings'
import { useStore, useStoreSelector } from '../stores/store'
import { afterNextPaint } from './after-paint'
import { embeddedStartup, takeStartup } from './startup'

const settingsAreLoaded = (settings: Settings | null): boolean => settings !== null
const lastSourceId = (settings: Settings | null): string | null | undefined => settings?.lastSourceId

export interface OpenSource {
  sourceId: string | null
  /** The open source once loaded (null while it loads, or when none is open). */
  source: Source | null
  /** Opens a source, asking for its blocks at once: the window's re-render overlaps the request. */
  openSource(id: string | null): void
  /** The article has painted: the notes (the open one may be long) and the rest may load now. */
  notesMayLoad: boolean
}

/**
 * The open source, and the window's start in its order: the source first (the one open last
 * time, else the first; it waits on nothing else), then, once it has painted, the notes, the
 * workspace's warnings, the search index's state and the backlinks.
 */
export function useOpenSource(stores: AppStores): OpenSource {
  const settingsLoaded = useStoreSelector(stores.settings, settingsAreLoaded)
  const storedSourceId = useStoreSelector(stores.settings, lastSourceId)
  const { loaded } = useStore(stores.sources)
  // in browser mode the page came with the first screen's data: the article is in the first render
  const [sourceId, setSourceId] = useState<string | null>(() => embeddedStartup()?.sourceId ?? null)
  const [notesMayLoad, setNotesMayLoad] = useState(false)
  const openSource = useCallback(
    (id: string | null) => {
      if (id) stores.sources.request(id)
      setSourceId(id)
    },
    [stores]
  )
  const source = (sourceId && loaded.get(sourceId)) || null
  const articleSettled = settingsLoaded && (source !== null || sourceId === null || loaded.get(sourceId) === null)
  useEffect(() => {
    if (!articleSettled || notesMayLoad) return
    return afterNextPaint(() => setNotesMayLoad(true))
  }, [articleSettled, notesMayLoad])
  const shownSourceId = source?.id
  useEffect(() => {
    // Remembers the open source once it has painted: the server writes the settings file at once,
    // and the source's own request, sent a moment earlier, must not wait behind that write. There
    // is no write at a start that opens the source already stored.
    if (!shownSourceId || storedSourceId === undefined || storedSourceId === shownSourceId) return
    return afterNextPaint(() => stores.settings.update({ lastSourceId: shownSourceId }))
  }, [shownSourceId, storedSourceId, stores])

  // The source first (the one open last time, else the first): it waits on nothing else.
  useEffect(() => {
    takeStartup().then(({ list, settings: stored, sourceId: first, source: firstSource }) => {
      stores.sources.setList(list)
      stores.settings.load(stored)
      if (first && firstSource) stores.sources.prime(first, firstSource)
      setSourceId((current) => current ?? first)
    }, stores.banners.reportError)
  }, [stores])
  // once the article has painted: the notes, the workspace's warnings (the server reads every note to check them), the index's state
  useEffect(() => {
    if (!notesMayLoad) return
    void stores.notes.start(stores.settings.get()?.lastNoteId)
    api.getWorkspaceInfo().then((info) => stores.banners.add(...info.warnings.map((text) => ({ kind: 'error' as const, text }))), stores.banners.reportError)
    void stores.status.load()
  }, [notesMayLoad, stores])
  // Backlinks follow the open source; the store asks again when an event says they changed. Not
  // before the article has painted: the server reads every note to answer the first time.
  useEffect(() => stores.links.follow(sourceId, notesMayLoad), [sourceId, notesMayLoad, stores])
  // the open source's highlights, once it has painted
  useEffect(() => stores.highlights.follow(notesMayLoad ? sourceId : null), [sourceId, notesMayLoad, stores])

  return { sourceId, source, openSource, notesMayLoad }
}
