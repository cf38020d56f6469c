import { useLayoutEffect, useRef } from 'react'
import { COMMANDS, matchesShortcut, type CommandId } from '../../../shared/commands'
import type { ImportOutcome } from '../../../shared/imports'

export const IS_MAC = /Mac|iPhone|iPad/.test(navigator.platform)

declare global {
  interface Window {
    /** The desktop shell's events (Electron preload); absent in browser mode. */
    pilcrowShell?: {
      onDidRequestCommand(listener: (id: string) => void): () => void
      onDidRequestOpen(listener: (url: string) => void): () => void
      /** Files imported through the desktop File → Import dialog. */
      onDidImport?(listener: (outcomes: ImportOutcome[]) => void): () => void
    }
  }
}

export type CommandHandlers = Record<CommandId, () => void>

/**
 * Runs the declared commands: their keyboard shortcuts (one listener, before the editor sees
 * the keys) and, in the desktop app, the menu. The palette runs them through the same handlers.
 */
export function useCommands(handlers: CommandHandlers): void {
  const latest = useRef(handlers)
  latest.current = handlers

  // before the first paint: a shortcut pressed as soon as the window shows is not lost
  useLayoutEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.repeat || event.isComposing) return
      const command = COMMANDS.find((c) => c.shortcut && matchesShortcut(c.shortcut, event, IS_MAC))
      if (!command) return
      event.preventDefault()
      event.stopPropagation()
      latest.current[command.id]()
    }
    window.addEventListener('keydown', onKey, true)
    const unsubscribe = window.pilcrowShell?.onDidRequestCommand((id) => {
      if (Object.hasOwn(latest.current, id)) latest.current[id as CommandId]()
    })
    return () => {
      window.removeEventListener('keydown', onKey, true)
      unsubscribe?.()
    }
  }, [])
}
