import { PilcrowError } from '../../../shared/errors'
import { importExtension } from '../../../shared/imports'

/**
 * Turns a text file's bytes into a string, refusing what is not text: binary data (NUL bytes or
 * many control characters) and bytes that are not valid UTF-8. UTF-16 files with a byte-order
 * mark are read too; a UTF-8 byte-order mark is dropped.
 */
export function decodeText(bytes: Uint8Array, fileName: string): string {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be'
    return strictDecode(bytes.subarray(2), encoding, fileName)
  }
  if (looksBinary(bytes)) {
    throw new PilcrowError('unsupported-format', `${fileName}: this file holds binary data, not text, so it cannot be imported as ${importExtension(fileName) ? `a ${importExtension(fileName)} file` : 'text'}.`)
  }
  return strictDecode(bytes, 'utf-8', fileName).replace(/^\uFEFF/, '')
}

function strictDecode(bytes: Uint8Array, encoding: string, fileName: string): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes)
  } catch {
    const offset = encoding === 'utf-8' ? firstInvalidUtf8(bytes) : -1
    const where = offset >= 0 ? ` (the first bad byte is at offset ${offset})` : ''
    throw new PilcrowError('unsupported-format', `${fileName}: the file is not valid ${encoding.toUpperCase()} text${where}. Save it as UTF-8 and import it again.`)
  }
}

/** NUL bytes, or more than 1 in 10 of the first 8 KB being control characters, mean binary. */
function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192)
  let control = 0
  for (const byte of sample) {
    if (byte === 0) return true
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) control++
  }
  return control > sample.length / 10
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let low = 0
  let high = bytes.length
  // the longest valid prefix, by bisection (decoding is all-or-nothing)
  while (low < high) {
    const mid = Math.ceil((low + high) / 2)
    try {
      // streaming: a sequence cut off at `mid` is not an error
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true })
      low = mid
    } catch {
      high = mid - 1
    }
  }
  // the prefix may end inside a sequence that the next byte broke: the error starts at its lead byte
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, low))
    return low
  } catch {
    let lead = low - 1
    while (lead > 0 && (bytes[lead]! & 0xc0) === 0x80) lead--
    return lead
  }
}

