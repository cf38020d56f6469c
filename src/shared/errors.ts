/** Machine-readable reasons an API call can fail; the message says what to do. */
export type PilcrowErrorCode =
  | 'invalid-argument'
  | 'not-found'
  | 'unsupported-format'
  | 'io-error'
  | 'internal'

/** An error that crosses the API boundary with its code and a message meant for the user. */
export class PilcrowError extends Error {
  constructor(
    readonly code: PilcrowErrorCode,
    message: string
  ) {
    super(message)
    this.name = 'PilcrowError'
  }
}

/** The wire form of an error (IPC and HTTP). */
export interface SerializedError {
  code: PilcrowErrorCode
  message: string
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof PilcrowError) return { code: error.code, message: error.message }
  return { code: 'internal', message: 'Something went wrong inside Pilcrow. Details are in the log.' }
}
