import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { PilcrowError } from '../../shared/errors'
import { writeFileAtomic } from '../core/atomic-write'

/** A token as the server keeps it: never the token itself, only its SHA-256. */
const StoredToken = z.object({ name: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/), readOnly: z.boolean(), createdAt: z.string() })
const TokenFile = z.object({ version: z.literal(1), tokens: z.array(StoredToken) })
export type StoredToken = z.infer<typeof StoredToken>

/** What a connection may do with a token it presented. */
export type Access = { name: string; readOnly: boolean }

export const TOKEN_NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/
const TOKEN_PREFIX = 'pct_'

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex')

/**
 * The tokens a sync server accepts, in `DIR/tokens.json` (readable by its owner alone). The file
 * is read again whenever it changed, so a token added or revoked from another shell counts at the
 * next connection without a restart.
 */
export class TokenStore {
  private cache: { mtimeMs: number; tokens: StoredToken[] } | null = null

  constructor(private readonly dataDir: string) {}

  get file(): string {
    return join(this.dataDir, 'tokens.json')
  }

  async list(): Promise<StoredToken[]> {
    const stat = await fs.stat(this.file).catch(() => null)
    if (!stat) return []
    if (this.cache?.mtimeMs === stat.mtimeMs) return this.cache.tokens
    let parsed: unknown
    try {
      parsed = JSON.parse(await fs.readFile(this.file, 'utf8'))
    } catch (error) {
      throw new PilcrowError('unsupported-format', `The token file ${this.file} cannot be read (${(error as Error).message}); no token is accepted until it is fixed.`)
    }
    const result = TokenFile.safeParse(parsed)
    if (!result.success) throw new PilcrowError('unsupported-format', `The token file ${this.file} is not a Pilcrow token file; no token is accepted until it is fixed.`)
    this.cache = { mtimeMs: stat.mtimeMs, tokens: result.data.tokens }
    return result.data.tokens
  }

  /** Makes a new token for NAME and returns it: the only time it is ever shown. */
  async add(name: string, readOnly: boolean): Promise<string> {
    if (!TOKEN_NAME.test(name)) throw new PilcrowError('invalid-argument', `A token's name is 1 to 64 letters, digits, dots, dashes, @ or underscores, not "${name}".`)
    const tokens = await this.list()
    if (tokens.some((t) => t.name === name)) throw new PilcrowError('invalid-argument', `There is already a token named "${name}". Revoke it first, or choose another name.`)
    const token = TOKEN_PREFIX + randomBytes(24).toString('base64url')
    await this.write([...tokens, { name, sha256: sha256(token), readOnly, createdAt: new Date().toISOString() }])
    return token
  }

  /** Revokes NAME's token; false when there was none. */
  async revoke(name: string): Promise<boolean> {
    const tokens = await this.list()
    const kept = tokens.filter((t) => t.name !== name)
    if (kept.length === tokens.length) return false
    await this.write(kept)
    return true
  }

  /** Who a presented token belongs to and what it may do, or null for a wrong or revoked one. */
  async check(token: string): Promise<Access | null> {
    if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null
    const presented = Buffer.from(sha256(token), 'hex')
    for (const stored of await this.list()) {
      if (timingSafeEqual(presented, Buffer.from(stored.sha256, 'hex'))) return { name: stored.name, readOnly: stored.readOnly }
    }
    return null
  }

  private async write(tokens: StoredToken[]): Promise<void> {
    await fs.mkdir(this.dataDir, { recursive: true })
    await writeFileAtomic(this.file, JSON.stringify({ version: 1, tokens }, null, 2) + '\n', { mode: 0o600 })
    this.cache = null
  }
}
