import { PilcrowError } from '../../../shared/errors'
import type { CslData } from '../../../shared/references'

/** How many works one file may hold: far above a real library (Zotero users report 30,000 at most). */
const MAX_REFERENCES = 200_000

/**
 * The works a references file holds, as CSL-JSON: BibTeX/BibLaTeX and RIS read by citation-js
 * (loaded when first needed), CSL-JSON checked to be a list of works. A file that cannot be read
 * is refused whole, with where the parser stopped ("line 12 col 3"): nothing of it is kept.
 */
export async function parseReferences(text: string, fileName: string): Promise<CslData[]> {
  const extension = fileName.slice(fileName.lastIndexOf('.')).toLowerCase()
  if (text.trim() === '') throw new PilcrowError('invalid-argument', `${fileName}: the file is empty.`)
  const works = extension === '.json' ? cslJson(text, fileName) : await withCitationJs(text, fileName, extension === '.ris' ? '@ris/file' : '@biblatex/text')
  if (works.length === 0) throw new PilcrowError('invalid-argument', `${fileName}: no references were found in it.`)
  if (works.length > MAX_REFERENCES) throw new PilcrowError('invalid-argument', `${fileName}: ${works.length} references, more than the ${MAX_REFERENCES} Pilcrow reads from one file.`)
  return works
}

function cslJson(text: string, fileName: string): CslData[] {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new PilcrowError('invalid-argument', `${fileName}: not valid JSON (${(error as Error).message}).`)
  }
  const list = Array.isArray(data) ? data : [data]
  list.forEach((work, i) => {
    if (typeof work !== 'object' || work === null || Array.isArray(work) || typeof (work as CslData).title !== 'string' || typeof (work as CslData).type !== 'string') {
      throw new PilcrowError('invalid-argument', `${fileName}: entry ${i + 1} is not a CSL-JSON work (each needs at least a "type" and a "title").`)
    }
  })
  return list as CslData[]
}

async function withCitationJs(text: string, fileName: string, type: string): Promise<CslData[]> {
  const { plugins } = await import('@citation-js/core')
  await import('@citation-js/plugin-bibtex')
  await import('@citation-js/plugin-ris')
  try {
    const works = plugins.input.chain(text, { generateGraph: false, forceType: type }) as CslData[]
    return works.filter((w) => typeof w === 'object' && w !== null && typeof w.title === 'string')
  } catch (error) {
    // the parser says where it stopped: "expected "rbrace", got "identifier" at line 5 col 3:" and the lines around
    const message = (error as Error).message.split('\n')[0]!.replace(/:$/, '')
    throw new PilcrowError('invalid-argument', `${fileName} cannot be read: ${message}. Nothing was imported.`)
  }
}
