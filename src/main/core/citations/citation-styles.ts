import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { basename, join } from 'node:path'
import type { CitationStyleInfo } from '../../../shared/citations'
import { PilcrowError } from '../../../shared/errors'
import { writeFileAtomic } from '../atomic-write'

/** Styles the user added are named so, apart from the shipped ones. */
const ADDED = 'user-'

/**
 * The CSL styles and locales Pilcrow ships (`resources/csl/`, the CSL project's files, CC BY-SA
 * 3.0), and the `.csl` files the user added (kept in the workspace's `styles/`): listed with
 * their titles, read when first used. Nothing is ever fetched.
 */
export class CitationStyles {
  private listed: CitationStyleInfo[] | null = null
  private readonly xml = new Map<string, string>()

  private dir: string | null = null

  constructor(
    private readonly findDir: () => string,
    /** Where the user's own styles are kept. */
    private readonly addedDir: string
  ) {}

  private get cslDir(): string {
    this.dir ??= this.findDir()
    return this.dir
  }

  list(): CitationStyleInfo[] {
    if (!this.listed) {
      const shipped = readdirSync(join(this.cslDir, 'styles')).filter((name) => name.endsWith('.csl')).map((name) => basename(name, '.csl'))
      const added = existsSync(this.addedDir) ? readdirSync(this.addedDir).filter((name) => name.endsWith('.csl')).map((name) => ADDED + basename(name, '.csl')) : []
      this.listed = [...shipped, ...added]
        .map((id) => ({ ...describeStyle(id, this.style(id)), ...(id.startsWith(ADDED) ? { added: true } : {}) }))
        .sort((a, b) => a.title.localeCompare(b.title))
    }
    return this.listed
  }

  /**
   * Keeps a `.csl` file the user chose (checked to be a CSL style first) and returns its id. One
   * with the same file name replaces the earlier one.
   */
  async add(fileName: string, xml: string): Promise<string> {
    if (!/<style\b[^>]*xmlns="http:\/\/purl\.org\/net\/xbiblio\/csl"/.test(xml) || !/<citation\b/.test(xml) || !/<info>[\s\S]*<title>/.test(xml)) {
      throw new PilcrowError('invalid-argument', `${fileName} is not a CSL style (a .csl file from the Zotero Style Repository or the CSL project: an XML <style> with its <info>, <title> and <citation>).`)
    }
    await wellFormed(xml, fileName)
    const slug = basename(fileName, '.csl').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80) || 'style'
    mkdirSync(this.addedDir, { recursive: true })
    await writeFileAtomic(join(this.addedDir, `${slug}.csl`), xml)
    this.xml.delete(ADDED + slug)
    this.listed = null
    return ADDED + slug
  }

  has(id: string): boolean {
    return this.list().some((s) => s.id === id)
  }

  /** Forgets a style the user added (one citeproc could not use). */
  async remove(id: string): Promise<void> {
    if (!id.startsWith(ADDED)) return
    await rm(join(this.addedDir, `${id.slice(ADDED.length)}.csl`), { force: true })
    this.xml.delete(id)
    this.listed = null
  }

  /** A style's XML, shipped or added. */
  style(id: string): string {
    let xml = this.xml.get(id)
    if (xml === undefined) {
      if (!/^[a-z0-9-]+$/.test(id)) throw new Error(`"${id}" is not a citation style`)
      xml = readFileSync(id.startsWith(ADDED) ? join(this.addedDir, `${id.slice(ADDED.length)}.csl`) : join(this.cslDir, 'styles', `${id}.csl`), 'utf8')
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

/** Refuses XML that is not well formed (citeproc reads what it can of a damaged file, silently), saying where it breaks. */
async function wellFormed(xml: string, fileName: string): Promise<void> {
  const { JSDOM } = await import('jsdom')
  try {
    new JSDOM(xml, { contentType: 'application/xml' }).window.close()
  } catch (error) {
    throw new PilcrowError('invalid-argument', `${fileName} is damaged: ${(error as Error).message.replace(/^about:blank:/, 'line ')}.`)
  }
}
