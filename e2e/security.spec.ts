import { chromium } from '@playwright/test'
import { readdirSync, readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { chromiumLaunchOptions } from './support/chromium'
import { APP_ROOT, expect, pageSettled, test } from './support/pilcrow'

const notesOnDisk = (workspace: string) => readdirSync(join(workspace, 'notes')).sort()

test.describe('security of the renderer and browser mode', () => {
  test('the built renderer carries a CSP without unsafe-eval or unsafe-inline scripts', () => {
    const html = readFileSync(join(APP_ROOT, 'out', 'renderer', 'index.html'), 'utf8')
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1]!
    const scriptSrc = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'))!
    expect(scriptSrc).not.toMatch(/unsafe-(eval|inline)/)
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/)
  })

  test('an injected inline script is blocked by the CSP', async ({ page, pilcrow }) => {
    await page.goto(pilcrow.url)
    await expect(page.getByRole('region', { name: 'Source' }).getByRole('heading', { level: 1 })).toBeVisible()
    const outcome = await page.evaluate(
      () =>
        new Promise<{ ran: boolean; violation: string }>((resolve) => {
          document.addEventListener('securitypolicyviolation', (e) => resolve({ ran: !!(window as { __injected?: number }).__injected, violation: e.violatedDirective }), { once: true })
          const script = document.createElement('script')
          script.textContent = 'window.__injected = 1'
          document.body.append(script)
          setTimeout(() => resolve({ ran: !!(window as { __injected?: number }).__injected, violation: 'none' }), 2000)
        })
    )
    expect(outcome).toEqual({ ran: false, violation: 'script-src-elem' })
  })

  test('javascript: and malformed links in a note do nothing when clicked', async ({ page, pilcrow }) => {
    await page.goto(pilcrow.url)
    const editor = page.getByRole('textbox', { name: 'Note', exact: true })
    await editor.click()
    await page.evaluate(() => {
      const data = new DataTransfer()
      data.setData('text/html', '<p><a href="javascript:window.__clicked=1">evil</a> and <a href="http://[bad">broken</a> and <a href="https://example.org/">fine</a></p>')
      data.setData('text/plain', 'evil and broken and fine')
      document.querySelector('[aria-label="Note"]')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
    })
    await expect(editor).toContainText('evil and broken and fine')
    await expect(editor.getByRole('link')).toHaveCount(1)
    await expect(editor.getByRole('link')).toHaveAttribute('href', 'https://example.org/')
    const popups: string[] = []
    page.context().on('page', (p) => popups.push(p.url()))
    await editor.getByText('evil').click({ modifiers: ['Control'] })
    await editor.getByText('broken').click({ modifiers: ['Control'] })
    await pageSettled(page)
    expect(await page.evaluate(() => (window as { __clicked?: number }).__clicked)).toBeUndefined()
    expect(popups).toEqual([])
  })

  test('a cross-origin form or text/plain POST from another local port changes nothing on disk', async ({ page, pilcrow }) => {
    await page.goto(pilcrow.url)
    await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible()
    const before = notesOnDisk(pilcrow.workspace)
    const target = `${pilcrow.origin}/api/createNote?token=${pilcrow.token}`
    const evil = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' })
      res.end(`<!doctype html><body>
        <form id="f" method="POST" action="${target}" enctype="text/plain"><input name='{"args":["pwned"],"x":"' value='"}'></form>
        <script>
          fetch(${JSON.stringify(target)}, { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body: '{"args":["pwned"]}' }).catch(() => {})
          setTimeout(() => document.getElementById('f').submit(), 200)
        </script></body>`)
    })
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve))
    try {
      const evilPage = await page.context().newPage()
      // the no-cors fetch ends as failed for the page (its answer is refused and opaque)
      const fetched = evilPage.waitForEvent('requestfailed', (r) => r.url().startsWith(pilcrow.origin) && r.resourceType() === 'fetch')
      const response = evilPage.waitForResponse((r) => r.url().startsWith(pilcrow.origin) && r.request().method() === 'POST' && r.request().resourceType() === 'document')
      await evilPage.goto(`http://127.0.0.1:${(evil.address() as AddressInfo).port}/`)
      // both attempts were answered (the fetch, then the form 200 ms later): nothing else is on its way
      await fetched
      expect((await response).status()).toBe(403)
    } finally {
      evil.close()
    }
    expect(notesOnDisk(pilcrow.workspace)).toEqual(before)
  })

  test('a DNS-rebinding attempt (a foreign name resolving to 127.0.0.1) is refused', async ({ pilcrow }) => {
    const options = chromiumLaunchOptions()
    const browser = await chromium.launch({ ...options, args: [...(options.args ?? []), '--host-resolver-rules=MAP rebind.attacker.test 127.0.0.1'] })
    try {
      const page = await browser.newPage()
      const port = new URL(pilcrow.origin).port
      const response = await page.goto(`http://rebind.attacker.test:${port}/?token=${pilcrow.token}`)
      expect(response!.status()).toBe(403)
      const api = await page.evaluate(async (p) => {
        const r = await fetch(`http://rebind.attacker.test:${p}/api/listSources`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"args":[]}' })
        return r.status
      }, port)
      expect(api).toBe(403)
    } finally {
      await browser.close()
    }
  })
})
