/** Formatted citations (CSL styles through citation-js, in the core). */

/** A citation style Pilcrow ships, as the settings list it. */
export interface CitationStyleInfo {
  /** Its file name without `.csl`: `apa`, `chicago-notes-bibliography`… */
  id: string
  /** "APA Style 7th edition". */
  title: string
  /** A note style (Chicago notes): its citations are footnotes. */
  note: boolean
  /** Who wrote the style (its licence asks that they be named). */
  authors: string[]
  rights: string
  /** A `.csl` file the user added (kept in the workspace's `styles/`). */
  added?: boolean
}

/** The locales Pilcrow ships (dates and terms: "para." or "Abs."). */
export const CITATION_LOCALES = ['en-US', 'en-GB', 'de-DE', 'es-ES', 'fr-FR', 'ru-RU'] as const
export type CitationLocale = (typeof CITATION_LOCALES)[number]

/** What to cite: a source, and a paragraph of it (its ¶, or its page for a PDF, is the locator). */
export interface CitationRequest {
  sourceId: string
  blockId?: string
}

/** A citation in the chosen style: in text ("(Tazmini, 2021, para. 6)") and its bibliography entry. */
export interface FormattedCitation {
  citation: string
  reference: string
  /** The style's title, to say what was copied. */
  style: string
}
