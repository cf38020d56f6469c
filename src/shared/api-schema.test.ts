import { describe, expect, it } from 'vitest'
import { NOTEBOOK_API_METHODS, type NotebookApi } from './api'
import { apiArgumentSchemas, dispatchCall } from './api-schema'
import { DEFAULT_SETTINGS } from './settings'

const calls: unknown[][] = []
const fake = new Proxy({} as NotebookApi, {
  get: (_t, method) => async (...args: unknown[]) => (calls.push([method, ...args]), DEFAULT_SETTINGS)
})

describe('dispatchCall', () => {
  it('has a schema for every method of the contract, and only those', () => {
    expect(Object.keys(apiArgumentSchemas).sort()).toEqual([...NOTEBOOK_API_METHODS].sort())
  })

  it('passes valid calls through', async () => {
    await dispatchCall(fake, 'updateSettings', [{ theme: 'dark' }])
    expect(calls.at(-1)).toEqual(['updateSettings', { theme: 'dark' }])
  })

  it.each([
    ['__proto__', [], 'Unknown API method: __proto__'],
    ['toString', [], 'Unknown API method: toString'],
    ['getSource', [], 'Invalid arguments for getSource'],
    ['getSource', ['../etc/passwd'], 'Invalid arguments for getSource (argument 0): ids are lower-case letters, digits and dashes'],
    ['getSource', 'not-a-list', 'Invalid arguments for getSource'],
    ['updateSettings', [{ theme: 'neon' }], 'Invalid arguments for updateSettings (argument 0.theme)'],
    ['updateSettings', [{ nodeIntegration: true }], 'Invalid arguments for updateSettings (argument 0)'],
    ['listSources', ['extra'], 'Invalid arguments for listSources']
  ])('refuses %s %j', async (method, args, message) => {
    await expect(dispatchCall(fake, method, args)).rejects.toThrow(message)
  })
})
