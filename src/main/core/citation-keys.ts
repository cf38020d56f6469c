import type { SourceMeta } from '../../shared/model'

/** A source's key as Pandoc citations name it when none was set: "<first author's surname><year>", else its id. */
export function derivedCitationKey(meta: SourceMeta, id: string): string {
  const surname = meta.authors[0]
    ?.split(/\s+/)
    .at(-1)
    ?.normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
  const year = meta.date?.slice(0, 4)
  return surname && year ? `${surname}${year}` : id
}

/** `base`, or `base` with the first free letter after it ("tazmini2021b"), as reference managers do; then numbers. */
export function uniqueCitationKey(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base
  for (const letter of 'bcdefghijklmnopqrstuvwxyz') if (!taken.has(`${base}${letter}`)) return `${base}${letter}`
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`
}
