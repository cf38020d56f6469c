const DATE_FORMAT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })

/** "18 January 2021" from "2021-01-18"; anything unparseable is shown as written. */
export function formatDate(iso: string): string {
  const time = Date.parse(iso)
  return Number.isNaN(time) ? iso : DATE_FORMAT.format(new Date(time))
}

/**
 * "2021-01-18" from a date as documents write it: ISO ("2021-01-18T06:00Z", kept as written),
 * a year alone, or words ("July 4, 1776", "18 January 2021"). Undefined when it is not a date.
 */
export function toIsoDate(value: string | undefined | null): string | undefined {
  const text = value?.trim()
  if (!text) return undefined
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(text)
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`
  if (/^\d{4}$/.test(text)) return `${text}-01-01`
  const time = Date.parse(`${text} 12:00 UTC`)
  const fallback = Number.isNaN(time) ? Date.parse(text) : time
  if (Number.isNaN(fallback)) return undefined
  return new Date(fallback).toISOString().slice(0, 10)
}
