import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { createAnchor } from '../src/shared/anchors'
import type { Source } from '../src/shared/model'
import { noteEditor as editor, paragraph, selectWords } from './support/locators'
import { expect, expectRevealed, test } from './support/pilcrow'

const source = (page: Page) => page.getByRole('region', { name: 'Source' })
const saved = (page: Page) => expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible()

test.describe('paragraph links and backlinks', () => {
  test('cite ¶6, reveal it from the chip, backlink; quote words of ¶9; all survive a restart', async ({ page, pilcrow }) => {
    await page.goto(pilcrow.url)
    await page.getByRole('textbox', { name: 'Note title' }).fill('Kremlin')
    await editor(page).click()
    await page.keyboard.type('The bulwark argument ')
    await paragraph(page, 6).hover()
    await page.getByRole('button', { name: 'Cite ¶6 in note' }).click()
    const chip = editor(page).getByRole('button', { name: /^¶6/ })
    await expect(chip).toHaveAccessibleName('¶6 · Russia and Iran – a strategic…')
    await expect(chip).toContainText('¶6')
    // its description is the paragraph, shown on hover or focus: below the chip here, on the
    // note's first line, where the top of the note would cut it off above
    await expect(chip).toHaveAccessibleDescription(/^While the Kremlin has acted as a bulwark/)
    await chip.hover()
    await expect(page.getByRole('tooltip')).toBeInViewport({ ratio: 1 })
    await page.keyboard.type('is about isolation.')
    await saved(page)
    await expect(source(page).getByRole('button', { name: '1 note cites ¶6' })).toBeVisible()

    // scroll ¶6 away, then the chip brings it back, highlighted
    await paragraph(page, 12).scrollIntoViewIfNeeded()
    await expect(paragraph(page, 6)).not.toBeInViewport()
    await chip.click()
    await expectRevealed(paragraph(page, 6))

    // quote a selection from ¶9
    await editor(page).click()
    await page.keyboard.press('Control+End')
    await selectWords(page, 9, 'while Russia did not deliver on time')
    await page.getByRole('button', { name: 'Quote in note' }).click()
    const quote = editor(page).locator('blockquote')
    await expect(quote).toContainText('“while Russia did not deliver on time”')
    await expect(quote.getByRole('button', { name: /^¶9/ })).toBeVisible()
    await saved(page)
    await expect(source(page).getByRole('button', { name: '1 note cites ¶9' })).toBeVisible()
    // its chip, clicked, marks the quoted words in the source, not only the paragraph
    await paragraph(page, 1).scrollIntoViewIfNeeded()
    await quote.getByRole('button', { name: /^¶9/ }).click()
    await expectRevealed(paragraph(page, 9))
    await expect
      .poll(() => page.evaluate(() => [...(CSS.highlights.get('pilcrow-revealed-words') ?? [])].map((range) => range.toString())))
      .toEqual(['while Russia did not deliver on time'])
    await expect(page.getByRole('region', { name: 'References' }).getByRole('listitem')).toHaveText([/^¶6Russia and Iran – a…While the Kremlin/, /^¶9Russia and Iran – a…“while Russia did not deliver on time”/])

    const restarted = await pilcrow.restart()
    await page.goto(restarted.url)
    await expect(editor(page).getByRole('button', { name: /^¶6/ })).toBeVisible()
    await expect(editor(page).locator('blockquote')).toContainText('“while Russia did not deliver on time”')
    await expect(editor(page).locator('blockquote').getByRole('button', { name: /^¶9/ })).toBeVisible()
    await expect(source(page).getByRole('button', { name: '1 note cites ¶6' })).toBeVisible()
    await expect(source(page).getByRole('button', { name: '1 note cites ¶9' })).toBeVisible()
    await restarted.stop()
  })

  test('a backlink lists the citing notes with their sentence and opens the note at the chip', async ({ page, pilcrow }) => {
    await page.goto(pilcrow.url)
    for (const [title, words] of [['First', 'Kremlin bulwark'], ['Second', 'A counterweight, then']] as const) {
      if (title === 'Second') {
        await page.getByRole('button', { name: 'New note' }).click()
        await expect(page.getByRole('textbox', { name: 'Note title' })).toHaveValue('') // the new note is open
      }
      await page.getByRole('textbox', { name: 'Note title' }).fill(title)
      await editor(page).click()
      await page.keyboard.type(`${words} `)
      await paragraph(page, 6).hover()
      await page.getByRole('button', { name: 'Cite ¶6 in note' }).click()
      await page.keyboard.type('says it all. Another sentence.')
      await saved(page)
    }
    const badge = source(page).getByRole('button', { name: '2 notes cite ¶6' })
    await badge.click()
    const popover = page.getByRole('dialog', { name: 'Notes citing ¶6' })
    await expect(popover.getByRole('button')).toHaveCount(2)
    await expect(popover.getByRole('button', { name: /First/ })).toContainText('Kremlin bulwark ¶6 · Russia and Iran – a strategic… says it all.')
    await popover.getByRole('button', { name: /First/ }).click()
    await expect(page.getByRole('textbox', { name: 'Note title' })).toHaveValue('First')
    await expect(editor(page).getByRole('button', { name: /^¶6/ })).toBeFocused()
  })

  test('dragging a paragraph and a selection into the note cites them', async ({ page, pilcrow }) => {
    await page.goto(pilcrow.url)
    await editor(page).click()
    await paragraph(page, 2).locator('.pilcrow-number').dragTo(editor(page))
    await expect(editor(page).getByRole('button', { name: /^¶2/ })).toBeVisible()
    // Chromium starts a native drag of selected text only when the press is held on the selection;
    // on a loaded machine it often becomes a new selection instead. So the drag of the words is
    // dispatched as the browser would: dragstart on them, dragover and drop on the note, one
    // DataTransfer carried between them (the ¶ number above was dragged with the real mouse).
    await selectWords(page, 3, 'revisionist, anti-hegemonic states')
    const dataTransfer = await page.evaluateHandle(() => new DataTransfer())
    await paragraph(page, 3).locator('[data-block-text]').dispatchEvent('dragstart', { dataTransfer })
    const box = (await editor(page).boundingBox())!
    const at = { clientX: box.x + 60, clientY: box.y + box.height - 40 }
    await editor(page).dispatchEvent('dragover', { dataTransfer, ...at })
    await editor(page).dispatchEvent('drop', { dataTransfer, ...at })
    await expect(editor(page).locator('blockquote')).toContainText('“revisionist, anti-hegemonic states”')
    await expect(editor(page).locator('blockquote').getByRole('button', { name: /^¶3/ })).toBeVisible()
  })

  test('the keyboard shortcut quotes the selection to the cursor', async ({ page, pilcrow }) => {
    await page.goto(pilcrow.url)
    await editor(page).click()
    await page.keyboard.type('Before. ')
    await selectWords(page, 11, 'sovereign internationalism over liberal interventionism')
    await page.keyboard.press('Control+Shift+E')
    await expect(editor(page).locator('blockquote')).toContainText('“sovereign internationalism over liberal interventionism”')
    await expect(editor(page).locator('blockquote').getByRole('button', { name: /^¶11/ })).toBeVisible()
  })

  test('citing with no note open creates one', async ({ page, pilcrow }) => {
    await page.goto(pilcrow.url)
    await page.getByRole('button', { name: 'Move to trash' }).click()
    await expect(page.getByText('No note is open.')).toBeVisible()
    await paragraph(page, 1).hover()
    await page.getByRole('button', { name: 'Cite ¶1 in note' }).click()
    await expect(editor(page).getByRole('button', { name: /^¶1/ })).toBeVisible()
    await saved(page)
  })

  test('a link whose paragraph was removed from the source stays, as an orphan with its quote', async ({ page, pilcrow }) => {
    await page.goto(pilcrow.url)
    await editor(page).click()
    await paragraph(page, 7).hover()
    await page.getByRole('button', { name: 'Cite ¶7 in note' }).click()
    await saved(page)
    await pilcrow.stop()
    // another version of the source without ¶7 (as a re-import would produce)
    const file = join(pilcrow.workspace, 'sources', 'russia-iran-alignment.json')
    const stored = JSON.parse(readFileSync(file, 'utf8'))
    stored.blocks = stored.blocks.filter((b: { paragraph: number | null }) => b.paragraph !== 7)
    writeFileSync(file, JSON.stringify(stored))
    const restarted = await pilcrow.restart()
    await page.goto(restarted.url)
    const chip = editor(page).getByRole('button', { name: /^¶7/ })
    await expect(chip).toHaveAccessibleName('¶7 · Russia and Iran – a strategic… (unresolved link)')
    const references = page.getByRole('region', { name: 'References' })
    await expect(references).toContainText('Unresolved — saved quote: “Resentment towards Russia resurfaced in early April 2020')
    const reattach = references.getByRole('combobox', { name: 'Re-attach to paragraph' })
    const p6Value = await reattach.locator('option', { hasText: /^¶6 While the Kremlin/ }).getAttribute('value')
    await reattach.selectOption(p6Value!)
    await expect(editor(page).getByRole('button', { name: /^¶6/ })).toHaveAccessibleName('¶6 · Russia and Iran – a strategic…')
    expect(readdirSync(join(pilcrow.workspace, 'notes')).length).toBeGreaterThan(0)
    await restarted.stop()
  })
})

test('a note citing 250 paragraphs lists its first 100 references, and the rest on request, in order', async ({ page, pilcrow }) => {
  const article = JSON.parse(readFileSync(join(pilcrow.workspace, 'sources', 'russia-iran-alignment.json'), 'utf8')) as Source
  const numbered = article.blocks.filter((b) => b.paragraph !== null)
  const now = new Date().toISOString()
  const children = Array.from({ length: 250 }, (_, i) => ({
    type: 'paragraph',
    version: 1,
    children: [
      { type: 'text', version: 1, text: `Point ${i + 1} `, format: 0, detail: 0, mode: 'normal', style: '' },
      { type: 'paragraph-link', version: 1, anchor: createAnchor(article, numbered[i % numbered.length]!.id), sourceTitle: article.meta.title }
    ]
  }))
  const note = { format: 'pilcrow-note', formatVersion: 1, id: 'n-cited', title: 'Many citations', createdAt: now, updatedAt: now, trashedAt: null, content: { root: { type: 'root', version: 1, direction: null, format: '', indent: 0, children } } }
  writeFileSync(join(pilcrow.workspace, 'notes', 'n-cited.json'), JSON.stringify(note))
  const restarted = await pilcrow.restart()
  await page.goto(restarted.url)
  await page.getByRole('list', { name: 'Notes' }).getByRole('button', { name: /Many citations/ }).click()
  const references = page.getByRole('region', { name: 'References' })
  await expect(references.getByRole('button', { name: 'References (250)' })).toBeVisible()
  const rows = references.getByRole('listitem')
  await expect(rows).toHaveCount(100)
  await expect(rows.first()).toContainText(`¶${numbered[0]!.paragraph}`)
  await references.getByRole('button', { name: 'Show 150 more references (150 not listed)' }).click()
  await expect(rows).toHaveCount(250)
  await expect(rows.last()).toContainText(`¶${numbered[249 % numbered.length]!.paragraph}`)
  await expect(references.getByRole('button', { name: /more references/ })).toHaveCount(0)
  await restarted.stop()
})
