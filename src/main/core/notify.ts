/**
 * Tells every listener of a change that is already on disk. A listener that fails (an index that
 * cannot read one odd note) is logged and skipped: it must not turn a save that happened into
 * an error, nor keep the other listeners from hearing of it.
 */
export function notifyAll<A extends unknown[]>(listeners: Iterable<(...args: A) => void>, ...args: A): void {
  for (const listener of listeners) {
    try {
      listener(...args)
    } catch (error) {
      console.error('pilcrow: a listener failed on a change (the change itself was saved):', error)
    }
  }
}
