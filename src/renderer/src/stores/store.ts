import { useSyncExternalStore } from 'react'

/**
 * State that lives outside React: one immutable snapshot, replaced on every change, and the
 * listeners `useSyncExternalStore` needs. Each store owns its state's rules (which answer wins,
 * what an event changes); components only read it and call its methods.
 */
export class Store<S> {
  private readonly listeners = new Set<() => void>()

  constructor(private snapshot: S) {}

  /** The current state (the same object until something changes). */
  readonly get = (): S => this.snapshot

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  protected set(next: S): void {
    if (next === this.snapshot) return
    this.snapshot = next
    for (const listener of this.listeners) listener()
  }

  protected patch(changes: Partial<S>): void {
    this.set({ ...this.snapshot, ...changes })
  }
}

/** Reads a store in a component; it re-renders when the state changes. */
export function useStore<S>(store: Store<S>): S {
  return useSyncExternalStore(store.subscribe, store.get)
}
