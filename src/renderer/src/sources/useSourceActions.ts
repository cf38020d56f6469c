import { useCallback, useState } from 'react'
import type { SourceMetaPatch, Source } from '../../../shared/model'
import { api } from '../api/client'
import type { AppStores } from '../stores/app-stores'

export interface SourceActions {
  /** The source whose details dialog is open (once loaded). */
  detailsSource: Source | null
  editDetails(id: string): void
  saveDetails(patch: SourceMetaPatch): Promise<void>
  closeDetails(): void
  /** The source the user asked to delete, with how many links cite it. */
  deleting: { id: string; title: string; links: number } | null
  askDelete(id: string): void
  confirmDelete(id: string): void
  closeDelete(): void
}

/**
 * Editing a source's details and deleting a source, from the sources list or a command. The
 * stores hear of the change by the notebook's events; this only opens the dialogs, asks, and
 * tells the user what happened.
 */
export function useSourceActions(stores: AppStores, openSourceId: string | null, openSource: (id: string | null) => void): SourceActions {
  const [detailsFor, setDetailsFor] = useState<string | null>(null)
  const [deleting, setDeleting] = useState<SourceActions['deleting']>(null)
  const { sources, banners } = stores
  const detailsSource = detailsFor ? (sources.get().loaded.get(detailsFor) ?? null) : null

  const editDetails = useCallback(
    (id: string) => {
      sources.request(id)
      setDetailsFor(id)
    },
    [sources]
  )
  const saveDetails = async (patch: SourceMetaPatch): Promise<void> => {
    if (detailsFor) await api.updateSourceMeta(detailsFor, patch)
  }
  const askDelete = useCallback(
    (id: string) => {
      const title = sources.get().list.find((s) => s.id === id)?.title ?? id
      api.getBacklinks(id).then((b) => setDeleting({ id, title, links: Object.values(b.byBlock).reduce((n, l) => n + l.length, b.orphans.length) }), banners.reportError)
    },
    [sources, banners]
  )
  const confirmDelete = (id: string): void => {
    const title = deleting?.title ?? id
    setDeleting(null)
    api.deleteSource(id).then(({ orphanedLinks }) => {
      sources.forget(id)
      if (openSourceId === id) openSource(sources.get().list[0]?.id ?? null)
      const one = orphanedLinks === 1
      const links = orphanedLinks === 0 ? 'No note cited it.' : `${orphanedLinks} ${one ? 'link' : 'links'} to it ${one ? 'is' : 'are'} now unresolved and ${one ? 'keeps its' : 'keep their'} quoted words.`
      banners.add({ kind: 'info', text: `Deleted “${title}”. ${links}` })
    }, banners.reportError)
  }
  return {
    detailsSource,
    editDetails,
    saveDetails,
    closeDetails: () => setDetailsFor(null),
    deleting,
    askDelete,
    confirmDelete,
    closeDelete: () => setDeleting(null)
  }
}
