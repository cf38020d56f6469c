// @vitest-environment jsdom
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { LEXICAL_BUILD, patchLexicalTextCache } from './lexical-text-cache'

const lexicalDist = dirname(createRequire(import.meta.url).resolve('lexical'))
const build = (name: 'dev' | 'prod'): { file: string; code: string } => {
  const file = join(lexicalDist, `Lexical.${name}.js`)
  return { file, code: readFileSync(file, 'utf8') }
}
/** The unpatched splice: `text.slice(0, text.length - n) + suffix`. */
const UNPATCHED = /([\w$]+)\.slice\(0,\s*\1\.length\s*-\s*[\w$]+\)\s*\+/g

describe('the Lexical text-cache patch', () => {
  for (const name of ['dev', 'prod'] as const) {
    it(`finds both splices in the installed Lexical.${name}.js and routes them through the helper`, () => {
      const { file, code } = build(name)
      expect(LEXICAL_BUILD.test(file)).toBe(true)
      expect(code.match(UNPATCHED)).toHaveLength(2)
      const patched = patchLexicalTextCache(code, file)
      expect(patched.match(/\$pilcrowSpliceSuffix\(/g)).toHaveLength(3) // two calls and the declaration
      expect(patched.match(UNPATCHED)).toBeNull()
    })
  }

  it('refuses code without the splices, so that a Lexical upgrade is re-checked', () => {
    expect(() => patchLexicalTextCache('export const x = 1', 'Lexical.prod.js')).toThrow(/found 0 of Lexical's 2 text-cache splices/)
  })
})

describe('Lexical with the patch', () => {
  // inside the project (node_modules/.cache): the test runner imports modules from under its root
  const cache = join(lexicalDist, '..', '..', '.cache')
  mkdirSync(cache, { recursive: true })
  const dir = mkdtempSync(join(cache, 'pilcrow-lexical-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('keeps the note’s text exact through typing at the end, new blocks, and edits in the middle', async () => {
    const { file, code } = build('prod')
    writeFileSync(join(dir, 'Lexical.patched.mjs'), patchLexicalTextCache(code, file))
    const lexical = (await import(/* @vite-ignore */ join(dir, 'Lexical.patched.mjs'))) as typeof import('lexical')
    const { createEditor, $getRoot, $createParagraphNode, $createTextNode, $isElementNode, $isTextNode } = lexical

    const editor = createEditor({ namespace: 'test', onError: (error) => { throw error } })
    const rootElement = document.createElement('div')
    rootElement.contentEditable = 'true'
    document.body.append(rootElement)
    editor.setRootElement(rootElement)

    const paragraphs = Array.from({ length: 40 }, (_, i) => `Paragraph ${i} says something.`)
    const update = (fn: () => void): void => editor.update(fn, { discrete: true })
    const cachedText = (): string => editor.getEditorState().read(() => $getRoot().getTextContent())
    const expectText = (): void => expect(cachedText()).toBe(paragraphs.join('\n\n'))
    const appendToParagraph = (index: number, text: string): void => {
      update(() => {
        const node = $getRoot().getChildAtIndex(index)
        const leaf = $isElementNode(node) ? node.getFirstChild() : null
        if (!$isTextNode(leaf)) throw new Error(`no text in paragraph ${index}`)
        leaf.setTextContent(leaf.getTextContent() + text)
      })
      paragraphs[index] += text
    }

    update(() => $getRoot().append(...paragraphs.map((text) => $createParagraphNode().append($createTextNode(text)))))
    expectText()

    // typing on at the end: the root's splice, its head reused from the second key on
    for (const key of 'typing on') appendToParagraph(paragraphs.length - 1, key)
    expectText()
    expect((rootElement as unknown as { __pilcrowTextHead?: { text: string } }).__pilcrowTextHead?.text).toBe(paragraphs.join('\n\n'))

    // a new last block (the size-changing splice), then typing in it
    update(() => $getRoot().append($createParagraphNode().append($createTextNode('New block'))))
    paragraphs.push('New block')
    expectText()
    for (const key of ' grows') appendToParagraph(paragraphs.length - 1, key)
    expectText()

    // an edit in the middle rewrites the cache by another path; a same-length edit is the case
    // where a stale head could pass for the current one
    update(() => {
      const leaf = ($getRoot().getChildAtIndex(3) as import('lexical').ElementNode).getFirstChild()
      if (!$isTextNode(leaf)) throw new Error('no text in paragraph 3')
      leaf.setTextContent(leaf.getTextContent().replace('says', 'SAYS'))
    })
    paragraphs[3] = paragraphs[3]!.replace('says', 'SAYS')
    expectText()
    for (const key of ' and on') appendToParagraph(paragraphs.length - 1, key)
    expectText()

    // deleting at the end: a shorter suffix
    update(() => {
      const leaf = ($getRoot().getLastChild() as import('lexical').ElementNode).getFirstChild()
      if (!$isTextNode(leaf)) throw new Error('no text in the last paragraph')
      leaf.setTextContent(leaf.getTextContent().slice(0, -3))
    })
    paragraphs[paragraphs.length - 1] = paragraphs.at(-1)!.slice(0, -3)
    expectText()
  })
})
