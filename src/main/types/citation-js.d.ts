// citation-js ships no types; these declare the part Pilcrow uses.
declare module '@citation-js/core' {
  export class Cite {
    constructor(data: unknown, options?: Record<string, unknown>)
    /** `format('biblatex')`, `format('bibtex')` (plugin-bibtex), `format('data')` (CSL-JSON). */
    format(format: string, options?: Record<string, unknown>): string
  }
  /** The plugins' registry: `plugins.config.get('@csl')` is the CSL plugin's engine, styles and locales. */
  export const plugins: { config: { get(name: string): unknown } }
}
declare module '@citation-js/plugin-bibtex'
declare module '@citation-js/plugin-csl'
