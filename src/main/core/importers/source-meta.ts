/** Small helpers every importer uses to fill a source's metadata. */

/** The imported file's name without its extension: the title when the file gives none. */
export function titleFromFileName(fileName: string): string {
  return fileName.replace(/\.[^.]+$/, '')
}

/** A metadata value with its white space collapsed, or undefined when it is not text or is empty. */
export function collapsed(value: unknown): string | undefined {
  const text = typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : ''
  return text === '' ? undefined : text
}

/**
 * "Ada Field; Bo Writer and Cy Reader & Di Author" → four names. Commas separate names only when
 * asked (a web page's byline): a PDF's "Surname, Given" must stay one name.
 */
export function splitAuthors(text: string | undefined, options: { commas?: boolean } = {}): string[] {
  const separator = options.commas ? /\s*(?:,|;|\band\b|&)\s*/ : /\s*(?:;|\band\b|&)\s*/
  return (text ?? '')
    .split(separator)
    .map((name) => name.trim())
    .filter((name) => name !== '')
}

/** A DOI as written in a document ("doi:10.1000/xyz123", "https://doi.org/10.1000/xyz123"), without its prefix or closing punctuation. */
const DOI = /\b(10\.\d{4,9}\/[^\s"<>]+)/

/** The first DOI in `text`, or undefined. */
export function findDoi(text: string | null | undefined): string | undefined {
  const found = DOI.exec(text ?? '')?.[1]?.replace(/[.,;:)\]]+$/, '')
  return found || undefined
}
