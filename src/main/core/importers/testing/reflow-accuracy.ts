import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Block } from '../../../../shared/model'

/** The paragraphs (and headings, captions, footnotes) a reader sees on some pages of a real PDF, written down by reading them. */
export interface ExpectedPages {
  file: string
  pages: Record<string, string[]>
  note?: string
}

/** The development set's folder (beside this file; from the project root when bundled, as the benchmark is). */
export const REAL_PDFS = [join(import.meta.dirname, '..', 'fixtures', 'pdfs'), join(process.cwd(), 'src', 'main', 'core', 'importers', 'fixtures', 'pdfs')].find((dir) => existsSync(join(dir, 'expected')))!

/** Every file of the development set with its expected pages (`fixtures/pdfs/expected/*.json`). */
export function developmentSet(): ExpectedPages[] {
  const dir = join(REAL_PDFS, 'expected')
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as ExpectedPages)
}

/** Text as compared: NFKC (superscripts, ligatures), without white space (a text layer's spacing is not the reflow's to decide). */
const comparable = (text: string): string => text.normalize('NFKC').replace(/\s+/g, '')

/**
 * How many of the expected paragraphs the reflow made exactly: a block starting on that page
 * whose text is the paragraph's, no more, no less (a paragraph merged with its neighbour, cut in
 * two, or carrying a stray page number counts as wrong).
 */
export function paragraphsRight(blocks: readonly Block[], expected: ExpectedPages): { right: number; total: number; wrong: string[] } {
  let right = 0
  let total = 0
  const wrong: string[] = []
  for (const [page, paragraphs] of Object.entries(expected.pages)) {
    const made = new Map<string, number>()
    for (const block of blocks) if (String(block.page) === page) made.set(comparable(block.text), (made.get(comparable(block.text)) ?? 0) + 1)
    for (const paragraph of paragraphs) {
      total++
      const key = comparable(paragraph)
      const left = made.get(key) ?? 0
      if (left > 0) {
        right++
        made.set(key, left - 1)
      } else wrong.push(`p. ${page}: ${paragraph.slice(0, 70)}`)
    }
  }
  return { right, total, wrong }
}
