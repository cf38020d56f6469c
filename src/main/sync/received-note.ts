import { MAX_NOTE_BYTES, parseNoteFile, serializeNote, type StoredNote } from '../core/note-file'

/** More nodes than any note written by hand holds (the 10,000-paragraph benchmark note has about 30,000). */
export const MAX_RECEIVED_NODES = 100_000

/**
 * Checks a note that arrived from a peer before its file is written: no more nodes than a note
 * can sensibly hold, and a file the notes folder would read back (size, depth, every field). A
 * note that fails is never written: the file keeps its last good version. Throws with the reason.
 */
export function checkReceivedNote(note: StoredNote, maxNodes = MAX_RECEIVED_NODES): void {
  let nodes = 0
  const stack: unknown[] = [note.content.root]
  while (stack.length > 0) {
    const node = stack.pop() as { children?: unknown }
    if (++nodes > maxNodes) throw new Error(`it holds over ${maxNodes.toLocaleString('en')} nodes`)
    if (Array.isArray(node?.children)) for (const child of node.children) stack.push(child)
  }
  const raw = serializeNote(note)
  if (Buffer.byteLength(raw) > MAX_NOTE_BYTES) throw new Error(`it is over the ${MAX_NOTE_BYTES / 1048576} MB limit of a note`)
  parseNoteFile(raw)
}
