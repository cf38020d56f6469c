import type { Plugin } from 'vite'

/**
 * A build-time patch to Lexical 0.52 (`lexical/dist/Lexical.{dev,prod}.js`): typing at the end of a
 * long note no longer copies the note's whole text on every keystroke.
 *
 * Lexical keeps each element's text as one cached string. When only the last children changed, its
 * reconciler splices the cache: `text.slice(0, text.length - oldSuffix) + newSuffix`. The result is
 * a concatenation (a V8 "cons string"), and slicing a cons string at the next keystroke makes V8
 * flatten it first, i.e. copy all of it: about 5 ms a key in a 10,000-paragraph note (1.3 million
 * characters), half of the app's work per keystroke. The patch keeps the unchanged head of the last
 * splice with the text it produced; when the next splice keeps the same head (typing on in the
 * same last block), it is reused instead of sliced, so no copy is made. The text is the same
 * either way: the head is reused only when the cache is still the exact string the last splice
 * produced from it. Lexical 0.53 has the same code; the registry has nothing newer.
 */

/** The helper the splice sites call, added to the end of the module (function declarations hoist). */
const HELPER = `
/* Pilcrow: reuses the unchanged head of an element's cached text (see scripts/lexical-text-cache.ts). */
function $pilcrowSpliceSuffix(cacheDom, text, oldSuffixLength, newSuffix) {
  const headLength = text.length - oldSuffixLength;
  const last = cacheDom.__pilcrowTextHead;
  const head = last !== undefined && last.text === text && last.head.length === headLength ? last.head : text.slice(0, headLength);
  const spliced = head + newSuffix;
  cacheDom.__pilcrowTextHead = { head, text: spliced };
  return spliced;
}
`

/** An identifier, as either build names it (minified names may hold `$`). */
const ID = String.raw`([\w$]+)`
/** `text.slice(0, text.length - oldSuffixLength) + newSuffix`, spaced as in either build. */
const SPLICE = String.raw`${ID}\.slice\(0,\s*\2\.length\s*-\s*${ID}\)\s*\+\s*${ID}`

/**
 * The two sites, as the dev and prod builds write them (in both, the splice's `text` is group 2):
 * `cacheDom.__lexicalTextContent = <splice>`, and
 * `const newChildText = <splice>; [return] cacheDom.__lexicalTextContent = newChildText`.
 */
const DIRECT = new RegExp(String.raw`${ID}\.__lexicalTextContent\s*=\s*${SPLICE}`, 'g')
const VIA_NAME = new RegExp(String.raw`${ID}\s*=\s*${SPLICE}(;\s*(?:return\s+)?)${ID}(\.__lexicalTextContent\s*=\s*)\1(?![\w$])`, 'g')

const SITES = 2

/** Lexical's own builds, the files the patch applies to. */
export const LEXICAL_BUILD = /[\\/]node_modules[\\/]lexical[\\/]dist[\\/]Lexical\.(dev|prod)\.js$/

/** The patched module; throws when the code no longer has the two sites (a Lexical upgrade must be re-checked). */
export function patchLexicalTextCache(code: string, file: string): string {
  let sites = 0
  const patched = code
    .replace(DIRECT, (_all, cacheDom: string, text: string, oldSuffixLength: string, newSuffix: string) => {
      sites++
      return `${cacheDom}.__lexicalTextContent = $pilcrowSpliceSuffix(${cacheDom}, ${text}, ${oldSuffixLength}, ${newSuffix})`
    })
    .replace(VIA_NAME, (_all, name: string, text: string, oldSuffixLength: string, newSuffix: string, between: string, cacheDom: string, assign: string) => {
      sites++
      return `${name} = $pilcrowSpliceSuffix(${cacheDom}, ${text}, ${oldSuffixLength}, ${newSuffix})${between}${cacheDom}${assign}${name}`
    })
  if (sites !== SITES) {
    throw new Error(`${file}: found ${sites} of Lexical's ${SITES} text-cache splices; Lexical changed, re-check scripts/lexical-text-cache.ts`)
  }
  return patched + HELPER
}

/** The Vite plugin that applies the patch to Lexical's build files as they are bundled. */
export function lexicalTextCache(): Plugin {
  return {
    name: 'pilcrow:lexical-text-cache',
    transform(code, id) {
      if (!LEXICAL_BUILD.test(id)) return null
      return { code: patchLexicalTextCache(code, id), map: null }
    }
  }
}
