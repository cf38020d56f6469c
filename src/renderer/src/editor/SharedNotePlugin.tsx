import { LexicalCollaboration } from '@lexical/react/LexicalCollaborationContext'
import { CollaborationPlugin } from '@lexical/react/LexicalCollaborationPlugin'
import { useCallback, useEffect, useRef, type ReactNode } from 'react'
import * as Y from 'yjs'
import { api } from '../api/client'
import { events, onEventsReconnected } from '../api/events'
import { RelayProvider, type RelayState } from './relay-provider'

interface SharedNotePluginProps {
  noteId: string
  onState(state: RelayState): void
  /** The note's document has arrived and is bound: typing may begin (before, keys would be the editor's alone). */
  onReady(): void
}

/**
 * Binds the editor to a shared note's Yjs document with Lexical's own CollaborationPlugin: what a
 * co-author types appears as they type it, chips and all, and undo takes back only this window's
 * edits (Lexical's Yjs undo manager tracks its own binding). Loaded only for a shared note.
 */
export default function SharedNotePlugin({ noteId, onState, onReady }: SharedNotePluginProps): ReactNode {
  const relay = useRef<RelayProvider | null>(null)
  const state = useRef(onState)
  state.current = onState
  const ready = useRef(onReady)
  ready.current = onReady
  // the event stream came back: what was missed meanwhile is fetched, what was kept here is sent
  useEffect(() => onEventsReconnected(() => void relay.current?.resync().catch(() => undefined)), [])
  useEffect(() => () => relay.current?.destroy(), [])
  // one identity for the editor's life: CollaborationPlugin asks a new factory for a new provider,
  // while its binding stays on the first document
  const providerFactory = useCallback((id: string, docs: Map<string, Y.Doc>) => {
    if (relay.current) return relay.current
    const doc = new Y.Doc()
    docs.set(id, doc)
    relay.current = new RelayProvider(id, doc, api, events, (s) => state.current(s), () => ready.current())
    return relay.current
  }, [])
  return (
    <LexicalCollaboration>
      <CollaborationPlugin id={noteId} shouldBootstrap={false} providerFactory={providerFactory} />
    </LexicalCollaboration>
  )
}
