import { describe, expect, it } from 'vitest'
import { JsonText, parseJsonText, stringifyWithJsonText } from './json-text'

describe('JSON text written into a larger JSON text', () => {
  it('is written as the JSON it holds, wherever it stands, and reads back as JSON.stringify would have written the value', () => {
    const content = { root: { type: 'root', children: [{ type: 'paragraph', text: 'a "quoted" word\n' }] } }
    const value = { args: [{ id: 'n-1', title: 'T', content: new JsonText(JSON.stringify(content)), more: [new JsonText('1'), new JsonText('"two"')] }] }
    const written = stringifyWithJsonText(value)
    expect(JSON.parse(written)).toEqual({ args: [{ id: 'n-1', title: 'T', content, more: [1, 'two'] }] })
    expect(written).toContain(JSON.stringify(content))
  })

  it('leaves a value without any as JSON.stringify writes it, strings that look like its marks included', () => {
    const value = { title: '\u0000json-text-abc:0', list: ['"\\u0000json-text-abc:0"'] }
    expect(stringifyWithJsonText(value)).toBe(JSON.stringify(value))
  })

  it('parseJsonText reads one back, and passes a plain value through', () => {
    expect(parseJsonText(new JsonText('{"root":{"children":[]}}'))).toEqual({ root: { children: [] } })
    const plain = { root: { children: [] } }
    expect(parseJsonText(plain)).toBe(plain)
  })
})
