import { readdirSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { CitationStyleInfo } from '../../../shared/citations'

/**
 * The CSL styles and locales Pilcrow ships (`resources/csl/`, the CSL project's files, CC BY-SA
 * 3.0): listed with their titles, read when first used. Nothing is ever fetched.
 */
export class CitationStyles {
  private listed: CitationStyleInfo[] | null = null
  private readonly xml = new Map<string, string>()

  private dir: string | null = null

  constructor(private readonly findDir: () => string) {}

  private get cslDir(): string {
    this.dir ??= this.findDir()
    return this.dir
  }

  list(): CitationStyleInfo[] {
    if (!this.listed) {
      this.listed = readdirSync(join(this.cslDir, 'styles'))
        .filter((name) => name.endsWith('.csl'))
        .map((name) => describeStyle(basename(name, '.csl'), this.style(basename(name, '.csl'))))
        .sort((a, b) => a.title.localeCompare(b.title))
    }
    return this.listed
  }

  has(id: string): boolean {
    return this.list().some((s) => s.id === id)
  }

  /** A shipped style's XML. */
  style(id: string): string {
    let xml = this.xml.get(id)
    if (xml === undefined) {
      if (!/^[a-z0-9-]+$/.test(id)) throw new Error(`"${id}" is not a citation style`)
      xml = readFileSync(join(this.cslDir, 'styles', `${id}.csl`), 'utf8')
      this.xml.set(id, xml)
    }
    return xml
  }

  /** A shipped locale's XML (`en-US`…). */
  locale(id: string): string {
    if (!/^[a-z]{2}-[A-Z]{2}$/.test(id)) throw new Error(`"${id}" is not a locale`)
    return readFileSync(join(this.cslDir, 'locales', `locales-${id}.xml`), 'utf8')
  }
}

/** What the settings show of a style: its title, whether it cites in notes, and who made it (CC BY-SA asks for their names). */
export function describeStyle(id: string, xml: string): CitationStyleInfo {
  const text = (tag: string): string | undefined => new RegExp(`<${tag}(?:\\s[^>]*)?>([^<]*)</${tag}>`).exec(xml)?.[1]?.trim()
  const authors = [...xml.matchAll(/<(?:author|contributor)>\s*<name>([^<]*)<\/name>/g)].map((m) => m[1]!.trim())
  return {
    id,
    title: decodeXml(text('title') ?? id),
    note: /<style[^>]*\sclass="note"/.test(xml),
    authors: authors.map(decodeXml),
    rights: decodeXml(text('rights') ?? '')
  }
}

function decodeXml(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&')
}
