import Conf from 'conf'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '../../shared/settings'
import { CONF_OPTIONS, openConfSettings } from './conf-settings'
import { useTempDirs } from './test-support'

const tempDir = useTempDirs()
const openIn = (dir: string) =>
  openConfSettings(() => new Conf({ ...CONF_OPTIONS, cwd: dir, configName: 'settings', projectName: 'pilcrow' }), join(dir, 'settings.json'))

describe('settings through conf', () => {
  it('starts with defaults and keeps changes on disk', () => {
    const dir = tempDir()
    const store = openIn(dir)
    expect(store.get()).toEqual(DEFAULT_SETTINGS)
    store.update({ theme: 'dark', panes: { readerFraction: 0.4 } })
    expect(openIn(dir).get()).toMatchObject({ theme: 'dark', panes: { readerFraction: 0.4 } })
  })

  it('sets a torn settings file aside, uses defaults and says so', () => {
    const dir = tempDir()
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'settings.json'), '{"theme": "da')
    const store = openIn(dir)
    expect(store.get()).toEqual(DEFAULT_SETTINGS)
    expect(store.recovery).toMatch(/^Your settings file could not be read \(.+\)\. It was set aside as settings\.corrupt-.+\.json and defaults are in use\.$/)
    const aside = readdirSync(dir).find((n) => n.startsWith('settings.corrupt-'))!
    expect(readFileSync(join(dir, aside), 'utf8')).toBe('{"theme": "da')
  })

  it('reads values of the wrong type as their defaults', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ theme: 'neon', editorFontSize: 'huge', panes: null }))
    const store = openIn(dir)
    expect(store.get()).toEqual(DEFAULT_SETTINGS)
    expect(existsSync(join(dir, 'settings.json'))).toBe(true)
  })
})
