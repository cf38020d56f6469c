import { describe, expect, it } from 'vitest'
import { cslHtmlToMarkdown } from './csl-html'

describe('cslHtmlToMarkdown', () => {
  it('keeps citeproc’s italics and bold, drops its blocks, decodes and escapes the words', () => {
    expect(cslHtmlToMarkdown('  <div class="csl-entry">Tazmini, G. (2021). Russia &#38; Iran: &#60;a&#62; test. <i>Journal of Eurasian Studies</i>, <i>3</i>, 1–2. https://doi.org/10.1/x</div>\n')).toBe(
      'Tazmini, G. (2021). Russia \\& Iran: \\<a\\> test. *Journal of Eurasian Studies*, *3*, 1–2. https://doi.org/10.1/x'
    )
    expect(cslHtmlToMarkdown('<div class="csl-entry">\n    <div class="csl-left-margin">[1]</div><div class="csl-right-inline">G. Tazmini, <i>J</i> <b>3</b>.</div>\n  </div>')).toBe('\\[1\\] G. Tazmini, *J* **3**.')
    expect(cslHtmlToMarkdown('<sup>1</sup>')).toBe('<sup>1</sup>')
  })
})
