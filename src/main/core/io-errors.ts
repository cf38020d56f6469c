import { PilcrowError } from '../../shared/errors'

const REASONS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the disk is read-only',
  EPERM: 'the operating system refused the change (permission denied)',
  EACCES: 'permission denied',
  EIO: 'the disk reported an input/output error',
  ENOENT: 'the folder no longer exists',
  EMFILE: 'too many files are open'
}

/** What a failed write means for the user, with the system's code for the curious (`ENOSPC`). */
export function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code
  if (code && REASONS[code]) return `${REASONS[code]} (${code})`
  return (error as Error | null)?.message ?? String(error)
}

/** Wraps a failed save: what failed, why, and that nothing on disk was harmed. */
export function notSaved(what: string, error: unknown): PilcrowError {
  return new PilcrowError('io-error', `Not saved: ${describeIoError(error)}. ${what} on disk was left as it was.`)
}
