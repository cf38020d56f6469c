import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { noteEditor as editor } from './support/locators'
import { APP_ROOT, expect, pageSettled, test } from './support/pilcrow'

const source = (page: Page) => page.getByRole('region', { name: 'Source' })
const sources = (page: Page) => page.getByRole('list', { name: 'Sources' })
const saved = (page: Page) => expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible()
const WEB_PAGES = join(APP_ROOT, 'src', 'main', 'core', 'importers', 'fixtures', 'web-pages')

/** Files chosen in the "Import sources…" picker. */
async function importFiles(page: Page, files: { name: string; mimeType: string; buffer: Buffer }[]): Promise<void> {
  await page.getByLabel('Files to import').setInputFiles(files)
}

const markdown = (name: string, text: string) => ({ name, mimeType: 'text/markdown', buffer: Buffer.from(text) })

test.describe('importing sources', () => {
  test('import a Markdown file and a saved web page, cite a paragraph of each, search finds words of both', async ({ page, pilcrow }) => {
    await page.goto(pilcrow.url)
    await expect(sources(page).getByRole('button', { name: /^Russia and Iran/ })).toBeVisible()
    await importFiles(page, [
      markdown('field-notes.md', '---\ntitle: Field notes on quokkas\nauthors: [Ada Field]\n---\n\nThe quokka of Rottnest Island smiles at visitors.\n\nA second paragraph about marsupials.\n'),
      { name: 'quanta.html', mimeType: 'text/html', buffer: readFileSync(join(WEB_PAGES, 'quanta-1', 'source.html')) }
    ])
    const panel = page.getByRole('region', { name: 'Import' })
    await expect(panel).toContainText('Imported “Field notes on quokkas” (2 blocks).')
    // a web page goes through jsdom and Readability: seconds on a loaded two-core machine
    await expect(panel).toContainText('Imported “The Hidden Heroines of Chaos”', { timeout: 30_000 })
    await expect(panel.getByRole('status')).toHaveText('Import finished: 2 of 2 files imported.')
    for (const title of [/^Russia and Iran/, /^Field notes on quokkas/, /^The Hidden Heroines of Chaos/]) await expect(sources(page).getByRole('button', { name: title })).toBeVisible()

    // the first imported source opened in the reader; cite its ¶1
    await expect(source(page).getByRole('heading', { level: 1 })).toHaveText('Field notes on quokkas')
    await page.getByRole('textbox', { name: 'Note title' }).fill('Two sources')
    await editor(page).click()
    await page.keyboard.type('Quokkas: ')
    await source(page).locator('.numbered').first().hover()
    await page.getByRole('button', { name: 'Cite ¶1 in note' }).click()
    await expect(editor(page).getByRole('button', { name: '¶1 · Field notes on quokkas' })).toBeVisible()

    // switch to the web page from the sources list; cite its ¶2
    await sources(page).getByRole('button', { name: /^The Hidden Heroines of Chaos/ }).click()
    await expect(source(page).getByRole('heading', { level: 1 })).toHaveText('The Hidden Heroines of Chaos')
    await expect(source(page)).toContainText('Joshua Sokol')
    await page.keyboard.press('Control+End')
    await editor(page).click()
    await page.keyboard.press('Control+End')
    await page.keyboard.type(' Chaos: ')
    await source(page).locator('.numbered').nth(1).hover()
    await page.getByRole('button', { name: 'Cite ¶2 in note' }).click()
    await expect(editor(page).getByRole('button', { name: /^¶2 · The Hidden Heroines of Chaos/ })).toBeVisible()
    await saved(page)

    // one search box finds words from both
    const search = page.getByRole('combobox', { name: 'Search' })
    await search.fill('quokka')
    await expect(page.getByRole('option').filter({ hasText: '¶1 · Field notes on quokkas' }).first()).toBeVisible()
    await search.fill('Lorenz')
    await expect(page.getByRole('option', { name: /^¶\d+ · The Hidden Heroines of Chaos .*Lorenz/ }).first()).toBeVisible()
    await page.keyboard.press('Enter')
    await expect(source(page).locator('.is-revealed')).toContainText('Lorenz')

    // a changed version of the Markdown file updates its source in place; the link follows its paragraph
    await importFiles(page, [
      markdown('field-notes.md', '---\ntitle: Field notes on quokkas\nauthors: [Ada Field]\n---\n\nA new opening paragraph.\n\nThe quokka of Rottnest Island smiles at visitors.\n\nA second paragraph about marsupials, revised.\n')
    ])
    await expect(panel).toContainText('Updated “Field notes on quokkas” (3 blocks). Links: 1 stayed, 0 moved, 0 orphaned.')
    await expect(editor(page).getByRole('button', { name: '¶2 · Field notes on quokkas' })).toBeVisible()
    await expect(sources(page).getByRole('button', { name: /^Field notes on quokkas/ })).toHaveCount(1)
  })

  test('hostile HTML is imported as plain text: nothing runs, nothing is fetched, no dialog opens', async ({ page, pilcrow }) => {
    const outside: string[] = []
    page.on('request', (request) => {
      if (!request.url().startsWith(new URL(pilcrow.url).origin)) outside.push(request.url())
    })
    const dialogs: string[] = []
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message())
      void dialog.dismiss()
    })
    await page.goto(pilcrow.url)
    const prose = 'This paragraph is long enough to look like the body of an article, with commas, clauses, and more words so that Readability keeps it as content.'
    const hostile = `<!doctype html><html><head><title>Hostile page</title>
      <meta http-equiv="refresh" content="0; url=https://evil.invalid/">
      <link rel="stylesheet" href="https://evil.invalid/style.css"><base href="https://evil.invalid/">
      <script>window.__pwned = 'head script'</script></head>
      <body onload="window.__pwned = 'onload'"><article>
      <h1>Hostile page</h1>
      <p>${prose} <script>window.__pwned = 'inline script'</script></p>
      <p>${prose} <img src="https://evil.invalid/pixel.png" onerror="window.__pwned = 'onerror'; alert('onerror')"></p>
      <p>${prose} <a href="javascript:window.__pwned='link';alert('link')">click me</a> and <a href="data:text/html,<script>alert(1)</script>">data link</a> and <a href="file:///etc/passwd">file link</a></p>
      <p style="background-image: url('https://evil.invalid/bg.png'); width: expression(alert('css'))">${prose} Styled paragraph.</p>
      <iframe src="https://evil.invalid/frame"></iframe><object data="https://evil.invalid/x.swf"></object><embed src="https://evil.invalid/e">
      <form action="https://evil.invalid/steal"><input name="q" value="x"><button formaction="javascript:alert('form')">Send</button></form>
      <svg><script>window.__pwned = 'svg script'</script><image href="https://evil.invalid/svg.png" /></svg>
      <math><mtext><table><mglyph><style><img src=x onerror="alert('mxss')"></style></mglyph></table></mtext></math>
      <p>${prose} <b onmouseover="alert('hover')">Bold words</b> close the article.</p>
      </article></body></html>`
    await importFiles(page, [{ name: 'hostile.html', mimeType: 'text/html', buffer: Buffer.from(hostile) }])
    await expect(page.getByRole('region', { name: 'Import' })).toContainText('Imported “Hostile page”')
    await expect(source(page).getByRole('heading', { level: 1 })).toHaveText('Hostile page')
    await expect(source(page)).toContainText('click me')
    await source(page).getByText('click me').click()
    await source(page).getByText('Bold words').hover()
    await pageSettled(page) // anything the click or the hover could have run has run
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined()
    expect(dialogs).toEqual([])
    expect(outside).toEqual([])
    const article = source(page).locator('article')
    expect(await article.locator('script, iframe, object, embed, form, input, img, svg, math, style, link, meta, base').count()).toBe(0)
    expect(await article.locator('[onerror], [onload], [onmouseover], [style]').count()).toBe(0)
    const hrefs = await article.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href')))
    expect(hrefs.filter((h) => !h?.startsWith('#block='))).toEqual([])
    expect(page.url()).toContain(new URL(pilcrow.url).origin)
  })

  test('dropped files import; errors name the file and the reason; a PDF gets page numbers', async ({ page, pilcrow }) => {
    await page.goto(pilcrow.url)
    const pdf = await PDFDocument.create()
    const font = await pdf.embedFont(StandardFonts.TimesRoman)
    pdf.setTitle('Dropped report')
    for (let n = 1; n <= 3; n++) pdf.addPage().drawText(`Finding number ${n} is written on page ${n} of the report.`, { x: 72, y: 700, size: 12, font })
    const files = [
      { name: 'report.pdf', type: 'application/pdf', base64: Buffer.from(await pdf.save()).toString('base64') },
      { name: 'notes.docx', type: 'application/octet-stream', base64: Buffer.from('PK').toString('base64') },
      { name: 'empty.txt', type: 'text/plain', base64: '' }
    ]
    const transfer = await page.evaluateHandle((list) => {
      const dt = new DataTransfer()
      for (const f of list) dt.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name, { type: f.type }))
      return dt
    }, files)
    await page.dispatchEvent('main, body', 'dragenter', { dataTransfer: transfer })
    await expect(page.getByText('Drop files to import them as sources')).toBeVisible()
    await page.dispatchEvent('main, body', 'drop', { dataTransfer: transfer })
    await expect(page.getByText('Drop files to import them as sources')).toBeHidden()
    const panel = page.getByRole('region', { name: 'Import' })
    await expect(panel.getByRole('status')).toHaveText('Import finished: 1 of 3 files imported.')
    await expect(panel).toContainText('Imported “Dropped report” (3 blocks).')
    await expect(panel.getByRole('alert')).toHaveText([/^notes\.docx: Pilcrow cannot import this type of file/, 'empty.txt: the file is empty.'])

    await expect(source(page).getByRole('heading', { level: 1 })).toHaveText('Dropped report')
    // a PDF opens as its pages; a paragraph is cited from the page's margin
    await editor(page).click()
    await source(page).getByRole('group', { name: 'Page 2' }).getByRole('button', { name: 'Cite ¶2 in note' }).click()
    await expect(editor(page).getByRole('button', { name: 'p. 2, ¶2 · Dropped report' })).toBeVisible()
    // its text view shows where each page starts
    await source(page).getByRole('button', { name: 'Text view' }).click()
    await expect(source(page).getByRole('separator', { name: 'Page 2' })).toBeVisible()
    await source(page).locator('.numbered').nth(2).hover()
    await page.getByRole('button', { name: 'Cite ¶3 in note' }).click()
    await expect(editor(page).getByRole('button', { name: 'p. 3, ¶3 · Dropped report' })).toBeVisible()

    // File → Import's shortcut opens the file picker
    const chooser = page.waitForEvent('filechooser')
    await page.keyboard.press('Control+O')
    await (await chooser).setFiles([{ name: 'diary.txt', mimeType: 'text/plain', buffer: Buffer.from('Diary\n\nThe pangolin curled up.\n') }])
    await expect(panel).toContainText('Imported “Diary” (2 blocks).')
  })

  test('an EPUB book imports: its chapters in the outline, a paragraph cited with its chapter', async ({ page, pilcrow }) => {
    await page.goto(pilcrow.url)
    const book = readFileSync(join(APP_ROOT, 'src', 'main', 'core', 'importers', 'fixtures', 'epub', 'pandoc-book.epub'))
    await importFiles(page, [{ name: 'russia-iran.epub', mimeType: 'application/epub+zip', buffer: book }])
    const panel = page.getByRole('region', { name: 'Import' })
    await expect(panel).toContainText('Imported “Alignment, not Alliance: Russia and Iran in Four Chapters”')
    // a book has no pages: no page view
    await expect(source(page).getByRole('button', { name: 'Page view' })).toHaveCount(0)
    await source(page).getByRole('button', { name: 'Outline' }).click()
    const outline = page.getByRole('navigation', { name: 'Outline' })
    await expect(outline.getByRole('button', { name: 'Russian-Iranian relations may run deeper' })).toBeVisible()
    await outline.getByRole('button', { name: 'Russian-Iranian relations may run deeper' }).click()
    await expect(source(page).getByRole('heading', { name: 'Russian-Iranian relations may run deeper' })).toBeFocused()
    // the chapter's first paragraph, cited from the keyboard: the chip says which chapter
    await page.keyboard.press('j')
    await page.keyboard.press('Enter')
    await expect(editor(page).getByRole('button', { name: /^ch\. 4, ¶\d+ · Alignment, not Alliance/ })).toBeVisible()
  })

  test('edit a source’s details; delete it, and its links become unresolved but keep their quotes', async ({ page, pilcrow }) => {
    await page.goto(pilcrow.url)
    await editor(page).click()
    await source(page).locator('.numbered').nth(5).hover()
    await page.getByRole('button', { name: 'Cite ¶6 in note' }).click()
    await saved(page)

    await sources(page).getByRole('button', { name: /^Russia and Iran/ }).hover()
    await page.getByRole('button', { name: 'Edit details of Russia and Iran – a strategic alliance or something more?' }).click()
    const details = page.getByRole('dialog', { name: 'Source details' })
    await expect(details.getByLabel('Citation key')).toHaveValue('tazmini2021')
    await details.getByLabel('Title').fill('Russia and Iran: alliance?')
    await details.getByLabel('Authors (one per line)').fill('Ghoncheh Tazmini\nA. N. Other')
    await details.getByRole('button', { name: 'Save details' }).click()
    await expect(details).toBeHidden()
    await expect(source(page).getByRole('heading', { level: 1 })).toHaveText('Russia and Iran: alliance?')
    await expect(source(page)).toContainText('A. N. Other')
    await expect(editor(page).getByRole('button', { name: /^¶6 · Russia and Iran: alliance\?/ })).toBeVisible()

    await sources(page).getByRole('button', { name: /^Russia and Iran/ }).hover()
    await page.getByRole('button', { name: 'Delete Russia and Iran: alliance?' }).click()
    const confirm = page.getByRole('dialog', { name: 'Delete source' })
    await expect(confirm).toContainText('1 link in your notes cites it.')
    await confirm.getByRole('button', { name: 'Delete source' }).click()
    await expect(page.getByRole('alert').filter({ hasText: 'Deleted “Russia and Iran: alliance?”. 1 link to it is now unresolved and keeps its quoted words.' })).toBeVisible()
    await expect(sources(page).getByRole('listitem')).toHaveCount(0)
    await expect(page.getByText('No sources. Import a file, or drop one on the window.')).toBeVisible()
    await expect(source(page)).toContainText('No sources yet. Import a file')
    const chip = editor(page).getByRole('button', { name: /unresolved link/ })
    await expect(chip).toBeVisible()
    await expect(chip).toHaveAccessibleDescription(/While the Kremlin has acted as a bulwark/) // its saved quote
    expect(readdirSync(join(pilcrow.workspace, '.pilcrow', 'deleted-sources')).some((n) => n.endsWith('.json'))).toBe(true)
  })

  test('two different articles both saved as source.html become two sources; "Update this source" replaces one, keeping the old version', async ({ page, pilcrow }) => {
    test.slow() // three web pages through jsdom and Readability
    await page.goto(pilcrow.url)
    const page1 = { name: 'source.html', mimeType: 'text/html', buffer: readFileSync(join(WEB_PAGES, 'quanta-1', 'source.html')) }
    const page2 = { name: 'source.html', mimeType: 'text/html', buffer: readFileSync(join(WEB_PAGES, 'salon-1', 'source.html')) }
    const panel = page.getByRole('region', { name: 'Import' })
    await importFiles(page, [page1])
    await expect(panel).toContainText('Imported “The Hidden Heroines of Chaos”', { timeout: 30_000 })
    await importFiles(page, [page2])
    await expect(panel).toContainText('Imported “The sharing economy is a lie', { timeout: 30_000 })
    await expect(sources(page).getByRole('button', { name: /^The Hidden Heroines of Chaos/ })).toBeVisible()
    await expect(sources(page).getByRole('button', { name: /^The sharing economy is a lie/ })).toBeVisible()

    // the user says the LWN page is a new version of the salon article: it takes its place
    await page.getByRole('button', { name: /^Update The sharing economy is a lie.* from a file…$/ }).click()
    await page.getByLabel('File to update the source with').setInputFiles({ name: 'newer.html', mimeType: 'text/html', buffer: readFileSync(join(WEB_PAGES, 'lwn-1', 'source.html')) })
    await expect(panel).toContainText(/Updated “.+” \(\d+ blocks\)\. The previous version is kept in \.pilcrow\/deleted-sources\/source-2\.[0-9TZ-]+\.replaced\.json\./, { timeout: 30_000 })
    await expect(sources(page).getByRole('button', { name: /^The sharing economy is a lie/ })).toHaveCount(0)
    await expect(sources(page).getByRole('button', { name: /^The Hidden Heroines of Chaos/ })).toBeVisible()
    expect(readdirSync(join(pilcrow.workspace, '.pilcrow', 'deleted-sources')).filter((n) => n.startsWith('source-2.'))).toHaveLength(2) // its JSON and its page
  })
})
