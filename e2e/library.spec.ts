import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from './support/pilcrow'

const SOURCES = 2000

/** A library of 2,000 sources (copies of the article's first blocks under other titles and authors), beside the article. */
function writeLibrary(workspace: string): void {
  const article = JSON.parse(readFileSync(join(workspace, 'sources', 'russia-iran-alignment.json'), 'utf8')) as { id: string; meta: Record<string, unknown>; blocks: unknown[] }
  for (let i = 1; i <= SOURCES; i++) {
    const id = `library-${i}`
    const meta = { ...article.meta, title: `Field report ${i}: ${i % 2 ? 'Caspian shipping' : 'Arctic ice'}`, authors: [i % 3 ? 'Okonkwo, A.' : 'Lindqvist, É.'] }
    writeFileSync(join(workspace, 'sources', `${id}.json`), JSON.stringify({ ...article, id, meta, blocks: article.blocks.slice(0, 3) }))
  }
}

test.describe('a library of 2,000 sources', () => {
  test('lists the first hundred, lists more on request, and the filter finds any of them by title, author or accent-free', async ({ page, pilcrow }) => {
    writeLibrary(pilcrow.workspace)
    const restarted = await pilcrow.restart()
    await page.goto(restarted.url)
    const list = page.getByRole('list', { name: 'Sources' })
    await expect(list.getByRole('listitem')).toHaveCount(100)
    await page.getByRole('button', { name: 'Show 300 more sources (1,901 not listed)' }).click()
    await expect(list.getByRole('listitem')).toHaveCount(400)

    const filter = page.getByRole('searchbox', { name: 'Filter sources' })
    await filter.fill('report 1999')
    await expect(list.getByRole('button', { name: /^Field report 1999: Caspian shipping/ })).toBeVisible()
    await expect(list.getByRole('listitem')).toHaveCount(1)
    // the second word of the title and an author written without the accent
    await filter.fill('arctic lindqvist')
    await expect(list.getByRole('listitem')).toHaveCount(100)
    await expect(page.getByRole('button', { name: /Show 233 more sources \(233 not listed\)/ })).toBeVisible()
    await filter.fill('report 1998 arctic')
    await list.getByRole('button', { name: /^Field report 1998: Arctic ice/ }).click()
    await expect(page.getByRole('region', { name: 'Source' }).getByRole('heading', { level: 1 })).toHaveText(/Field report 1998: Arctic ice/)

    await filter.fill('no such source')
    await expect(page.getByText('No sources match “no such source”.')).toBeVisible()
    // Escape empties the box: the library is listed again, the open source among the rows
    await filter.press('Escape')
    await expect(filter).toHaveValue('')
    await expect(list.getByRole('button', { name: /^Field report 1998: Arctic ice/ })).toHaveAttribute('aria-current', 'true')
    // (listed after the first hundred or among them, as the library is ordered)
    expect(await list.getByRole('listitem').count()).toBeGreaterThanOrEqual(100)
    expect(await list.getByRole('listitem').count()).toBeLessThanOrEqual(101)
  })
})
