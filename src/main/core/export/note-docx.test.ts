import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createAnchor } from '../../../shared/anchors'
import * as J from '../../../shared/markdown/lexical-json'
import type { JsonNode } from '../../../shared/markdown/lexical-json'
import type { SerializedEditorState } from '../../../shared/notes'
import { extractPdfText } from '../importers/pdf-text'
import { useNotebooks, useTempDirs } from '../test-support'

const tempDir = useTempDirs()
const open = useNotebooks()
const doc = (...children: JsonNode[]) => ({ root: { type: 'root', version: 1, children } }) as unknown as SerializedEditorState

// Where LibreOffice is missing this skips: install it (apt-get install libreoffice-writer-nogui), as .ci/run does.
const hasLibreOffice = spawnSync('soffice', ['--version']).status === 0

/** A note with a heading, emphasis, a list, a quote and three citations of the article. */
async function notebook() {
  const nb = await open(tempDir())
  const source = await nb.getSource('russia-iran-alignment')
  const chip = (n: number): JsonNode => ({ type: 'paragraph-link', version: 1, anchor: createAnchor(source, source.blocks.find((b) => b.paragraph === n)!.id), sourceTitle: source.meta.title })
  const note = await nb.createNote('Alignment, not alliance')
  await nb.saveNote({
    id: note.id,
    title: 'Alignment, not alliance',
    content: doc(
      J.heading(2, [J.text('What binds Moscow and Tehran')]),
      J.paragraph([J.text('Tazmini argues for '), J.text('alignment', J.FORMAT.bold), J.text(' over alliance '), chip(5), J.text('.')]),
      J.list('bullet', 1, [J.listItem(1, [J.text('Delivery delays did not end it '), chip(9)])]),
      J.quote([J.text('a bulwark against isolation '), chip(6)])
    ),
    baseRevision: note.revision
  })
  return { nb, noteId: note.id }
}

/** The text LibreOffice lays out from the document: converted to PDF headless, read back by pdf.js. */
async function textOf(docx: Uint8Array): Promise<string> {
  const dir = tempDir()
  writeFileSync(join(dir, 'note.docx'), docx)
  const run = spawnSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${join(dir, 'profile')}`, '--convert-to', 'pdf', '--outdir', dir, join(dir, 'note.docx')], { encoding: 'utf8', timeout: 120_000 })
  expect(run.status, run.stderr).toBe(0)
  const pdf = await extractPdfText(readFileSync(join(dir, 'note.pdf')))
  return pdf.pages.flatMap((p) => p.items.map((i) => i.text)).join(' ').replace(/\s+/g, ' ')
}

describe('Export as a Word document', () => {
  it('is a well-formed .docx (a zip unzip tests), named after the note', async () => {
    const { nb, noteId } = await notebook()
    const result = await nb.exportDocx({ notes: [noteId], csl: 'apa' })
    expect(result.name).toBe('Alignment, not alliance.docx')
    const dir = tempDir()
    writeFileSync(join(dir, 'x.docx'), Buffer.from(result.base64, 'base64'))
    const unzip = spawnSync('unzip', ['-t', join(dir, 'x.docx')], { encoding: 'utf8' })
    expect(unzip.stdout).toContain('No errors detected')
    expect(spawnSync('unzip', ['-l', join(dir, 'x.docx')], { encoding: 'utf8' }).stdout).toContain('word/document.xml')
  }, 30_000)

  it.skipIf(!hasLibreOffice)('opens in LibreOffice (converted to PDF headless) with its formatted citations and bibliography: APA in the text, Chicago notes as footnotes', async () => {
    const { nb, noteId } = await notebook()
    const apa = await textOf(Buffer.from((await nb.exportDocx({ notes: [noteId], csl: 'apa' })).base64, 'base64'))
    expect(apa).toContain('What binds Moscow and Tehran')
    expect(apa).toContain('over alliance (Tazmini, 2021, para. 5).')
    expect(apa).toContain('(Tazmini, 2021, para. 9)')
    expect(apa).toContain('References')
    expect(apa).toContain('Tazmini, G. (2021, January 18). Russia and Iran – a strategic alliance or something more?')
    const chicago = await textOf(Buffer.from((await nb.exportDocx({ notes: [noteId], csl: 'chicago-notes-bibliography' })).base64, 'base64'))
    // the footnote's text at the foot of the page
    expect(chicago).toContain('Ghoncheh Tazmini, “Russia and Iran – a Strategic Alliance or Something More?,” Research for the World, LSE, January 18, 2021, para. 5')
    // a later note to the same work in its short form
    expect(chicago).toContain('Tazmini, “Russia and Iran – a Strategic Alliance or Something More?,” para. 9.')
  }, 240_000)
})
