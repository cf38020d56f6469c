/**
 * Collects the characters typed anywhere but in a text field until `stop()`, which returns them
 * (Backspace takes one back). The keys do nothing else meanwhile: Space does not press the button
 * again.
 */
export function captureTypeAhead(): { stop(): string } {
  let typed = ''
  const onKey = (event: KeyboardEvent): void => {
    const target = event.target as HTMLElement | null
    if (event.ctrlKey || event.metaKey || event.altKey || target?.closest('input, textarea, select, [contenteditable="true"]')) return
    if (event.key.length === 1) typed += event.key
    else if (event.key === 'Backspace') typed = typed.slice(0, -1)
    else return
    event.preventDefault()
    event.stopPropagation()
  }
  window.addEventListener('keydown', onKey, true)
  return {
    stop: () => {
      window.removeEventListener('keydown', onKey, true)
      return typed
    }
  }
}
