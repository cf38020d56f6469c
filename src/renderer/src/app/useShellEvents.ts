import { useEffect } from 'react'
import { parseDeepLink } from '../../../shared/deep-links'
import type { ImportOutcome } from '../../../shared/imports'
import { events } from '../api/events'
import type { RevealInNoteRequest } from '../editor/RevealInNotePlugin'

/** What the desktop shell's events (a `pilcrow://` link, File → Import) do in the window. */
export interface ShellEventHandlers {
  openNoteAt(noteId: string, target: RevealInNoteRequest['target']): void
  revealInSource(sourceId: string, blockId: string): void
  openSource(sourceId: string): void
  /** Files imported through the native dialog: their outcomes are shown, the first new source opens. */
  showImported(outcomes: ImportOutcome[]): void
}

/** Follows the desktop shell's own events (there are none in browser mode). */
export function useShellEvents({ openNoteAt, revealInSource, openSource, showImported }: ShellEventHandlers): void {
  useEffect(
    () =>
      events.onDidRequestOpen(({ url }) => {
        const link = parseDeepLink(url)
        if (link?.kind === 'note') openNoteAt(link.noteId, { kind: 'passage', index: 0 })
        else if (link?.kind === 'source') (link.blockId ? revealInSource(link.sourceId, link.blockId) : openSource(link.sourceId))
      }),
    [openNoteAt, revealInSource, openSource]
  )
  useEffect(
    () =>
      events.onDidImportFiles(({ outcomes }) => {
        showImported(outcomes)
        const added = outcomes.find((o) => o.ok)
        if (added) openSource(added.sourceId)
      }),
    [showImported, openSource]
  )
}
