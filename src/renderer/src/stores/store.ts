import { useCallback, useRef, useSyncExternalStore } from 'react'

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

  /** Replaces the state unless the new one holds the same values (then nothing re-renders). */
  protected setIfChanged(next: S): void {
    if (JSON.stringify(next) !== JSON.stringify(this.snapshot)) this.set(next)
  }

  protected patch(changes: Partial<S>): void {
    this.set({ ...this.snapshot, ...changes })
  }
}

/** Reads a store in a component; it re-renders when the state changes. */
export function useStore<S>(store: Store<S>): S {
  return useSyncExternalStore(store.subscribe, store.get)
}

/**
 * Reads part of a store: the component re-renders only when `isEqual` says the part changed
 * (the settings' `lastNoteId`, written at every note switch, need not redraw the window).
 */
export function useStoreSelector<S, T>(store: Store<S>, select: (state: S) => T, isEqual: (a: T, b: T) => boolean = Object.is): T {
  const last = useRef<{ value: T } | null>(null)
  const read = useCallback(() => {
    const next = select(store.get())
    if (last.current && isEqual(last.current.value, next)) return last.current.value
    last.current = { value: next }
    return next
  }, [store, select, isEqual])
  return useSyncExternalStore(store.subscribe, read)
}
