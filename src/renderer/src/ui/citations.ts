import type { ParagraphAnchor } from '../../../shared/anchors'

/** A citation on its way from the reader to the note: a link chip, and optionally quoted words. */
export interface Citation {
  anchor: ParagraphAnchor
  sourceTitle: string
  /** When set, the words are inserted as a block quote followed by the chip. */
  quoteText?: string
}

/** The drag-and-drop type that carries a citation from the reader into the editor. */
export const CITATION_MIME = 'application/x-pilcrow-citation'

type Handler = (citation: Citation) => void

/**
 * Carries citations from the reader to whichever note editor is open. A citation made while no
 * editor is ready (the note is still being created) waits and is inserted once one registers.
 */
export class CitationBus {
  private handler: Handler | null = null
  private readonly pending: Citation[] = []

  register(handler: Handler): () => void {
    this.handler = handler
    for (const citation of this.pending.splice(0)) handler(citation)
    return () => {
      if (this.handler === handler) this.handler = null
    }
  }

  get hasEditor(): boolean {
    return this.handler !== null
  }

  send(citation: Citation): void {
    if (this.handler) this.handler(citation)
    else this.pending.push(citation)
  }
}
