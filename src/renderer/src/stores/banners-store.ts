import { Store } from './store'

export interface Banner {
  kind: 'info' | 'error'
  text: string
}

/** Messages that need the user's eye (warnings at start, failures), until dismissed. */
export class BannersStore extends Store<Banner[]> {
  constructor() {
    super([])
  }

  add(...banners: Banner[]): void {
    if (banners.length > 0) this.set([...this.get(), ...banners])
  }

  /** A failed request, told as its message. */
  readonly reportError = (error: unknown): void => this.add({ kind: 'error', text: (error as Error).message })

  dismiss(index: number): void {
    this.set(this.get().filter((_, i) => i !== index))
  }
}
