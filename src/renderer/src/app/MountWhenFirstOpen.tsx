import { useState, type ReactNode } from 'react'

/**
 * Renders its dialog from the first time it opens on, and keeps it (closed) after that, so that
 * closing still restores focus natively. Closed dialogs were most of the first screen's elements.
 */
export function MountWhenFirstOpen({ open, children }: { open: boolean; children: ReactNode }): ReactNode {
  const [opened, setOpened] = useState(open)
  if (open && !opened) setOpened(true) // during render: the dialog mounts in this same pass
  return opened ? children : null
}
