import { useLayoutEffect, useRef } from 'react'
import { COMMANDS, matchesShortcut, type CommandId } from '../../../shared/commands'
import { events } from '../api/events'

import { IS_MAC } from '../ui/platform'

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
    // the desktop menu's commands arrive as events (none in browser mode)
    const unsubscribe = events.onDidRequestCommand(({ commandId }) => {
      if (Object.hasOwn(latest.current, commandId)) latest.current[commandId as CommandId]()
    })
    return () => {
      window.removeEventListener('keydown', onKey, true)
      unsubscribe()
    }
  }, [])
}
