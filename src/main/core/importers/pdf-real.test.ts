import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importPdf } from './pdf'
import { developmentSet, paragraphsRight, REAL_PDFS } from './testing/reflow-accuracy'

/**
 * The reflow against real PDFs typeset by publishers' LaTeX classes: the paragraphs of some
 * pages, written down by reading them. Each file must keep at least the paragraphs it gets right
 * now (the closing note of #25 gives the figures before and after); the bench reports the total.
 */
const AT_LEAST: Record<string, number> = {
  'springer-lncs.pdf': 13,
  'elsevier-two-column.pdf': 16,
  'acm-sigconf-two-column.pdf': 39
}

describe('the reflow of real PDFs', () => {
  for (const expected of developmentSet()) {
    it(`${expected.file}: the paragraphs of its sampled pages come out whole`, { timeout: 30_000 }, async () => {
      const { blocks } = await importPdf(readFileSync(join(REAL_PDFS, expected.file)), expected.file)
      const { right, total, wrong } = paragraphsRight(blocks, expected)
      expect(total).toBeGreaterThan(10)
      expect(right, `wrong:\n${wrong.join('\n')}`).toBeGreaterThanOrEqual(AT_LEAST[expected.file] ?? total)
    })
  }

  it('names the authors set under the title when the file does not (ACM’s author block in columns)', { timeout: 30_000 }, async () => {
    const { meta } = await importPdf(readFileSync(join(REAL_PDFS, 'acm-sigconf-two-column.pdf')), 'acm.pdf')
    expect(meta.authors).toEqual(expect.arrayContaining(['Ben Trovato', 'Aparna Patel', 'Huifen Chan', 'John Smith']))
    expect(meta.authors.every((name) => !/Group|University|Iceland|@/.test(name))).toBe(true)
  })
})
