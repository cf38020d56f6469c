import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import type { SerializedEditorState } from '../../../shared/notes'
import type { SearchHit } from '../../../shared/search'
import { DEFAULT_SETTINGS } from '../../../shared/settings'
import { bundledSourcePaths, findAppRoot } from '../app-paths'
import { Notebook } from '../notebook'
import { MemorySettingsStore } from '../settings-store'
import { useNotebooks, useTempDirs } from '../test-support'
import { LayeredIndex } from './layered-index'
import { parseQuery } from './query-parser'

const tempDir = useTempDirs()
const openNotebook = useNotebooks()
const open = async (dir = tempDir()) => {
  const nb = await openNotebook(dir)
  await nb.searchIndex.whenReady()
  return nb
}
const content = (...paragraphs: string[]): SerializedEditorState => ({
  root: { type: 'root', children: paragraphs.map((t) => ({ type: 'paragraph', children: [{ type: 'text', text: t }] })) }
})
const where = (hits: SearchHit[]) => hits.map((h) => (h.kind === 'source' ? (h.paragraph === null ? `${h.blockId.split('-')[0]}` : `¶${h.paragraph}`) : `note:${h.title}`))

describe('parseQuery', () => {
  it('takes the query syntax apart', () => {
    expect(parseQuery('"strategic partnership" kremlin -syria in:sources source:russia allia')).toEqual({
      words: ['kremlin', 'allia'],
      phrases: ['strategic partnership'],
      excluded: ['syria'],
      scope: 'sources',
      sourceWords: ['russia'],
      colors: [],
      tags: [],
      endsInWord: true
    })
    expect(parseQuery('source:"Russia and Iran" in:notes kremlin ')).toMatchObject({ sourceWords: ['Russia', 'and', 'Iran'], scope: 'notes', endsInWord: false })
    expect(parseQuery('color:Blue treaty')).toMatchObject({ colors: ['blue'], scope: 'highlights', words: ['treaty'] })
    expect(parseQuery('in:highlights')).toMatchObject({ scope: 'highlights' })
  })
})

describe('search', () => {
  it('finds paragraphs of the article, best first, with snippets and highlights', async () => {
    const nb = await open()
    const { hits } = await nb.search({ query: 'bulwark against isolation' })
    expect(where(hits)[0]).toBe('¶6')
    const hit = hits[0]!
    expect(hit).toMatchObject({ kind: 'source', title: 'Russia and Iran – a strategic alliance or something more?', paragraph: 6, sourceId: 'russia-iran-alignment' })
    const marked = hit.highlights.map(([a, b]) => hit.snippet.slice(a, b).toLowerCase())
    expect(marked).toEqual(expect.arrayContaining(['bulwark', 'isolation']))
  })

  it('matches prefixes while typing, typos, case, accents and word forms', async () => {
    const nb = await open()
    expect(where((await nb.search({ query: 'Nema' })).hits)[0]).toBe('¶7') // prefix of Nemati
    expect(where((await nb.search({ query: 'mercurial manoevrings' })).hits)[0]).toBe('¶12') // typo
    expect(where((await nb.search({ query: 'BUSHEHR' })).hits)[0]).toBe('¶9')
    expect(where((await nb.search({ query: 'Téhran alignment enduring' })).hits)[0]).toBe('¶12')
    expect(where((await nb.search({ query: 'alliances ' })).hits)).toContain('¶5') // plural → alliance
    expect(where((await nb.search({ query: 'delivering ' })).hits)).toContain('¶9') // -ing → deliver
  })

  it('compounds written another way meet: S300 / S-300, COVID19 / COVID-19, email / e-mail, Al-Assad / al Assad', async () => {
    const nb = await open()
    for (const words of ['The COVID-19 year.', 'Send an email today.', 'Bashar al Assad spoke.', 'The e-mail was lost.', 'One AlAssad rally.']) {
      const note = await nb.createNote('Compounds')
      await nb.saveNote({ id: note.id, title: '', content: content(words), baseRevision: note.revision })
    }
    const notesFor = async (query: string) => (await nb.search({ query, scope: 'notes' })).hits.map((h) => (h as { text: string }).text)
    expect(where((await nb.search({ query: 'S300' })).hits)[0]).toBe('¶9') // the article says "S-300"
    expect(where((await nb.search({ query: 's300 Kremlin ' })).hits)).toContain('¶9')
    expect(where((await nb.search({ query: 'S-300' })).hits)[0]).toBe('¶9')
    expect(await notesFor('COVID19')).toEqual(['The COVID-19 year.'])
    expect(await notesFor('covid-19')).toEqual(['The COVID-19 year.'])
    expect((await notesFor('email')).sort()).toEqual(['Send an email today.', 'The e-mail was lost.'])
    expect((await notesFor('e-mail')).sort()).toEqual(['Send an email today.', 'The e-mail was lost.'])
    expect((await notesFor('Al-Assad')).sort()).toEqual(['Bashar al Assad spoke.', 'One AlAssad rally.'])
    expect((await notesFor('al Assad')).sort()).toEqual(['Bashar al Assad spoke.'])
    // the compound is marked whole in the snippet
    const [hit] = (await nb.search({ query: 's300' })).hits
    expect(hit!.highlights.map(([a, b]) => hit!.snippet.slice(a, b))).toEqual(['S-300'])
  })

  it('says which words of the query match nothing, and searches with the others', async () => {
    const nb = await open()
    const response = await nb.search({ query: 'qwxzv Kremlin bulwark ' })
    expect(response.unmatched).toEqual(['qwxzv'])
    expect(where(response.hits)[0]).toBe('¶6')
    expect(await nb.search({ query: 'qwxzv zzqqk' })).toMatchObject({ hits: [], unmatched: ['qwxzv', 'zzqqk'] })
    expect((await nb.search({ query: 'Kremlin bulwark' })).unmatched).toBeUndefined()
  })

  it('in:notes alone lists the notes, most recently edited first; in:sources alone lists the sources', async () => {
    const nb = await open()
    const older = await nb.createNote('Older')
    await nb.saveNote({ id: older.id, title: 'Older', content: content('first words'), baseRevision: older.revision })
    await new Promise((r) => setTimeout(r, 5))
    const newer = await nb.createNote('Newer')
    await nb.saveNote({ id: newer.id, title: 'Newer', content: content('second words'), baseRevision: newer.revision })
    expect((await nb.search({ query: 'in:notes' })).hits.map((h) => [h.title, h.snippet])).toEqual([
      ['Newer', 'second words'],
      ['Older', 'first words']
    ])
    const sources = (await nb.search({ query: 'in:sources' })).hits
    expect(sources).toMatchObject([{ kind: 'source', sourceId: 'russia-iran-alignment', paragraph: 1 }])
  })

  it('matches "quoted phrases" exactly and drops -excluded words', async () => {
    const nb = await open()
    expect(where((await nb.search({ query: '"runs with the hare"' })).hits)).toEqual(['¶6'])
    expect(where((await nb.search({ query: '"hare runs with"' })).hits)).toEqual([])
    const withSyria = where((await nb.search({ query: 'partnership ' })).hits)
    const withoutSyria = where((await nb.search({ query: 'partnership -syria' })).hits)
    expect(withSyria).toContain('¶3')
    expect(withoutSyria).not.toContain('¶3')
    expect(withoutSyria.length).toBeGreaterThan(0)
  })

  it('never ranks a pull quote above the paragraph it repeats', async () => {
    const nb = await open()
    // the pull quotes' own words: without the rule, the shorter pull quote would win on BM25
    for (const [query, body] of [
      ['"revisionist states united in a quest"', null],
      ['revisionist states united quest undermine international system', '¶3'],
      ['Atlanticist ideological power systems critical partner', '¶11'],
      ['critical partner', '¶11']
    ] as const) {
      const order = where((await nb.search({ query })).hits)
      const pq = order.indexOf('pq')
      if (body === null) expect(order).toEqual(['pq']) // the phrase is only in the pull quote
      else {
        expect(pq).toBeGreaterThan(-1)
        expect(order.indexOf(body)).toBeLessThan(pq)
      }
    }
  })

  it('finds notes, keeps up with saves and the trash, and filters with in: and source:', async () => {
    const nb = await open()
    const note = await nb.createNote('Reading list')
    await nb.saveNote({ id: note.id, title: 'Reading list', content: content('First passage about oil.', 'The Kremlin bulwark is questionable.'), baseRevision: note.revision })
    const { hits } = await nb.search({ query: 'kremlin bulwark' })
    expect(where(hits)).toEqual(expect.arrayContaining(['¶6', 'note:Reading list']))
    const noteHit = hits.find((h) => h.kind === 'note')!
    expect(noteHit).toMatchObject({ kind: 'note', noteId: note.id, passage: 1, text: 'The Kremlin bulwark is questionable.' })
    expect(where((await nb.search({ query: 'kremlin bulwark in:notes' })).hits)).toEqual(['note:Reading list'])
    expect(where((await nb.search({ query: 'kremlin bulwark in:sources' })).hits)).not.toContain('note:Reading list')
    expect(where((await nb.search({ query: 'kremlin source:russia' })).hits).length).toBeGreaterThan(0)
    expect(where((await nb.search({ query: 'kremlin source:"some other title"' })).hits)).toEqual([])
    expect(where((await nb.search({ query: 'Reading list' })).hits)[0]).toBe('note:Reading list') // titles are boosted
    await nb.trashNote(note.id)
    expect(where((await nb.search({ query: 'kremlin bulwark in:notes' })).hits)).toEqual([])
  })

  it('indexes a long note again once its saves pause, not at every save; a search, or the index written at close, takes in the last save first', async () => {
    const dir = tempDir()
    const nb = await open(dir)
    const note = await nb.createNote('Long')
    const long = (last: string) => content(...Array.from({ length: 1000 }, (_, i) => `Paragraph ${i} of a long note.`), last)
    const indexed = vi.spyOn(LayeredIndex.prototype, 'add')
    try {
      const timesIndexed = () => indexed.mock.calls.filter(([document]) => document.id === `n|${note.id}`).length
      let revision = note.revision
      const save = async (word: string) => {
        revision = (await nb.saveNote({ id: note.id, title: 'Long', content: long(`The ${word} paragraph.`), baseRevision: revision })).revision
        await new Promise((resolve) => setImmediate(resolve)) // the index hears of a save a moment after it
      }
      // typing saves every few seconds: none of these saves is indexed yet
      for (const word of ['aardvark', 'bandicoot', 'capybara']) await save(word)
      expect(timesIndexed()).toBe(0)
      // a search takes in the last save first, once
      expect(where((await nb.search({ query: 'capybara' })).hits)).toEqual(['note:Long'])
      expect(where((await nb.search({ query: 'aardvark' })).hits)).toEqual([])
      expect(timesIndexed()).toBe(1)

      // saved again and closed with no search: the index written at close holds the last save
      // (the next start loads it as it is: it names the note's revision on disk)
      await save('dromedary')
      expect(timesIndexed()).toBe(1)
      const segment = statSync(join(dir, '.pilcrow', 'cache', 'search-index.bin')).ino
      await nb.close()
      const again = await open(dir)
      expect(statSync(join(dir, '.pilcrow', 'cache', 'search-index.bin')).ino, 'loaded, not built again').toBe(segment)
      expect(where((await again.search({ query: 'dromedary' })).hits)).toEqual(['note:Long'])
      expect(where((await again.search({ query: 'capybara' })).hits)).toEqual([])
    } finally {
      indexed.mockRestore()
    }
  })

  it('persists the index, reloads it, and rebuilds a corrupt, stale or incompatible one with the same results', async () => {
    const dir = tempDir()
    const first = await open(dir)
    const note = await first.createNote('Persisted')
    await first.saveNote({ id: note.id, title: 'Persisted', content: content('Sanctions and rapprochement.'), baseRevision: note.revision })
    await first.close()
    const cache = join(dir, '.pilcrow', 'cache')
    const segmentFile = join(cache, 'search-index.bin')
    const changesFile = join(cache, 'search-changes.json')
    const query = { query: 'sanctions rapprochement' }
    const layered = await first.search(query) // the article in the segment, the note in the live layer

    const loaded = await open(dir)
    expect((await loaded.getSearchStatus()).state).toBe('ready')
    expect((await loaded.search(query)).hits).toEqual(layered.hits)
    await loaded.close()

    // a fresh build folds the note into the segment: the same hits in the same order
    rmSync(cache, { recursive: true })
    const fresh = await open(dir)
    const expected = await fresh.search(query)
    await fresh.close()
    expect(where(expected.hits)).toEqual(where(layered.hits))
    expect(expected.hits.length).toBeGreaterThan(1)

    // latin1 keeps every byte of the binary segment as it was
    const damage = async (file: string, change: (raw: string) => string, reason: string) => {
      const inode = statSync(segmentFile).ino
      const original = readFileSync(file, 'latin1')
      writeFileSync(file, change(original), 'latin1')
      const nb = await openNotebook(dir, { bundled: false })
      const status = await nb.getSearchStatus()
      expect(status.state === 'rebuilding' || status.state === 'loading', reason).toBe(true)
      await nb.searchIndex.whenReady()
      expect(statSync(segmentFile).ino, `${reason}: the segment was written again`).not.toBe(inode)
      expect((await nb.search(query)).hits, reason).toEqual(expected.hits)
      await nb.close()
    }
    await damage(segmentFile, (raw) => raw.slice(0, raw.length / 2), 'truncated')
    await damage(segmentFile, () => 'garbage\u0000', 'garbage')
    await damage(segmentFile, (raw) => raw.slice(0, -10) + 'x'.repeat(10), 'damaged postings (checksum)')
    await damage(segmentFile, (raw) => raw.replace(/"version":"[^"]+"/, '"version":"other-options"'), 'other options')
    await damage(changesFile, (raw) => raw.replace(/"fingerprint":"[^"]+"/, '"fingerprint":"stale"'), 'stale')

    // a posting damaged: its block's sum is checked when a search first reads it, not at load;
    // the search that finds it is answered from an index built again
    const file = readFileSync(segmentFile)
    const headerEnd = file.indexOf(0x0a) + 1
    const postingsAt = (JSON.parse(file.toString('utf8', 0, headerEnd)) as { sections: Record<string, [number, number]> }).sections['postingDoc']![0]
    file[headerEnd + postingsAt + 5]! ^= 0xff
    writeFileSync(segmentFile, file)
    const inode = statSync(segmentFile).ino
    const nb = await open(dir)
    expect((await nb.getSearchStatus()).state).toBe('ready')
    expect((await nb.search(query)).hits).toEqual(expected.hits)
    expect(statSync(segmentFile).ino, 'the segment was written again').not.toBe(inode)
    await nb.close()
  })

  it('folds many changes into a new segment in the background, with the same results', async () => {
    const dir = tempDir()
    const nb = await open(dir)
    const cache = join(dir, '.pilcrow', 'cache')
    const segmentFile = join(cache, 'search-index.bin')
    const inode = statSync(segmentFile).ino
    // a book of 1,200 paragraphs: more changes than the segment of one article should carry
    const book = join(tempDir(), 'book.txt')
    writeFileSync(book, Array.from({ length: 1200 }, (_, i) => `Paragraph ${i} of the book about quokka number q${i}.`).join('\n\n'))
    const [outcome] = await nb.importSourceFiles([book])
    expect(outcome).toMatchObject({ status: 'added', blockCount: 1200 })
    const query = { query: 'quokka q600' }
    const layered = await nb.search(query)
    await nb.searchIndex.flush()
    expect(statSync(segmentFile).ino, 'a new segment was written').not.toBe(inode)
    const changes = readFileSync(join(cache, 'search-changes.json'), 'utf8')
    expect(JSON.parse(changes.slice(0, changes.indexOf('\n')))).toMatchObject({ tombstones: [] })
    expect(JSON.parse(changes.slice(changes.indexOf('\n') + 1))).toMatchObject({ documentCount: 0 })
    const compacted = await nb.search(query)
    expect(where(compacted.hits)).toEqual(where(layered.hits))
    expect(compacted.hits[0]).toMatchObject({ paragraph: 601, text: expect.stringContaining('q600') })
  })

  it('checks its index against the notes’ file stamps, reads only the notes among its hits, and still finds what another program changed', async () => {
    const dir = tempDir()
    const noteLink = (noteId: string, title: string) => ({ type: 'note-link', version: 1, noteId, title })
    const first = await open(dir)
    const target = await first.createNote('Caspian pipelines')
    const linking = await first.createNote('Energy')
    await first.saveNote({ id: linking.id, title: 'Energy', content: { root: { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', text: 'See ' }, noteLink(target.id, 'Caspian pipelines')] }] } }, baseRevision: linking.revision })
    await first.close()
    await (await open(dir)).close() // the notes' revisions are remembered with their stamps

    const notesRead = (nb: Notebook): boolean => (nb.notes as unknown as { read: unknown }).read !== null
    const again = await open(dir)
    expect((await again.search({ query: 'energy', scope: 'notes' })).hits.map((h) => h.title)).toEqual(['Energy'])
    expect(notesRead(again), 'a search read every note').toBe(false)
    // renamed: the note linking to it is found by its new title, though its old one was never read here
    const t = await again.getNote(target.id)
    await again.saveNote({ id: target.id, title: 'Gas routes', content: t.content, baseRevision: t.revision })
    expect((await again.search({ query: 'routes', scope: 'notes' })).hits.map((h) => h.title).sort()).toEqual(['Energy', 'Gas routes'])
    await again.close()

    // another program changes a note: its stamp changes, and the index is not trusted
    const file = join(dir, 'notes', `${linking.id}.json`)
    writeFileSync(file, readFileSync(file, 'utf8').replace('"See "', '"See quokkas and "'))
    const later = await open(dir)
    expect((await later.search({ query: 'quokkas' })).hits.map((h) => h.title)).toEqual(['Energy'])
  })

  it('searches from memory when the cache folder cannot be written', async () => {
    const dir = tempDir()
    await (await open(dir)).close()
    const cache = join(dir, '.pilcrow', 'cache')
    rmSync(cache, { recursive: true })
    writeFileSync(cache, 'a file where the cache folder should be') // even root cannot write in it
    const nb = await open(dir)
    expect((await nb.getSearchStatus()).state).toBe('ready')
    expect(where((await nb.search({ query: 'bulwark against isolation' })).hits)[0]).toBe('¶6')
    await nb.close()
  })

  it('a notebook closed before its delayed index load began stops at once, and the next start builds the index', async () => {
    const dir = tempDir()
    const quick = await Notebook.open({ workspaceDir: dir, bundledSources: bundledSourcePaths(findAppRoot()), settings: new MemorySettingsStore(DEFAULT_SETTINGS), searchIndexDelayMs: 60_000 })
    expect((await quick.getSearchStatus()).state).toBe('loading')
    await quick.close() // would hang for the delay, or load the index, if it waited for the load
    expect(existsSync(join(dir, '.pilcrow', 'cache', 'search-index.bin'))).toBe(false)
    const nb = await open(dir)
    expect(where((await nb.search({ query: 'bulwark against isolation' })).hits)[0]).toBe('¶6')
  })
})
