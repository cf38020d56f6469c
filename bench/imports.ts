import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { extractPdfText } from '../src/main/core/importers/pdf-text'
import { makeBookPdf } from '../src/main/core/importers/testing/book-pdf'
import { importPdf } from '../src/main/core/importers/pdf'
import { developmentSet, paragraphsRight, REAL_PDFS } from '../src/main/core/importers/testing/reflow-accuracy'
import { SourcesService } from '../src/main/core/sources'
import { ReferencesService } from '../src/main/core/references/references'
import { LayeredIndex } from '../src/main/core/search/layered-index'
import { runQuery } from '../src/main/core/search/run-query'
import { openWorkspace } from '../src/main/core/workspace'
import type { Figures } from './index'
import { median, round, seededRandom, time } from './stats'
import { Vocabulary } from './synthetic'

const RUNS = 3

/**
 * Import speed, end to end through the sources service (read, parse, lay out, write the source): a
 * generated 300-page PDF and a 50,000-paragraph text file, medians of three imports each into
 * fresh workspaces. Baselines in the same run: pdf.js's own text extraction of the same PDF (what
 * any PDF import must pay), and splitting the text file on blank lines.
 */
export async function benchImports(log: (line: string) => void): Promise<Figures> {
  const figures: Figures = {}
  const dir = mkdtempSync(join(tmpdir(), 'pilcrow-bench-import-'))
  try {
    const vocabulary = new Vocabulary(4000, seededRandom(7))
    const paragraph = (): string => Array.from({ length: 4 }, () => vocabulary.sentence(8, 22)).join(' ')

    // a 300-page book: 30 chapters of about ten pages each
    const chapters = Array.from({ length: 30 }, (_, c) => ({ heading: `Chapter ${c + 1}`, paragraphs: Array.from({ length: 83 }, paragraph) }))
    const pdfPath = join(dir, 'book.pdf')
    writeFileSync(pdfPath, await makeBookPdf({ title: 'A Generated Book', author: 'Bench Mark', chapters, hyphenate: true, runningHeader: 'A GENERATED BOOK' }))
    const pages = await extractText(pdfPath)
    const pdfImport = await importTimes(dir, pdfPath)
    const pdfBaseline = median(await repeat(() => extractText(pdfPath)))
    figures['import.pdf.pages'] = pages
    figures['import.pdf.bytes'] = statSync(pdfPath).size
    figures['import.pdf.blocks'] = pdfImport.blocks
    // the layout is right when every heading and paragraph comes back as it was typeset
    const typeset = chapters.flatMap((c) => [c.heading, ...c.paragraphs])
    const exact = typeset.filter((text, i) => pdfImport.texts[i] === text).length
    figures['import.pdf.blocks_exact'] = exact
    figures['import.pdf.blocks_typeset'] = typeset.length
    figures['import.pdf.median_ms'] = round(pdfImport.median)
    figures['import.pdf.pdfjs_text_only_ms'] = round(pdfBaseline)
    figures['import.pdf.ratio_to_pdfjs'] = round(pdfImport.median / pdfBaseline)
    log(`Import a ${pages}-page PDF (${(statSync(pdfPath).size / 1048576).toFixed(1)} MB, ${pdfImport.blocks} blocks, ${exact} of ${typeset.length} typeset headings and paragraphs back exactly): median ${round(pdfImport.median)} ms over ${RUNS}; pdf.js text extraction alone ${round(pdfBaseline)} ms (×${round(pdfImport.median / pdfBaseline)})`)

    const textPath = join(dir, 'big.txt')
    writeFileSync(textPath, `Big text\n\n${Array.from({ length: 50_000 }, paragraph).join('\n\n')}\n`)
    const textImport = await importTimes(dir, textPath)
    const textBaseline = median(await repeat(() => readFileSync(textPath, 'utf8').split(/\n\s*\n/).length))
    figures['import.text.paragraphs'] = textImport.blocks - 1
    figures['import.text.bytes'] = statSync(textPath).size
    figures['import.text.median_ms'] = round(textImport.median)
    figures['import.text.split_only_ms'] = round(textBaseline)
    figures['import.text.ratio_to_split'] = round(textImport.median / textBaseline)
    Object.assign(figures, await benchBib(dir, vocabulary, log))
    Object.assign(figures, await realPdfAccuracy(log))
    log(`Import a 50,000-paragraph text file (${(statSync(textPath).size / 1048576).toFixed(1)} MB): median ${round(textImport.median)} ms over ${RUNS}; reading and splitting alone ${round(textBaseline)} ms (×${round(textImport.median / textBaseline)})`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return figures
}

/**
 * A 10,000-entry BibTeX library read into the references list (parsed by citation-js, merged,
 * written), medians of three into fresh workspaces; baseline: citation-js's parse alone. Then a
 * `ref:` search over it, median of 50.
 */
async function benchBib(dir: string, vocabulary: Vocabulary, log: (line: string) => void): Promise<Figures> {
  const entries = Array.from({ length: 10_000 }, (_, i) => {
    const title = vocabulary.sentence(5, 12).replace(/[{}@]/g, '')
    return `@article{key${i},\n  title = {${title}},\n  author = {Author${i % 700}, Given and Second${i % 311}, Other},\n  journal = {Journal of ${vocabulary.sentence(1, 2).replace(/[{}@.]/g, '')}},\n  year = {${1950 + (i % 75)}},\n  volume = {${i % 60}},\n  pages = {${i % 200}--${(i % 200) + 14}},\n  doi = {10.5555/bench.${i}}\n}\n`
  })
  const bibPath = join(dir, 'library.bib')
  writeFileSync(bibPath, entries.join('\n'))
  const samples: number[] = []
  const searches: number[] = []
  for (let run = 0; run < RUNS; run++) {
    const workspace = await openWorkspace(mkdtempSync(join(dir, 'refs-')))
    const sources = new SourcesService(workspace)
    await sources.start()
    const references = new ReferencesService(workspace, sources)
    samples.push(await time(() => references.importFile(bibPath)))
    if (run === RUNS - 1) {
      const list = await references.all()
      for (let q = 0; q < 50; q++) searches.push(await time(() => runQuery({ index: LayeredIndex.empty(), pullQuotes: new Map(), source: () => null, notePassages: () => undefined, sourceTitles: () => [], recentNotes: () => [], references: list }, { query: `ref:author${q * 13} ${1950 + (q % 75)}` })))
    }
    rmSync(workspace.root, { recursive: true, force: true })
  }
  const { parseReferences } = await import('../src/main/core/references/parse-references')
  const text = readFileSync(bibPath, 'utf8')
  const parseOnly = median(await repeat(() => parseReferences(text, 'library.bib')))
  const figures: Figures = {
    'import.bib_10000.median_ms': round(median(samples)),
    'import.bib_10000.parse_only_ms': round(parseOnly),
    'import.bib_10000.ratio_to_parse': round(median(samples) / parseOnly),
    'import.bib_10000.search_median_ms': round(median(searches))
  }
  log(`Import a 10,000-entry .bib (${(statSync(bibPath).size / 1048576).toFixed(1)} MB) into the references list: median ${figures['import.bib_10000.median_ms']} ms over ${RUNS}; citation-js's parse alone ${figures['import.bib_10000.parse_only_ms']} ms (×${figures['import.bib_10000.ratio_to_parse']}); a ref: search over it, median ${figures['import.bib_10000.search_median_ms']} ms`)
  return figures
}

async function importTimes(dir: string, path: string): Promise<{ median: number; blocks: number; texts: string[] }> {
  const samples: number[] = []
  let blocks = 0
  let texts: string[] = []
  for (let run = 0; run < RUNS; run++) {
    const workspaceDir = mkdtempSync(join(dir, 'ws-'))
    // the sources service alone: the import, not the search indexing that follows it
    const sources = new SourcesService(await openWorkspace(workspaceDir))
    await sources.start()
    samples.push(
      await time(async () => {
        const { source } = await sources.importFile(path)
        blocks = source.blocks.length
        texts = source.blocks.map((b) => b.text)
      })
    )
    rmSync(workspaceDir, { recursive: true, force: true })
  }
  return { median: median(samples), blocks, texts }
}

async function repeat(fn: () => unknown): Promise<number[]> {
  const samples: number[] = []
  for (let run = 0; run < RUNS; run++) samples.push(await time(fn))
  return samples
}

/** pdf.js's own text extraction (in its worker thread, as the import uses it): the floor for any PDF import. */
async function extractText(path: string): Promise<number> {
  return (await extractPdfText(readFileSync(path))).pages.length
}

/**
 * The reflow on real PDFs (the development set in `fixtures/pdfs/`): of the paragraphs written
 * down by reading some of their pages, how many come out exactly, per file and over all.
 */
async function realPdfAccuracy(log: (line: string) => void): Promise<Figures> {
  const figures: Figures = {}
  let right = 0
  let total = 0
  for (const expected of developmentSet()) {
    const { blocks } = await importPdf(readFileSync(join(REAL_PDFS, expected.file)), expected.file)
    const found = paragraphsRight(blocks, expected)
    right += found.right
    total += found.total
    const name = expected.file.replace(/\.pdf$/, '')
    figures[`import.pdf_real.${name}.paragraphs_right`] = found.right
    figures[`import.pdf_real.${name}.paragraphs_total`] = found.total
    log(`Real PDF ${expected.file}: ${found.right} of ${found.total} paragraphs of its sampled pages right`)
  }
  figures['import.pdf_real.paragraph_accuracy'] = round(right / total, 3)
  log(`Real PDFs: ${right} of ${total} paragraphs right (${round((100 * right) / total, 1)}%)`)
  return figures
}
