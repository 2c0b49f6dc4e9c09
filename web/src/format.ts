// Money and dates as people in Kenya write them.

const LOCALE = 'en-KE'
const moneyFormats = new Map<string, Intl.NumberFormat>()

export function formatMoney(value: string | number | null | undefined, currency = 'KES'): string {
  const amount = typeof value === 'number' ? value : Number(value ?? 0)
  let format = moneyFormats.get(currency)
  if (!format) {
    format = new Intl.NumberFormat(LOCALE, { style: 'currency', currency })
    moneyFormats.set(currency, format)
  }
  return format.format(Number.isFinite(amount) ? amount : 0)
}

const dateTime = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'short' })
const dateOnly = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium' })

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—'
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? '—' : dateTime.format(date)
}

export function formatDate(value: string | null | undefined): string {
  if (!value) return '—'
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? '—' : dateOnly.format(date)
}

export function formatPercent(part: number, whole: number): string {
  if (!whole) return '0%'
  return new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 1 }).format(part / whole)
}

/** The value of a `datetime-local` input for an RFC 3339 time (in the browser's zone). */
export function toLocalInput(value: string | Date): string {
  const date = typeof value === 'string' ? new Date(value) : value
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`
}

/** RFC 3339 in UTC for the value of a `datetime-local` input. */
export function fromLocalInput(value: string): string {
  return new Date(value).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** "new" → "New", "in_progress" → "In progress". */
export function humanize(value: string): string {
  const text = value.replace(/[_-]+/g, ' ')
  return text.charAt(0).toUpperCase() + text.slice(1)
}

const counts = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 })

/** A count with thousands separators: 37556 → "37,556". */
export function formatCount(value: number | null | undefined): string {
  return counts.format(value ?? 0)
}
