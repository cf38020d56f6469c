import { useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import { COMMANDS, fuzzyScore, shortcutLabel, type CommandId } from '../../../shared/commands'
import { IS_MAC } from '../ui/platform'
import { useModalDialog } from '../ui/useModalDialog'

interface CommandPaletteProps {
  open: boolean
  onClose(): void
  run(id: CommandId): void
}

/** Every command, fuzzy-matched as you type; arrows move, Enter runs, Escape closes. */
export function CommandPalette({ open, onClose, run }: CommandPaletteProps): ReactNode {
  const input = useRef<HTMLInputElement>(null)
  const [query, setQuery] = useState('')
  const [active, setActive] = useState(0)
  const dialog = useModalDialog(open, () => {
    setQuery('')
    setActive(0)
    requestAnimationFrame(() => input.current?.focus())
  })

  const matches = useMemo(
    () =>
      COMMANDS.map((c) => ({ c, score: Math.max(fuzzyScore(query, c.label) ?? -1, (fuzzyScore(query, c.keywords ?? '') ?? -1) - 2) }))
        .filter((m) => m.score >= 0)
        .sort((a, b) => b.score - a.score)
        .map((m) => m.c),
    [query]
  )

  const choose = (id: CommandId | undefined): void => {
    if (!id) return
    onClose()
    // let the dialog close and focus return before the command moves it
    requestAnimationFrame(() => run(id))
  }

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      const step = event.key === 'ArrowDown' ? 1 : -1
      setActive((a) => (matches.length === 0 ? 0 : (a + step + matches.length) % matches.length))
    } else if (event.key === 'Enter') {
      event.preventDefault()
      choose(matches[active]?.id)
    }
  }

  return (
    <dialog ref={dialog} className="palette" aria-label="Command palette" onClose={onClose}>
      <input
        ref={input}
        className="palette-input"
        aria-label="Command"
        role="combobox"
        aria-expanded="true"
        aria-controls="palette-list"
        aria-activedescendant={matches[active] ? `palette-${matches[active].id}` : undefined}
        placeholder="Type a command"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value)
          setActive(0)
        }}
        onKeyDown={onKeyDown}
      />
      <ul className="palette-list" id="palette-list" role="listbox" aria-label="Commands">
        {matches.map((c, i) => (
          <li
            key={c.id}
            id={`palette-${c.id}`}
            role="option"
            aria-selected={i === active}
            className="palette-item"
            onMouseEnter={() => setActive(i)}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(c.id)}
          >
            <span>{c.label}</span>
            {c.shortcut && <kbd>{shortcutLabel(c.shortcut, IS_MAC)}</kbd>}
          </li>
        ))}
        {matches.length === 0 && <li className="palette-empty">No command matches “{query}”.</li>}
      </ul>
    </dialog>
  )
}
