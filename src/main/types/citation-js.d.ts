// citation-js ships no types; these declare the part Pilcrow uses.
declare module '@citation-js/core' {
  export class Cite {
    constructor(data: unknown, options?: Record<string, unknown>)
    /** `format('biblatex')`, `format('bibtex')` (plugin-bibtex), `format('data')` (CSL-JSON). */
    format(format: string, options?: Record<string, unknown>): string
  }
  /** The plugins' registry: `plugins.config.get('@csl')` is the CSL plugin's engine, styles and locales. */
  export const plugins: {
    config: { get(name: string): unknown }
    /** Reads data in a format (`forceType: '@biblatex/text'`, `'@ris/file'`) as CSL-JSON. */
    input: { chain(data: unknown, options?: Record<string, unknown>): unknown[] }
  }
}
declare module '@citation-js/plugin-bibtex'
declare module '@citation-js/plugin-csl'
declare module '@citation-js/plugin-ris'
