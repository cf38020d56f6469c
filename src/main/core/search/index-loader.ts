import MiniSearch, { type Options } from 'minisearch'

/** The parts of a persisted MiniSearch index (its `toJSON()`) that hold the postings. */
interface PersistedIndex {
  index: [string, Record<string, Record<string, number>>][]
  documentIds: Record<string, string>
  fieldLength: Record<string, number[]>
  storedFields: Record<string, unknown>
  [other: string]: unknown
}

/** MiniSearch's private maps, filled here as `loadJS` would. */
interface Internals {
  _documentIds: Map<number, string>
  _idToShortId: Map<string, number>
  _fieldLength: Map<number, number[]>
  _storedFields: Map<number, unknown>
  _index: { set(term: string, data: Map<number, Map<number, number>>): void }
}

/** Work this long before letting other tasks run (API calls, the first screen). */
const SLICE_MS = 12

/**
 * Loads a persisted index like `MiniSearch.loadJSONAsync`, but yields with `setImmediate` after
 * each ~12 ms slice of work. MiniSearch's own async loader waits on `setTimeout(0)` every 1,000
 * keys, which leaves the thread idle (at least 1 ms each time) for most of the load.
 */
export async function loadIndex<T>(json: string, options: Options<T>): Promise<MiniSearch<T>> {
  const js = JSON.parse(json) as PersistedIndex
  if (!Array.isArray(js.index) || typeof js.documentIds !== 'object' || typeof js.fieldLength !== 'object') throw new Error('not a MiniSearch index')
  if (js['serializationVersion'] !== 2) throw new Error('an index in an older MiniSearch format')
  // the shell (counts, field ids, averages, version checks) from MiniSearch itself; postings below
  const shell = { ...js, index: [], documentIds: {}, fieldLength: {}, storedFields: {} } as unknown as Parameters<typeof MiniSearch.loadJS>[0]
  const index = MiniSearch.loadJS<T>(shell, options)
  const internals = index as unknown as Internals
  let sliceStart = performance.now()
  const pause = async (): Promise<void> => {
    if (performance.now() - sliceStart < SLICE_MS) return
    await new Promise((resolve) => setImmediate(resolve))
    sliceStart = performance.now()
  }
  for (const [shortId, id] of Object.entries(js.documentIds)) {
    internals._documentIds.set(Number(shortId), id)
    internals._idToShortId.set(id, Number(shortId))
  }
  for (const [shortId, lengths] of Object.entries(js.fieldLength)) internals._fieldLength.set(Number(shortId), lengths)
  for (const [shortId, fields] of Object.entries(js.storedFields ?? {})) internals._storedFields.set(Number(shortId), fields)
  await pause()
  for (let i = 0; i < js.index.length; i++) {
    const [term, data] = js.index[i]!
    const fields = new Map<number, Map<number, number>>()
    for (const fieldId in data) {
      const postings = new Map<number, number>()
      const entry = data[fieldId]!
      for (const docId in entry) postings.set(Number(docId), entry[docId]!)
      fields.set(Number(fieldId), postings)
    }
    internals._index.set(term, fields)
    if ((i & 255) === 0) await pause()
  }
  return index
}
